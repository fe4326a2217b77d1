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

    public ForumDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<SqliteForumDbContext>();
        DatabaseServiceCollectionExtensions.ConfigureSqlite(options, ConnectionString);
        return new SqliteForumDbContext(options.Options);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
