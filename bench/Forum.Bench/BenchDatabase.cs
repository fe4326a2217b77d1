using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Forum.Bench;

/// <summary>The database the server under test runs on: how the server reaches it, how it is seeded, what it costs.</summary>
public abstract class BenchDatabase
{
    public abstract string Name { get; }

    /// <summary>The server's Database:Provider.</summary>
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>The settings that decide what a commit costs, as they are in effect.</summary>
    public abstract string Durability();

    /// <summary>Memory of the database's own processes in MB; NaN when the database lives inside the server process.</summary>
    public abstract DatabaseMemory Memory();

    /// <summary>CPU time of the database's own processes so far; zero when the database lives inside the server process.</summary>
    public abstract TimeSpan CpuTime();

    /// <summary>
    /// What the database's sessions were doing until stopped, on average over samples every 100 ms, e.g. "6.1 Lock:transactionid,
    /// 1.2 IO:WALSync"; empty when the database cannot tell (SQLite's work is the server's).
    /// </summary>
    public virtual Task<string> SampleActivityAsync(CancellationToken stop) => Task.FromResult("");

    internal abstract ISeedStore OpenSeedStore();
}

/// <param name="PssMb">Proportional set size summed over the processes: memory they share (PostgreSQL's shared buffers) counted once.</param>
/// <param name="RssMb">Resident size summed over them: shared memory counted once per process that touched it.</param>
/// <param name="Backends">The server processes connected to the benchmark's database.</param>
public sealed record DatabaseMemory(double PssMb, double RssMb, int Backends)
{
    public static readonly DatabaseMemory InsideServer = new(double.NaN, double.NaN, 0);

    public bool Separate => !double.IsNaN(PssMb);

    /// <summary>Each figure's larger value: the peaks of a span sampled several times.</summary>
    public static DatabaseMemory Max(DatabaseMemory a, DatabaseMemory b) =>
        new(Math.Max(a.PssMb, b.PssMb), Math.Max(a.RssMb, b.RssMb), Math.Max(a.Backends, b.Backends));
}

/// <summary>A new SQLite file, opened by the server in process.</summary>
public sealed class SqliteBenchDatabase(string path) : BenchDatabase
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);
    public override string Name => "SQLite";
    public override string Provider => "Sqlite";
    public override string ConnectionString => $"Data Source={Path}";

    public static SqliteBenchDatabase Create(string path) =>
        File.Exists(path)
            // The set-up creates a theme with a fixed slug and expects an empty list.
            ? throw new ArgumentException($"{path} exists; give the path of a new database file.")
            : new SqliteBenchDatabase(path);

    public override string Durability()
    {
        // journal_mode is stored in the file; synchronous is per connection, set by the server from its options.
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        var synchronous = Environment.GetEnvironmentVariable("Database__SqliteSynchronous") ?? "Normal";
        return $"journal_mode={command.ExecuteScalar()}, synchronous={synchronous.ToUpperInvariant()} (in the server process, one writer at a time)";
    }

    public override DatabaseMemory Memory() => DatabaseMemory.InsideServer;

    public override TimeSpan CpuTime() => TimeSpan.Zero;

    internal override ISeedStore OpenSeedStore() => new SqliteSeedStore(ConnectionString);
}

/// <summary>A fresh database on a PostgreSQL server; its processes are measured from /proc, so the server must run on this machine.</summary>
public sealed class PostgresBenchDatabase : BenchDatabase
{
    private readonly string _database;
    private int _postmasterPid;

    private PostgresBenchDatabase(string serverConnectionString, string database)
    {
        _database = database;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database }.ToString();
    }

    public override string Name => "PostgreSQL";
    public override string Provider => "Postgres";
    public override string ConnectionString { get; }

    /// <param name="serverConnectionString">An Npgsql connection string to the server, without a database.</param>
    public static PostgresBenchDatabase Create(string serverConnectionString, string database)
    {
        var admin = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false }.ToString();
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", database);
            if ((long)exists.ExecuteScalar()! > 0)
            {
                throw new ArgumentException($"The database {database} exists; give the name of a new one (--postgres-database).");
            }
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            create.ExecuteNonQuery();
        }
        return new PostgresBenchDatabase(serverConnectionString, database);
    }

    public override string Durability()
    {
        using var connection = Open();
        using var settings = new NpgsqlCommand("SELECT string_agg(name || '=' || current_setting(name), ', ') FROM unnest(@names) AS name", connection);
        settings.Parameters.AddWithValue("names", new[] { "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "commit_delay", "shared_buffers" });
        using var version = new NpgsqlCommand("SHOW server_version", connection);
        return $"PostgreSQL {version.ExecuteScalar()}: {settings.ExecuteScalar()} (a separate server, writers commit concurrently)";
    }

    /// <summary>
    /// The postmaster and every process it started (backends, checkpointer, WAL writer, autovacuum): the whole server
    /// runs for this benchmark only. Read from /proc/*/smaps_rollup, which needs the same user or root.
    /// </summary>
    public override DatabaseMemory Memory()
    {
        double pss = 0, rss = 0;
        var backends = 0;
        foreach (var pid in ClusterPids())
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
                {
                    if (line.StartsWith("Pss:")) pss += Kilobytes(line) / 1024.0;
                    else if (line.StartsWith("Rss:")) rss += Kilobytes(line) / 1024.0;
                }
                // A backend's title: "postgres: <user> <database> <client> <state>".
                if (File.ReadAllText($"/proc/{pid}/cmdline").Contains($" {_database} ", StringComparison.Ordinal))
                {
                    backends++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended between listing and reading.
            }
        }
        return new DatabaseMemory(pss, rss, backends);
    }

    /// <summary>User and system time of the postmaster and its processes, with that of children already ended.</summary>
    public override TimeSpan CpuTime()
    {
        long ticks = 0;
        foreach (var pid in ClusterPids())
        {
            if (Stat(pid) is { } fields)
            {
                ticks += fields[14] + fields[15] + fields[16] + fields[17]; // utime, stime, cutime, cstime
            }
        }
        // Clock ticks are 1/100 s on Linux.
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>Sessions on the benchmark's database in a transaction: waiting (type:event, e.g. a row lock or the WAL's sync), on CPU, or between statements.</summary>
    public override async Task<string> SampleActivityAsync(CancellationToken stop)
    {
        // From another database, so that this session is not one of those it counts.
        using var connection = Open("postgres");
        using var command = new NpgsqlCommand(
            """
            SELECT CASE WHEN state = 'idle in transaction' THEN 'idle in transaction' ELSE coalesce(wait_event_type || ':' || wait_event, 'CPU') END, count(*)
            FROM pg_stat_activity WHERE datname = @database AND state IN ('active', 'idle in transaction')
            GROUP BY 1
            """, connection);
        command.Parameters.AddWithValue("database", _database);
        var totals = new Dictionary<string, long>();
        var samples = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
                {
                    while (await reader.ReadAsync(CancellationToken.None))
                    {
                        totals[reader.GetString(0)] = totals.GetValueOrDefault(reader.GetString(0)) + reader.GetInt64(1);
                    }
                }
                samples++;
                await Task.Delay(100, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
        return samples == 0 ? "" : string.Join(", ", totals.OrderByDescending(t => t.Value).Where(t => t.Value * 20 >= samples)
            .Select(t => $"{(double)t.Value / samples:0.0} {t.Key}"));
    }

    internal override ISeedStore OpenSeedStore() => new PostgresSeedStore(Open());

    /// <summary>A connection of this program's own, closed for good when disposed so that no idle backend stays counted.</summary>
    internal NpgsqlConnection Open(string? database = null)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Database = database ?? _database }.ToString());
        connection.Open();
        return connection;
    }

    private List<int> ClusterPids()
    {
        if (_postmasterPid == 0)
        {
            using var connection = Open();
            var backend = (int)new NpgsqlCommand("SELECT pg_backend_pid()", connection).ExecuteScalar()!;
            _postmasterPid = (int)(Stat(backend) ?? throw new InvalidOperationException(
                $"PostgreSQL's backend {backend} is not in /proc: the benchmark measures a server on this machine only."))[4];
        }
        var pids = new List<int> { _postmasterPid };
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(System.IO.Path.GetFileName(folder), out var pid) && Stat(pid) is { } fields && fields[4] == _postmasterPid)
            {
                pids.Add(pid);
            }
        }
        return pids;
    }

    /// <summary>The numeric fields of /proc/pid/stat, indexed by their number in proc(5): [4] is the parent's pid, [14] utime.</summary>
    private static long[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The name (field 2) is in parentheses and may hold spaces: fields 4 onwards follow the last ')' and the state.
            return new long[4].Concat(text[(text.LastIndexOf(')') + 2)..].Split(' ').Skip(1)
                .Select(f => long.TryParse(f, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0)).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
