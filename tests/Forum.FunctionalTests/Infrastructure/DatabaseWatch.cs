using System.Data.Common;

namespace Forum.FunctionalTests.Infrastructure;

/// <summary>
/// Tells whether anything was committed to the forum's database since the last look: cheap enough to
/// ask after every request. Each provider says what changes on a commit (<see cref="TestDatabase"/>).
/// </summary>
public sealed class DatabaseWatch : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly DbConnection _connection;
    private string _seen = "";

    private DatabaseWatch(TestDatabase database, DbConnection connection)
    {
        _database = database;
        _connection = connection;
    }

    internal static async Task<DatabaseWatch> OpenAsync(TestDatabase database)
    {
        var watch = new DatabaseWatch(database, await database.OpenAsync());
        watch._seen = await database.FingerprintAsync(watch._connection);
        return watch;
    }

    /// <summary>True when something was committed since the previous call (or since opening).</summary>
    public async Task<bool> ChangedAsync()
    {
        var now = await _database.FingerprintAsync(_connection);
        var changed = now != _seen;
        _seen = now;
        return changed;
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
