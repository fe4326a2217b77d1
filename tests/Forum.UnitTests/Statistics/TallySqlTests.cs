using Forum.Synthesis.Statistics;
using Forum.UnitTests.Data;

namespace Forum.UnitTests.Statistics;

/// <summary>
/// The SQL Server upserts cannot run here (no server); they must at least be valid T-SQL with the columns the SQLite ones use.
/// The PostgreSQL ones run in the functional suite's PostgreSQL run.
/// </summary>
public class TallySqlTests
{
    [Fact]
    public void The_sql_server_upserts_parse_as_T_SQL()
    {
        SqlServerSyntax.Errors(string.Format(TallyWriter.SqlServerTallyUpsert, "(@s0, @i0, @k0, @t0, @d0), (@s1, @i1, @k1, @t1, @d1)")).Should().BeEmpty();
        SqlServerSyntax.Errors(string.Format(TallyWriter.SqlServerContributorUpsert, "(@s0, @i0, @a0, @d0), (@s1, @i1, @a1, @d1)")).Should().BeEmpty();
        SqlServerSyntax.Errors("MERGE [T] AS t USING (VALUES (1)) AS s (a ON t.a = s.a;").Should().NotBeEmpty("the parser does find errors");
    }

    [Fact]
    public void Every_dialect_writes_the_same_columns()
    {
        foreach (var column in new[] { "Scope", "ScopeId", "Kind", "Item", "Count" })
        {
            TallyWriter.SqliteTallyUpsert.Should().Contain($"\"{column}\"");
            TallyWriter.SqlServerTallyUpsert.Should().Contain($"[{column}]");
            TallyWriter.PostgresTallyUpsert.Should().Contain($"\"{column}\"");
        }
        foreach (var column in new[] { "Scope", "ScopeId", "AuthorId", "Count" })
        {
            TallyWriter.SqliteContributorUpsert.Should().Contain($"\"{column}\"");
            TallyWriter.SqlServerContributorUpsert.Should().Contain($"[{column}]");
            TallyWriter.PostgresContributorUpsert.Should().Contain($"\"{column}\"");
        }
    }
}
