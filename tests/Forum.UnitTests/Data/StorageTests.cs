using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Languages;
using Forum.Core.Phases;
using Forum.Core.Text;
using Forum.Core.Themes;
using Forum.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Forum.UnitTests.Data;

public class StorageTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static readonly DateTime Now = new(2026, 9, 10, 8, 0, 0, DateTimeKind.Utc);
    private static readonly VersionText Texts = new(new ForumLanguages(["en", "fr", "es"]), new ForumOptions(), new MarkdownRenderer());

    private Task<(int PhaseId, string AuthorId)> NewPhaseAsync() => database.NewPhaseAsync(Now);

    private static Contribution Post(int phaseId, string authorId, string language, DateTime at) =>
        Contribution.Start(phaseId, PhaseState.Open, authorId, Texts.Create(language, "Titre", "Texte", true, authorId, at), at);

    [Fact]
    public async Task The_database_refuses_a_second_version_in_the_same_language_even_past_the_domain_check()
    {
        var (phaseId, authorId) = await NewPhaseAsync();
        await using var db = database.CreateContext();
        var contribution = Post(phaseId, authorId, "fr", Now);
        db.Contributions.Add(contribution);
        await db.SaveChangesAsync();

        var duplicate = Texts.Create("fr", "Autre", "Autre texte", true, authorId, Now);
        duplicate.ContributionId = contribution.Id;
        db.ContributionVersions.Add(duplicate);
        var act = () => db.SaveChangesAsync();
        await act.Should().ThrowAsync<DbUpdateException>();
    }

    [Fact]
    public async Task Instants_come_back_as_utc_with_full_precision()
    {
        var (phaseId, authorId) = await NewPhaseAsync();
        var at = new DateTime(2026, 9, 10, 8, 0, 0, DateTimeKind.Utc).AddTicks(1234567);
        await using (var db = database.CreateContext())
        {
            db.Contributions.Add(Post(phaseId, authorId, "es", at));
            await db.SaveChangesAsync();
        }
        await using var read = database.CreateContext();
        var stored = await read.Contributions.SingleAsync(c => c.PhaseId == phaseId);
        stored.CreatedAt.Should().Be(at);
        stored.CreatedAt.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public async Task Concurrent_saves_of_the_same_phase_let_the_first_win()
    {
        var (phaseId, _) = await NewPhaseAsync();
        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var a = await first.Phases.SingleAsync(p => p.Id == phaseId);
        var b = await second.Phases.SingleAsync(p => p.Id == phaseId);

        a.ClosesAt = a.ClosesAt.AddDays(1);
        a.ConcurrencyToken = Guid.NewGuid();
        await first.SaveChangesAsync();

        b.ClosesAt = b.ClosesAt.AddDays(2);
        b.ConcurrencyToken = Guid.NewGuid();
        var act = () => second.SaveChangesAsync();
        await act.Should().ThrowAsync<DbUpdateConcurrencyException>();

        await using var read = database.CreateContext();
        (await read.Phases.SingleAsync(p => p.Id == phaseId)).ClosesAt.Should().Be(Now.AddDays(6));
    }

    [Fact]
    public async Task The_list_of_a_phase_is_read_through_its_index_without_a_sort()
    {
        var (phaseId, _) = await NewPhaseAsync();
        await using var db = database.CreateContext();
        var sql = db.Contributions.Where(c => c.PhaseId == phaseId && c.ParentId == null && c.CreatedAt < Now)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(51).ToQueryString();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql.Substring(sql.IndexOf("SELECT", StringComparison.Ordinal));
        foreach (var line in sql.Split('\n').Where(l => l.StartsWith(".param set")))
        {
            var parts = line.Split(' ', 4);
            var parameter = command.CreateParameter();
            parameter.ParameterName = parts[2];
            parameter.Value = parts[3].Trim('\'');
            command.Parameters.Add(parameter);
        }
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }
        plan.Should().Contain(p => p.Contains("USING INDEX IX_Contributions_PhaseId_CreatedAt_Id"));
        plan.Should().NotContain(p => p.Contains("TEMP B-TREE"), "keyset paging must not sort the phase's rows");
    }
}
