using System.Data.Common;
using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Languages;
using Forum.Core.Phases;
using Forum.Core.Text;
using Forum.Core.Time;
using Forum.Data;
using Forum.Synthesis.Statistics;
using Forum.UnitTests.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Forum.UnitTests.Statistics;

/// <summary>The tallies on a real SQLite file: atomic with the contributions, and cheap to read however large the phase.</summary>
public class TallyStorageTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static readonly DateTime Now = new(2026, 9, 10, 8, 0, 0, DateTimeKind.Utc);
    private static readonly ForumLanguages Languages = new(["en", "fr", "es"]);
    private static readonly VersionText Texts = new(Languages, new ForumOptions(), new MarkdownRenderer());

    private Task<(int PhaseId, string AuthorId)> NewPhaseAsync() => database.NewPhaseAsync(Now);

    private static Contribution Post(int phaseId, string authorId, string language) =>
        Contribution.Start(phaseId, PhaseState.Open, authorId, Texts.Create(language, "Titre", "Texte", true, authorId, Now), Now);

    private StatisticsReader Reader(ForumDbContext db) =>
        new(db, Languages, new ForumClock(TimeProvider.System, ForumClock.FindZone("Europe/Paris")));

    [Fact]
    public async Task A_save_the_database_refuses_leaves_the_tallies_as_they_were()
    {
        var (phaseId, authorId) = await NewPhaseAsync();
        await using (var db = database.CreateContext())
        {
            db.Contributions.Add(Post(phaseId, authorId, "fr"));
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            // An author who does not exist: the foreign key fails after the tallies were written in the same transaction.
            db.Contributions.Add(Post(phaseId, "no-such-user", "en"));
            var save = () => db.SaveChangesAsync();
            await save.Should().ThrowAsync<DbUpdateException>();
        }

        await using var reader = database.CreateContext();
        var statistics = (await Reader(reader).ForPhaseAsync(phaseId))!.Statistics;
        statistics.Contributions.Should().Be(1);
        statistics.Contributors.Should().Be(1);
        statistics.Combinations.Should().ContainSingle().Which.Languages.Should().Equal("fr");
        (await reader.Contributions.CountAsync(c => c.PhaseId == phaseId)).Should().Be(1);
    }

    [Fact]
    public async Task A_save_refused_as_stale_rolls_back_its_transaction_and_leaves_none_open()
    {
        var (phaseId, authorId) = await NewPhaseAsync();
        var contribution = Post(phaseId, authorId, "fr");
        await using (var db = database.CreateContext())
        {
            db.Contributions.Add(contribution);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var read = await db.Contributions.SingleAsync(c => c.Id == contribution.Id);
            // Another writer changes the row after this one read it.
            await using (var other = database.CreateContext())
            {
                await other.Contributions.Where(c => c.Id == contribution.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ConcurrencyToken, Guid.NewGuid()));
            }
            read.Hide("Off topic.", "moderator", Now);
            var save = () => db.SaveChangesAsync();
            await save.Should().ThrowAsync<DbUpdateConcurrencyException>();

            db.Database.CurrentTransaction.Should().BeNull("the transaction begun for the tallies ends with the refused save");
            db.ChangeTracker.Clear();
            db.Contributions.Add(Post(phaseId, authorId, "en"));
            await db.SaveChangesAsync();
        }

        await using var reader = database.CreateContext();
        var statistics = (await Reader(reader).ForPhaseAsync(phaseId))!.Statistics;
        statistics.Contributions.Should().Be(2, "the hiding was refused, the next post counted");
    }

    [Fact]
    public async Task Reading_statistics_takes_the_same_two_queries_for_three_or_three_hundred_contributions()
    {
        var small = await PhaseWithAsync(3);
        var large = await PhaseWithAsync(300);

        var (smallCommands, smallStatistics) = await CountCommandsAsync(small);
        var (largeCommands, largeStatistics) = await CountCommandsAsync(large);

        smallStatistics.Contributions.Should().Be(3);
        largeStatistics.Contributions.Should().Be(300);
        smallCommands.Should().Be(2);
        largeCommands.Should().Be(smallCommands);
    }

    private async Task<int> PhaseWithAsync(int contributions)
    {
        var (phaseId, authorId) = await NewPhaseAsync();
        await using var db = database.CreateContext();
        for (var i = 0; i < contributions; i++)
        {
            db.Contributions.Add(Post(phaseId, authorId, Languages.Codes[i % 3]));
        }
        await db.SaveChangesAsync();
        return phaseId;
    }

    private async Task<(int Commands, ContributionStatistics Statistics)> CountCommandsAsync(int phaseId)
    {
        var counter = new CommandCounter();
        await using var db = database.CreateContext(counter);
        var statistics = (await Reader(db).ForPhaseAsync(phaseId))!.Statistics;
        return (counter.Count, statistics);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            // PRAGMAs run once per connection and are not part of the read.
            if (!command.CommandText.StartsWith("PRAGMA", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref Count);
            }
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
