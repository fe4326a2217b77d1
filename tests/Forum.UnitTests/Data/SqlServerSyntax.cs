using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Forum.UnitTests.Data;

/// <summary>Parses T-SQL with Microsoft's own parser: hand-written SQL Server statements are checked here, without a server.</summary>
public static class SqlServerSyntax
{
    public static IReadOnlyList<string> Errors(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader(sql), out var errors);
        return errors.Select(e => $"line {e.Line}: {e.Message}").ToList();
    }
}
