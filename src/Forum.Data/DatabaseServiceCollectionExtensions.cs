using System.Data.Common;
using System.Runtime.CompilerServices;
using Forum.Core.Time;
using Forum.Data.Events;
using Forum.Synthesis;
using Forum.Synthesis.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forum.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ForumDbContext"/> on the provider the "Database" options name. Every provider's pool is
    /// registered and the options, validated on start, pick one when a context is first asked for, so that
    /// the section is read in one place only; the other pools are never used.
    /// </summary>
    public static IServiceCollection AddForumDatabase(this IServiceCollection services, string contentRoot)
    {
        services.AddDbContextPool<SqliteForumDbContext>((sp, o) =>
        {
            var database = Configured(sp);
            ConfigureSqlite(o, SqliteConnectionString(database.ConnectionString, contentRoot), database.SqliteSynchronous, SaveInterceptors(sp));
        });
        services.AddDbContextPool<SqlServerForumDbContext>((sp, o) => ConfigureSqlServer(o, Configured(sp).ConnectionString!, SaveInterceptors(sp)));
        services.AddDbContextPool<PostgresForumDbContext>((sp, o) => ConfigurePostgres(o, Configured(sp).ConnectionString!, SaveInterceptors(sp)));
        services.AddScoped<ForumDbContext>(sp => Configured(sp).Provider switch
        {
            DatabaseProvider.Sqlite => sp.GetRequiredService<SqliteForumDbContext>(),
            DatabaseProvider.SqlServer => sp.GetRequiredService<SqlServerForumDbContext>(),
            DatabaseProvider.Postgres => sp.GetRequiredService<PostgresForumDbContext>(),
            var unknown => throw new InvalidOperationException($"Unknown database provider '{unknown}'."),
        });
        services.AddScoped<IForumData>(sp => sp.GetRequiredService<ForumDbContext>());
        services.AddSingleton<StatisticsMaintainer>();
        services.AddSingleton<ChangeEvents>();
        services.AddSingleton<EventsAfterCommit>();
        return services;
    }

    private static DatabaseOptions Configured(IServiceProvider services) => services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

    /// <summary>
    /// The events' way out first, so that it marks where each save begins before the others raise; the
    /// statistics before the change events, so that listeners hear of the counts first, as before.
    /// </summary>
    private static IInterceptor[] SaveInterceptors(IServiceProvider services) =>
        [services.GetRequiredService<EventsAfterCommit>(), services.GetRequiredService<StatisticsMaintainer>(), services.GetRequiredService<ChangeEvents>()];

    /// <param name="onSave">Keep statistics current and raise events on every save; left out only where nothing is saved (design time).</param>
    public static void ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString, params IInterceptor[] onSave) =>
        ConfigureSqlite(builder, connectionString, SqliteSynchronous.Normal, onSave);

    public static void ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString, SqliteSynchronous synchronous, params IInterceptor[] onSave) =>
        builder.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.For(synchronous)).ForForum(onSave);

    public static void ConfigureSqlServer(DbContextOptionsBuilder builder, string connectionString, params IInterceptor[] onSave) =>
        builder.UseSqlServer(connectionString).ForForum(onSave);

    public static void ConfigurePostgres(DbContextOptionsBuilder builder, string connectionString, params IInterceptor[] onSave) =>
        builder.UseNpgsql(connectionString).ForForum(onSave);

    /// <summary>
    /// What every provider's context shares: the save interceptors, and EF's failed commands and saves logged as
    /// warnings, not errors. EF logs them before the caller decides, so a race the caller handles (a synthesis
    /// taking the next number, a translation that lost to another) read as a failure in the log; a failure nobody
    /// handles still reaches the exception handler, which logs it as an error.
    /// </summary>
    private static DbContextOptionsBuilder ForForum(this DbContextOptionsBuilder builder, IInterceptor[] onSave) =>
        builder.ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Warning), (CoreEventId.SaveChangesFailed, LogLevel.Warning)))
            .AddInterceptors(onSave);

    /// <summary>The SQLite connection string, with a relative file made absolute under the content root and its folder created.</summary>
    public static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? "Data Source=data/forum.db" : configured);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        return builder.ToString();
    }
}

/// <summary>
/// Per-connection SQLite settings. WAL lets readers run beside the writer and is stored in the file;
/// synchronous is per connection: NORMAL in WAL mode keeps every committed transaction through a crash
/// of the process (not of the machine), FULL through a power loss too (docs/decisions/0006-sqlite-durability.md).
/// busy_timeout lets SQLite wait for the write lock in short steps of its own instead of failing
/// back to the driver, whose retry sleeps 150 ms. EF opens a pooled connection for each query, so
/// the pragmas run once per native connection only.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private static readonly SqlitePragmas Normal = new("NORMAL");
    private static readonly SqlitePragmas Full = new("FULL");

    private readonly string _pragmas;

    private SqlitePragmas(string synchronous) =>
        _pragmas = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    /// <summary>One instance per level, shared by every context: each remembers the native connections it has set up.</summary>
    public static SqlitePragmas For(SqliteSynchronous synchronous) => synchronous switch
    {
        SqliteSynchronous.Normal => Normal,
        SqliteSynchronous.Full => Full,
        _ => throw new InvalidOperationException($"Database:SqliteSynchronous is Normal or Full, not '{synchronous}'."),
    };

    private readonly ConditionalWeakTable<object, object> _configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || _configured.TryGetValue(handle, out _))
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
        _configured.AddOrUpdate(handle, handle);
    }
}
