using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Forum.Synthesis.Statistics;

/// <summary>
/// Applies tally changes with one atomic upsert per row, inside the caller's transaction: concurrent
/// posts to one phase add to the same rows without reading them first, so none is lost and none conflicts.
/// SQLite and SQL Server spell an upsert differently; both are written out here.
/// </summary>
internal static class TallyWriter
{
    public static async Task ApplyAsync(DbContext db, TallyChanges changes, CancellationToken cancellation)
    {
        var sqlServer = IsSqlServer(db);
        // Distinct contributors first: an author's count moving from 0 or to 0 changes that tally.
        foreach (var (key, delta) in changes.Contributors.ToList())
        {
            await using var command = await CommandAsync(db, cancellation);
            command.CommandText = sqlServer ? SqlServerContributorUpsert : SqliteContributorUpsert;
            Add(command, "@scope", (int)key.Scope);
            Add(command, "@scopeId", key.ScopeId);
            Add(command, "@author", key.AuthorId);
            Add(command, "@delta", delta);
            var after = Convert.ToInt32(await command.ExecuteScalarAsync(cancellation));
            if (delta > 0 && after == delta)
            {
                changes.Count(new(key.Scope, key.ScopeId, TallyKinds.Contributors, ""), 1);
            }
            else if (delta < 0 && after == 0)
            {
                changes.Count(new(key.Scope, key.ScopeId, TallyKinds.Contributors, ""), -1);
            }
        }

        var tallies = changes.Tallies.ToList();
        if (tallies.Count == 0)
        {
            return;
        }
        await using var batch = await CommandAsync(db, cancellation);
        var sql = new StringBuilder();
        for (var i = 0; i < tallies.Count; i++)
        {
            var (key, delta) = tallies[i];
            sql.AppendLine(string.Format(sqlServer ? SqlServerTallyUpsert : SqliteTallyUpsert, i));
            Add(batch, $"@s{i}", (int)key.Scope);
            Add(batch, $"@i{i}", key.ScopeId);
            Add(batch, $"@k{i}", key.Kind);
            Add(batch, $"@t{i}", key.Item);
            Add(batch, $"@d{i}", delta);
        }
        batch.CommandText = sql.ToString();
        await batch.ExecuteNonQueryAsync(cancellation);
    }

    public static bool IsSqlServer(DbContext db) =>
        db.Database.ProviderName?.EndsWith(".SqlServer", StringComparison.Ordinal) == true;

    private static async Task<DbCommand> CommandAsync(DbContext db, CancellationToken cancellation)
    {
        await db.Database.OpenConnectionAsync(cancellation);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    internal const string SqliteTallyUpsert =
        """INSERT INTO "StatisticTallies" ("Scope", "ScopeId", "Kind", "Item", "Count") VALUES (@s{0}, @i{0}, @k{0}, @t{0}, @d{0}) ON CONFLICT ("Scope", "ScopeId", "Kind", "Item") DO UPDATE SET "Count" = "Count" + excluded."Count";""";

    internal const string SqliteContributorUpsert =
        """
        INSERT INTO "ContributorTallies" ("Scope", "ScopeId", "AuthorId", "Count") VALUES (@scope, @scopeId, @author, @delta)
        ON CONFLICT ("Scope", "ScopeId", "AuthorId") DO UPDATE SET "Count" = "Count" + excluded."Count"
        RETURNING "Count";
        """;

    // HOLDLOCK makes MERGE take a range lock, so two first posts on a new row cannot both insert it.
    internal const string SqlServerTallyUpsert =
        """MERGE [StatisticTallies] WITH (HOLDLOCK) AS t USING (VALUES (@s{0}, @i{0}, @k{0}, @t{0}, @d{0})) AS s ([Scope], [ScopeId], [Kind], [Item], [Delta]) ON t.[Scope] = s.[Scope] AND t.[ScopeId] = s.[ScopeId] AND t.[Kind] = s.[Kind] AND t.[Item] = s.[Item] WHEN MATCHED THEN UPDATE SET [Count] = t.[Count] + s.[Delta] WHEN NOT MATCHED THEN INSERT ([Scope], [ScopeId], [Kind], [Item], [Count]) VALUES (s.[Scope], s.[ScopeId], s.[Kind], s.[Item], s.[Delta]);""";

    internal const string SqlServerContributorUpsert =
        """
        MERGE [ContributorTallies] WITH (HOLDLOCK) AS t
        USING (VALUES (@scope, @scopeId, @author, @delta)) AS s ([Scope], [ScopeId], [AuthorId], [Delta])
        ON t.[Scope] = s.[Scope] AND t.[ScopeId] = s.[ScopeId] AND t.[AuthorId] = s.[AuthorId]
        WHEN MATCHED THEN UPDATE SET [Count] = t.[Count] + s.[Delta]
        WHEN NOT MATCHED THEN INSERT ([Scope], [ScopeId], [AuthorId], [Count]) VALUES (s.[Scope], s.[ScopeId], s.[AuthorId], s.[Delta])
        OUTPUT inserted.[Count];
        """;
}
