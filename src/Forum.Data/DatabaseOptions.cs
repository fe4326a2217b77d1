namespace Forum.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}

/// <summary>
/// SQLite's synchronous setting in WAL mode (docs/decisions/0006-sqlite-durability.md). Both keep every
/// acknowledged write when the process dies; only Full also keeps the last ones when the machine loses power.
/// </summary>
public enum SqliteSynchronous
{
    /// <summary>The WAL is synced at checkpoints only: a commit is one write, no fsync.</summary>
    Normal,
    /// <summary>The WAL is synced at every commit.</summary>
    Full,
}

/// <summary>Which database the forum uses, bound from the "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, defaults to a file in the app's data folder; required for SQL Server and PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the app starts (else run `dotnet ef database update`).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Load the demo forum from seeds/ when the database has no theme yet.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>Normal survives a crash of the process, Full also a crash of the machine; SQLite only.</summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;
}
