using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Events;
using Forum.Core.Languages;
using Forum.Core.Phases;
using Forum.Core.Text;
using Forum.Data;
using Forum.Data.Events;
using Forum.Synthesis.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Forum.UnitTests.Data;

/// <summary>The pending events of a context on a real SQLite file, with the interceptors in the application's order.</summary>
public class EventsAfterCommitTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static readonly DateTime Now = new(2026, 9, 10, 8, 0, 0, DateTimeKind.Utc);
    private static readonly VersionText Texts = new(new ForumLanguages(["en", "fr", "es"]), new ForumOptions(), new MarkdownRenderer());

    private sealed class Heard : IForumEventHandler
    {
        public List<ForumEvent> Events { get; } = [];

        public ValueTask HandleAsync(ForumEvent forumEvent, CancellationToken cancellation)
        {
            Events.Add(forumEvent);
            return ValueTask.CompletedTask;
        }
    }

    private ForumDbContext Context(Heard heard)
    {
        var options = new DbContextOptionsBuilder<SqliteForumDbContext>();
        var publisher = new ForumEventPublisher([heard], NullLogger<ForumEventPublisher>.Instance);
        DatabaseServiceCollectionExtensions.ConfigureSqlite(options, database.ConnectionString, new EventsAfterCommit(publisher), database.Statistics, new ChangeEvents());
        return new SqliteForumDbContext(options.Options);
    }

    private static Contribution Post(int phaseId, string authorId, string language) =>
        Contribution.Start(phaseId, PhaseState.Open, authorId, Texts.Create(language, "Titre", "Texte", true, authorId, Now), Now);

    [Fact]
    public async Task A_save_that_fails_inside_a_transaction_takes_back_only_its_own_events()
    {
        var (phaseId, authorId) = await database.NewPhaseAsync(Now);
        var heard = new Heard();
        await using var db = Context(heard);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var kept = Post(phaseId, authorId, "fr");
        db.Contributions.Add(kept);
        await db.SaveChangesAsync();

        // A new post and a second French version of the first: the database refuses the save.
        var refused = Post(phaseId, authorId, "en");
        db.Contributions.Add(refused);
        var duplicate = Texts.Create("fr", "Autre", "Autre texte", true, authorId, Now);
        duplicate.ContributionId = kept.Id;
        db.ContributionVersions.Add(duplicate);
        await FluentActions.Awaiting(() => db.SaveChangesAsync()).Should().ThrowAsync<DbUpdateException>();
        db.Entry(refused).State = EntityState.Detached;
        db.Entry(duplicate).State = EntityState.Detached;
        heard.Events.Should().BeEmpty("nothing is committed yet");
        await transaction.CommitAsync();

        heard.Events.Should().Equal(new StatisticsChanged(phaseId), heard.Events.OfType<ContributionPosted>().Single());
        heard.Events.OfType<ContributionPosted>().Single().ContributionId.Should().Be(kept.Id);
    }
}
