using System.Data.Common;
using Forum.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Forum.FunctionalTests.Infrastructure;

/// <summary>
/// A database of its own for one forum under test, on the provider the environment names:
/// FORUM_TEST_POSTGRES or FORUM_TEST_SQLSERVER hold a connection string to a server (its database
/// name is ignored), and without either every forum gets a SQLite file. On a server each forum gets a
/// new database, created here and dropped on disposal, so tests stay independent and run in parallel.
/// </summary>
public abstract class TestDatabase : IDisposable
{
    public const string PostgresVariable = "FORUM_TEST_POSTGRES";
    public const string SqlServerVariable = "FORUM_TEST_SQLSERVER";

    /// <summary>The provider this run of the suite is on.</summary>
    public static DatabaseProvider Provider { get; } =
        Configured(PostgresVariable) is not null ? DatabaseProvider.Postgres
        : Configured(SqlServerVariable) is not null ? DatabaseProvider.SqlServer
        : DatabaseProvider.Sqlite;

    public static TestDatabase Create() => Provider switch
    {
        DatabaseProvider.Postgres => new PostgresTestDatabase(Configured(PostgresVariable)!),
        DatabaseProvider.SqlServer => new SqlServerTestDatabase(Configured(SqlServerVariable)!),
        _ => new SqliteTestDatabase(),
    };

    private static string? Configured(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;

    public abstract string ConnectionString { get; }

    /// <summary>The configuration keys that put a forum on this database.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["Database:ConnectionString"] = ConnectionString,
    };

    /// <summary>A connection of the test's own to the forum's database, opened, for writing around the app as another instance would.</summary>
    public async Task<DbConnection> OpenAsync()
    {
        var connection = NewConnection();
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs one statement; parameters are written @name in <paramref name="sql"/>, identifiers in double quotes (valid on every provider).</summary>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T));
    }

    /// <summary>The forum's context on this database, without the app's interceptors: for migrating it by hand.</summary>
    public ForumDbContext CreateContext()
    {
        switch (Provider)
        {
            case DatabaseProvider.Postgres:
                var postgres = new DbContextOptionsBuilder<PostgresForumDbContext>();
                DatabaseServiceCollectionExtensions.ConfigurePostgres(postgres, ConnectionString);
                return new PostgresForumDbContext(postgres.Options);
            case DatabaseProvider.SqlServer:
                var sqlServer = new DbContextOptionsBuilder<SqlServerForumDbContext>();
                DatabaseServiceCollectionExtensions.ConfigureSqlServer(sqlServer, ConnectionString);
                return new SqlServerForumDbContext(sqlServer.Options);
            default:
                var sqlite = new DbContextOptionsBuilder<SqliteForumDbContext>();
                DatabaseServiceCollectionExtensions.ConfigureSqlite(sqlite, ConnectionString);
                return new SqliteForumDbContext(sqlite.Options);
        }
    }

    /// <summary>Something that tells whether anything was committed to this database since it last looked.</summary>
    public Task<DatabaseWatch> WatchAsync() => DatabaseWatch.OpenAsync(this);

    /// <summary>A query that writes the query whose answer changes whenever anything is committed (see <see cref="DatabaseWatch"/>).</summary>
    protected abstract string FingerprintSource { get; }

    private string? _fingerprint;

    /// <summary>The rows of the fingerprint query, written once: the tables do not change under a test.</summary>
    internal async Task<string> FingerprintAsync(DbConnection connection)
    {
        if (_fingerprint is null)
        {
            await using var source = connection.CreateCommand();
            source.CommandText = FingerprintSource;
            _fingerprint = (string)(await source.ExecuteScalarAsync())!;
        }
        return await RowsAsync(connection, _fingerprint);
    }

    /// <summary>A connection that does not keep others from dropping the database afterwards.</summary>
    internal abstract DbConnection NewConnection();

    public abstract void Dispose();

    /// <summary>One statement on a connection of its own, opened and closed here (creating or dropping a database).</summary>
    protected static void Execute(DbConnection connection, string sql)
    {
        using (connection)
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Every row <paramref name="sql"/> returns, as one string.</summary>
    protected static async Task<string> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i)))));
        }
        return string.Join(";", rows);
    }
}

internal sealed class SqliteTestDatabase : TestDatabase
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("forum-tests");

    public string Path => System.IO.Path.Combine(_folder.FullName, "forum.db");

    public override string ConnectionString => $"Data Source={Path}";

    internal override DbConnection NewConnection() => new SqliteConnection($"Data Source={Path};Pooling=False");

    // SQLite counts the commits made by other connections (PRAGMA data_version).
    protected override string FingerprintSource => "SELECT 'PRAGMA data_version'";

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (_folder.Exists)
        {
            _folder.Delete(recursive: true);
        }
    }
}

internal sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _server;
    private readonly string _name = $"forum_test_{Guid.NewGuid():N}";

    public PostgresTestDatabase(string server)
    {
        _server = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString;
        // Created here rather than by the app's migrations, so the app's first start finds it and logs no failed connection.
        Execute(new NpgsqlConnection(_server), $"CREATE DATABASE \"{_name}\"");
    }

    public override string ConnectionString { get; }

    internal override DbConnection NewConnection() => new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);

    // Every row written or rewritten carries the id of its transaction (xmin), and a deletion changes a count.
    protected override string FingerprintSource => """
        SELECT string_agg(format('SELECT %L, count(*), coalesce(max(xmin::text::bigint), 0) FROM %I', tablename, tablename), ' UNION ALL ' ORDER BY tablename)
        FROM pg_tables WHERE schemaname = 'public'
        """;

    public override void Dispose()
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        Execute(new NpgsqlConnection(_server), $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }
}

/// <summary>Never run on this project's machines (no SQL Server here); anyone with one runs the suite on it through FORUM_TEST_SQLSERVER.</summary>
internal sealed class SqlServerTestDatabase : TestDatabase
{
    private readonly string _server;
    private readonly string _name = $"forum_test_{Guid.NewGuid():N}";

    public SqlServerTestDatabase(string server)
    {
        _server = new SqlConnectionStringBuilder(server) { InitialCatalog = "master", Pooling = false }.ConnectionString;
        ConnectionString = new SqlConnectionStringBuilder(server) { InitialCatalog = _name }.ConnectionString;
        Execute(new SqlConnection(_server), $"CREATE DATABASE [{_name}]");
    }

    public override string ConnectionString { get; }

    internal override DbConnection NewConnection() => new SqlConnection(new SqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);

    // A checksum of every row of every table, with the count for deletions.
    protected override string FingerprintSource => """
        SELECT STRING_AGG(CAST('SELECT ''' + name + ''', COUNT_BIG(*), CHECKSUM_AGG(BINARY_CHECKSUM(*)) FROM ' + QUOTENAME(name) AS nvarchar(max)), ' UNION ALL ')
            WITHIN GROUP (ORDER BY name)
        FROM sys.tables
        """;

    public override void Dispose()
    {
        SqlConnection.ClearPool(new SqlConnection(ConnectionString));
        Execute(new SqlConnection(_server),
            $"IF DB_ID('{_name}') IS NOT NULL BEGIN ALTER DATABASE [{_name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_name}]; END");
    }
}
