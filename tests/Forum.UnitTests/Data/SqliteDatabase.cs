using Forum.Core.Time;
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

    public void Dispose() => _folder.Delete(recursive: true);
}
