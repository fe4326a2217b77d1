using Microsoft.Data.Sqlite;

namespace Forum.FunctionalTests.Infrastructure;

/// <summary>
/// Tells whether anything was committed to the forum's SQLite file since the last look, through
/// SQLite's own counter of commits made by other connections (PRAGMA data_version): cheap enough to
/// ask after every request.
/// </summary>
public sealed class DatabaseWatch : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private long _seen;

    private DatabaseWatch(SqliteConnection connection) => _connection = connection;

    public static async Task<DatabaseWatch> OpenAsync(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var watch = new DatabaseWatch(connection);
        watch._seen = await watch.VersionAsync();
        return watch;
    }

    /// <summary>True when another connection committed since the previous call (or since opening).</summary>
    public async Task<bool> ChangedAsync()
    {
        var now = await VersionAsync();
        var changed = now != _seen;
        _seen = now;
        return changed;
    }

    private async Task<long> VersionAsync()
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
