using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Forum.Synthesis.Statistics;

/// <summary>
/// Applies tally changes inside the caller's transaction with atomic upserts: concurrent posts to one
/// phase add to the same rows without reading them first, so none is lost and none conflicts. All
/// rows of a table go in one multi-row statement, which keeps SQLite's write lock held briefly.
/// SQLite, SQL Server and PostgreSQL spell an upsert differently; each is written out here.
/// </summary>
internal static class TallyWriter
{
    public static async Task ApplyAsync(DbContext db, TallyChanges changes, CancellationToken cancellation)
    {
        var dialect = DialectOf(db);

        // Distinct contributors first: an author's count moving from 0 or to 0 changes that tally.
        var contributors = changes.Contributors.ToList();
        if (contributors.Count > 0)
        {
            await using var command = await UpsertAsync(db, dialect.ContributorUpsert,
                contributors.Select(c => new object[] { (int)c.Key.Scope, c.Key.ScopeId, c.Key.AuthorId, c.Value }), cancellation);
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                var key = new ContributorKey((TallyScope)reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2));
                var after = reader.GetInt32(3);
                var delta = contributors.First(c => c.Key == key).Value;
                if (delta > 0 && after == delta)
                {
                    changes.Count(new(key.Scope, key.ScopeId, TallyKinds.Contributors, ""), 1);
                }
                else if (delta < 0 && after == 0)
                {
                    changes.Count(new(key.Scope, key.ScopeId, TallyKinds.Contributors, ""), -1);
                }
            }
        }

        var tallies = changes.Tallies.ToList();
        if (tallies.Count > 0)
        {
            await using var command = await UpsertAsync(db, dialect.TallyUpsert,
                tallies.Select(t => new object[] { (int)t.Key.Scope, t.Key.ScopeId, t.Key.Kind, t.Key.Item, t.Value }), cancellation);
            await command.ExecuteNonQueryAsync(cancellation);
        }
    }

    /// <param name="RebuildIsolation">The level at which a rebuild recounts, with <paramref name="RebuildLock"/> run first when there is one.</param>
    internal sealed record Dialect(string TallyUpsert, string ContributorUpsert, IsolationLevel RebuildIsolation, string? RebuildLock = null);

    private static readonly Dialect Sqlite = new(SqliteTallyUpsert, SqliteContributorUpsert, IsolationLevel.Serializable);
    private static readonly Dialect SqlServer = new(SqlServerTallyUpsert, SqlServerContributorUpsert, IsolationLevel.Serializable);

    // PostgreSQL's serializable level fails a transaction that meets a concurrent write instead of waiting for it; a
    // rebuild there locks the tallies against writers (who upsert them first in their transactions), waits for those
    // already writing, and then each READ COMMITTED statement sees every contribution they committed. The tables are
    // locked in the order writers take them (ApplyAsync: contributors, then tallies): the other order deadlocked with a
    // post holding the first and waiting for the second.
    private static readonly Dialect Postgres = new(PostgresTallyUpsert, PostgresContributorUpsert, IsolationLevel.ReadCommitted,
        """LOCK TABLE "ContributorTallies", "StatisticTallies" IN EXCLUSIVE MODE""");

    internal static Dialect DialectOf(DbContext db) => db.Database.ProviderName switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => Sqlite,
        "Microsoft.EntityFrameworkCore.SqlServer" => SqlServer,
        "Npgsql.EntityFrameworkCore.PostgreSQL" => Postgres,
        var other => throw new NotSupportedException($"No tally upsert is written for the provider '{other}'."),
    };

    /// <summary>The upsert <paramref name="sql"/> with its {0} filled by one parameter row per item, in the caller's transaction.</summary>
    private static async Task<DbCommand> UpsertAsync(DbContext db, string sql, IEnumerable<object[]> items, CancellationToken cancellation)
    {
        await db.Database.OpenConnectionAsync(cancellation);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var rows = new List<string>();
        foreach (var (values, i) in items.Select((values, i) => (values, i)))
        {
            var names = new List<string>();
            foreach (var (value, j) in values.Select((value, j) => (value, j)))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}_{j}";
                parameter.Value = value;
                command.Parameters.Add(parameter);
                names.Add(parameter.ParameterName);
            }
            rows.Add($"({string.Join(", ", names)})");
        }
        command.CommandText = string.Format(sql, string.Join(", ", rows));
        return command;
    }

    // {0} is the list of value rows, e.g. "(@p0_0, @p0_1, @p0_2, @p0_3, @p0_4), (@p1_0, …)". "WHERE true" lets SQLite
    // tell the upsert's ON CONFLICT from a join constraint after INSERT … SELECT.
    internal const string SqliteTallyUpsert =
        """
        INSERT INTO "StatisticTallies" ("Scope", "ScopeId", "Kind", "Item", "Count")
        SELECT * FROM (VALUES {0}) WHERE true
        ON CONFLICT ("Scope", "ScopeId", "Kind", "Item") DO UPDATE SET "Count" = "Count" + excluded."Count";
        """;

    internal const string SqliteContributorUpsert =
        """
        INSERT INTO "ContributorTallies" ("Scope", "ScopeId", "AuthorId", "Count")
        SELECT * FROM (VALUES {0}) WHERE true
        ON CONFLICT ("Scope", "ScopeId", "AuthorId") DO UPDATE SET "Count" = "Count" + excluded."Count"
        RETURNING "Scope", "ScopeId", "AuthorId", "Count";
        """;

    // HOLDLOCK makes MERGE take a range lock, so two first posts on a new row cannot both insert it.
    internal const string SqlServerTallyUpsert =
        """
        MERGE [StatisticTallies] WITH (HOLDLOCK) AS t
        USING (VALUES {0}) AS s ([Scope], [ScopeId], [Kind], [Item], [Delta])
        ON t.[Scope] = s.[Scope] AND t.[ScopeId] = s.[ScopeId] AND t.[Kind] = s.[Kind] AND t.[Item] = s.[Item]
        WHEN MATCHED THEN UPDATE SET [Count] = t.[Count] + s.[Delta]
        WHEN NOT MATCHED THEN INSERT ([Scope], [ScopeId], [Kind], [Item], [Count]) VALUES (s.[Scope], s.[ScopeId], s.[Kind], s.[Item], s.[Delta]);
        """;

    internal const string SqlServerContributorUpsert =
        """
        MERGE [ContributorTallies] WITH (HOLDLOCK) AS t
        USING (VALUES {0}) AS s ([Scope], [ScopeId], [AuthorId], [Delta])
        ON t.[Scope] = s.[Scope] AND t.[ScopeId] = s.[ScopeId] AND t.[AuthorId] = s.[AuthorId]
        WHEN MATCHED THEN UPDATE SET [Count] = t.[Count] + s.[Delta]
        WHEN NOT MATCHED THEN INSERT ([Scope], [ScopeId], [AuthorId], [Count]) VALUES (s.[Scope], s.[ScopeId], s.[AuthorId], s.[Delta])
        OUTPUT inserted.[Scope], inserted.[ScopeId], inserted.[AuthorId], inserted.[Count];
        """;

    // Rows come sorted by key (TallyChanges), so concurrent writers lock shared rows in one order and never deadlock;
    // at READ COMMITTED, ON CONFLICT waits for a concurrent insert of the same key and then updates the committed row.
    internal const string PostgresTallyUpsert =
        """
        INSERT INTO "StatisticTallies" AS t ("Scope", "ScopeId", "Kind", "Item", "Count")
        VALUES {0}
        ON CONFLICT ("Scope", "ScopeId", "Kind", "Item") DO UPDATE SET "Count" = t."Count" + excluded."Count";
        """;

    internal const string PostgresContributorUpsert =
        """
        INSERT INTO "ContributorTallies" AS t ("Scope", "ScopeId", "AuthorId", "Count")
        VALUES {0}
        ON CONFLICT ("Scope", "ScopeId", "AuthorId") DO UPDATE SET "Count" = t."Count" + excluded."Count"
        RETURNING t."Scope", t."ScopeId", t."AuthorId", t."Count";
        """;
}
