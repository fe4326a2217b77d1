using Forum.Core.Phases;
using Forum.Core.Themes;
using Forum.Core.Time;
using Forum.Data.Accounts;
using Forum.Synthesis.Statistics;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Forum.Data;
using Microsoft.EntityFrameworkCore;

namespace Forum.UnitTests.Data;

/// <summary>A migrated SQLite file of its own for each test class, removed afterwards.</summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("forum-data-tests");

    public SqliteDatabase()
    {
        ConnectionString = DatabaseServiceCollectionExtensions.SqliteConnectionString("Data Source=forum.db;Pooling=False", _folder.FullName);
        using var db = CreateContext();
        db.Database.Migrate();
    }

    public string ConnectionString { get; }

    /// <summary>Keeps statistics tallies as the application does.</summary>
    public StatisticsMaintainer Statistics { get; } = new(new ForumClock(TimeProvider.System, ForumClock.FindZone("Europe/Paris")));

    public ForumDbContext CreateContext(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<SqliteForumDbContext>();
        DatabaseServiceCollectionExtensions.ConfigureSqlite(options, ConnectionString, Statistics);
        options.AddInterceptors(interceptors);
        return new SqliteForumDbContext(options.Options);
    }

    /// <summary>A theme with one phase open at <paramref name="now"/>, written in <paramref name="language"/>, and an author.</summary>
    public async Task<(int PhaseId, string AuthorId)> NewPhaseAsync(DateTime now, string language = "en")
    {
        await using var db = CreateContext();
        var user = new ForumUser { UserName = $"{Guid.NewGuid():N}@test", Email = "a@test" };
        db.Users.Add(user);
        var theme = new Theme
        {
            Slug = $"t-{Guid.NewGuid():N}",
            OriginalLanguage = language,
            Texts = [new ThemeText { Language = language, Title = "T", Description = "D" }],
            Phases = [new Phase { Number = 1, OriginalLanguage = language, OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(5), Texts = [new PhaseText { Language = language, Title = "P", Question = "Q?" }] }],
        };
        db.Themes.Add(theme);
        await db.SaveChangesAsync();
        return (theme.Phases[0].Id, user.Id);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
