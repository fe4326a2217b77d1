using Forum.Data;

namespace Forum.FunctionalTests.Infrastructure;

/// <summary>A test of something only SQLite has (its pragmas, its file): reported as skipped on the other providers.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.Provider != DatabaseProvider.Sqlite)
        {
            Skip = $"SQLite only; this run is on {TestDatabase.Provider}.";
        }
    }
}
