namespace Forum.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Which database the forum uses, bound from the "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, defaults to a file in the app's data folder; required for SQL Server.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the app starts (else run `dotnet ef database update`).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Load the demo forum from seeds/ when the database has no theme yet.</summary>
    public bool SeedDemoData { get; set; } = true;
}
