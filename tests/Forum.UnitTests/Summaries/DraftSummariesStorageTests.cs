using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Languages;
using Forum.Core.Phases;
using Forum.Core.Text;
using Forum.Core.Time;
using Forum.Data;
using Forum.Synthesis.Summaries;
using Forum.UnitTests.Data;

namespace Forum.UnitTests.Summaries;

/// <summary>Stored drafts on a real SQLite file: marked stale by a change, and bounded on a large phase.</summary>
public class DraftSummariesStorageTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static readonly DateTime Now = new(2026, 9, 10, 8, 0, 0, DateTimeKind.Utc);
    private static readonly ForumLanguages Languages = new(["en", "fr", "es"]);
    private static readonly VersionText Texts = new(Languages, new ForumOptions(), new MarkdownRenderer());

    private static DraftSummaries Drafts(ForumDbContext db, int maxContributions = 20_000) =>
        new(db, new DraftSummarizer(), Languages, new ForumClock(TimeProvider.System, ForumClock.FindZone("Europe/Paris")),
            new ForumOptions { SummaryMaxContributions = maxContributions });

    [Fact]
    public async Task A_large_phase_is_summarized_from_an_even_sample_and_a_change_makes_the_draft_stale()
    {
        var phaseId = await PhaseWithFrenchContributionsAsync(250);

        await using (var db = database.CreateContext())
        {
            var timings = await Drafts(db, maxContributions: 100).ComputeAsync(phaseId);
            var french = timings.Single(t => t.Language == "fr");
            french.Available.Should().Be(250);
            french.Contributions.Should().BeInRange(80, 100, "every third contribution by id is read");
            timings.Single(t => t.Language == "en").Available.Should().Be(0);
        }

        await using (var db = database.CreateContext())
        {
            var stored = await Drafts(db).ReadAsync(phaseId, "fr");
            stored.Status.Should().Be(DraftStatus.Ready);
            stored.Available.Should().Be(250);
            stored.Draft.Sentences.Should().NotBeEmpty();

            var author = db.Contributions.First(c => c.PhaseId == phaseId).AuthorId;
            db.Contributions.Add(Contribution.Start(phaseId, PhaseState.Open, author, Texts.Create("fr", "Encore", "Une de plus sur les coopératives.", true, author, Now), Now));
            await db.SaveChangesAsync();
            (await Drafts(db).ReadAsync(phaseId, "fr")).Status.Should().Be(DraftStatus.Stale);
            (await Drafts(db).IsOutdatedAsync(phaseId)).Should().BeTrue();
        }
    }

    private async Task<int> PhaseWithFrenchContributionsAsync(int count)
    {
        var (phaseId, authorId) = await database.NewPhaseAsync(Now, "fr");
        await using var db = database.CreateContext();
        string[] subjects = ["Les coopératives locales", "Les monnaies locales", "Les réseaux de producteurs", "Les mutuelles de santé"];
        for (var i = 0; i < count; i++)
        {
            var body = $"{subjects[i % 4]} soutiennent l'emploi dans les territoires ruraux. Contribution numéro {i} sur l'économie solidaire et les territoires.";
            db.Contributions.Add(Contribution.Start(phaseId, PhaseState.Open, authorId, Texts.Create("fr", "Titre", body, true, authorId, Now), Now));
        }
        await db.SaveChangesAsync();
        return phaseId;
    }
}
