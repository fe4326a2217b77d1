using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Forum.Bench;

/// <summary>One generated contribution, whichever database receives it.</summary>
internal sealed record SeedContribution(long Id, string OriginalLanguage, DateTime CreatedAt, string Languages, Guid ConcurrencyToken, List<SeedVersion> Versions);

internal sealed record SeedVersion(string Language, string Title, string Body, string BodyHtml);

/// <summary>Writes generated contributions into one database, the way EF Core would have stored them.</summary>
internal interface ISeedStore : IDisposable
{
    /// <summary>Fails unless the phase exists and the columns still hold what this store writes.</summary>
    void CheckPhase(int phaseId);

    long NextContributionId();

    /// <summary>All of them in one transaction, then the database tidied up as after a while of running.</summary>
    void Write(int phaseId, string authorId, IEnumerable<SeedContribution> contributions);
}

internal sealed class SqliteSeedStore : ISeedStore
{
    private readonly SqliteConnection _connection;

    public SqliteSeedStore(string connectionString)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 60 }.ToString());
        _connection.Open();
        // Foreign keys on, as in the server, so that a wrong phase or author id fails here rather than in a later read.
        Execute("PRAGMA foreign_keys=ON;");
    }

    /// <summary>Fails if EF Core no longer writes Guids and dates the way these inserts do, as the server's reads compare them as text.</summary>
    public void CheckPhase(int phaseId)
    {
        using var command = Command("SELECT ConcurrencyToken, CreatedAt, typeof(ConcurrencyToken) FROM Phases WHERE Id = $id", "$id");
        command.Parameters[0].Value = phaseId;
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException($"Phase {phaseId} is not in {_connection.DataSource}.");
        }
        var token = reader.GetString(0);
        var at = reader.GetString(1);
        if (reader.GetString(2) != "text" || token != token.ToUpperInvariant()
            || !DateTime.TryParseExact(at, "yyyy-MM-dd HH:mm:ss.FFFFFFF", null, DateTimeStyles.None, out _))
        {
            throw new InvalidOperationException($"EF Core stored phase {phaseId} as ({token}, {at}); update the seeder to write the same formats.");
        }
    }

    public long NextContributionId()
    {
        using var command = Command("SELECT IFNULL(MAX(Id), 0) + 1 FROM Contributions");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Write(int phaseId, string authorId, IEnumerable<SeedContribution> contributions)
    {
        using (var transaction = _connection.BeginTransaction())
        {
            using var contribution = Command(
                """
                INSERT INTO Contributions (Id, PhaseId, AuthorId, OriginalLanguage, ParentId, CreatedAt, Languages, ReplyCount, IsHidden, ConcurrencyToken)
                VALUES ($id, $phase, $author, $original, NULL, $at, $languages, 0, 0, $token)
                """, "$id", "$phase", "$author", "$original", "$at", "$languages", "$token");
            using var version = Command(
                """
                INSERT INTO ContributionVersions (ContributionId, Language, Title, Body, BodyHtml, AuthorId, CreatedAt, UpdatedAt)
                VALUES ($contribution, $language, $title, $body, $html, $author, $at, $at)
                """, "$contribution", "$language", "$title", "$body", "$html", "$author", "$at");
            foreach (var c in contributions)
            {
                // EF Core's SQLite provider stores a Guid as upper-case text; Microsoft.Data.Sqlite alone would bind a blob.
                Run(contribution, c.Id, phaseId, authorId, c.OriginalLanguage, c.CreatedAt, c.Languages, c.ConcurrencyToken.ToString().ToUpperInvariant());
                foreach (var v in c.Versions)
                {
                    Run(version, c.Id, v.Language, v.Title, v.Body, v.BodyHtml, authorId, c.CreatedAt);
                }
            }
            transaction.Commit();
        }
        // Start the measurements from a checkpointed database, as a server that has been running a while would be.
        Execute("PRAGMA wal_checkpoint(TRUNCATE);");
    }

    public void Dispose() => _connection.Dispose();

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
        command.ExecuteNonQuery();
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }
}

/// <summary>Binary COPY, in batches so that a contribution's versions follow it without holding the whole phase in memory.</summary>
internal sealed class PostgresSeedStore(NpgsqlConnection connection) : ISeedStore
{
    private const int Batch = 5_000;

    /// <summary>
    /// A binary COPY sends values in the column's own format without the server checking their type: a column whose type
    /// changed (timestamp without time zone, text tokens) would take the bytes silently, so the types are checked first.
    /// </summary>
    public void CheckPhase(int phaseId)
    {
        if (Scalar("""SELECT count(*) FROM "Phases" WHERE "Id" = @p0""", phaseId) is not 1L)
        {
            throw new InvalidOperationException($"Phase {phaseId} is not in {connection.Database}.");
        }
        var types = Scalar(
            """
            SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_name) FROM information_schema.columns
            WHERE table_name = 'Contributions' AND column_name IN ('ConcurrencyToken', 'CreatedAt')
            """);
        if (types is not "ConcurrencyToken uuid, CreatedAt timestamp with time zone")
        {
            throw new InvalidOperationException($"The Contributions table has the columns ({types}); update the seeder to write the same types.");
        }
    }

    public long NextContributionId() => (long)Scalar("""SELECT coalesce(max("Id"), 0) + 1 FROM "Contributions" """)!;

    public void Write(int phaseId, string authorId, IEnumerable<SeedContribution> contributions)
    {
        using (var transaction = connection.BeginTransaction())
        {
            foreach (var batch in contributions.Chunk(Batch))
            {
                using (var copy = connection.BeginBinaryImport(
                    """COPY "Contributions" ("Id", "PhaseId", "AuthorId", "OriginalLanguage", "CreatedAt", "Languages", "ReplyCount", "IsHidden", "ConcurrencyToken") FROM STDIN (FORMAT BINARY)"""))
                {
                    foreach (var c in batch)
                    {
                        copy.StartRow();
                        copy.Write(c.Id, NpgsqlDbType.Bigint);
                        copy.Write(phaseId, NpgsqlDbType.Integer);
                        copy.Write(authorId, NpgsqlDbType.Varchar);
                        copy.Write(c.OriginalLanguage, NpgsqlDbType.Varchar);
                        copy.Write(c.CreatedAt, NpgsqlDbType.TimestampTz);
                        copy.Write(c.Languages, NpgsqlDbType.Varchar);
                        copy.Write(0, NpgsqlDbType.Integer);
                        copy.Write(false, NpgsqlDbType.Boolean);
                        copy.Write(c.ConcurrencyToken, NpgsqlDbType.Uuid);
                    }
                    copy.Complete();
                }
                // The versions' ids come from their identity column, as when EF inserts them.
                using (var copy = connection.BeginBinaryImport(
                    """COPY "ContributionVersions" ("ContributionId", "Language", "Title", "Body", "BodyHtml", "AuthorId", "CreatedAt", "UpdatedAt") FROM STDIN (FORMAT BINARY)"""))
                {
                    foreach (var c in batch)
                    {
                        foreach (var v in c.Versions)
                        {
                            copy.StartRow();
                            copy.Write(c.Id, NpgsqlDbType.Bigint);
                            copy.Write(v.Language, NpgsqlDbType.Varchar);
                            copy.Write(v.Title, NpgsqlDbType.Varchar);
                            copy.Write(v.Body, NpgsqlDbType.Text);
                            copy.Write(v.BodyHtml, NpgsqlDbType.Text);
                            copy.Write(authorId, NpgsqlDbType.Varchar);
                            copy.Write(c.CreatedAt, NpgsqlDbType.TimestampTz);
                            copy.Write(c.CreatedAt, NpgsqlDbType.TimestampTz);
                        }
                    }
                    copy.Complete();
                }
            }
            // Explicit ids leave the identity's sequence behind: the next post through the API would take a seeded id.
            Scalar("""SELECT setval(pg_get_serial_sequence('"Contributions"', 'Id'), max("Id")) FROM "Contributions" """);
            transaction.Commit();
        }
        // As a server that has been running a while would be: autovacuum has analyzed and vacuumed the tables (the
        // visibility map lets index-only scans skip the heap), and a checkpoint has written the pages out.
        Scalar("""VACUUM (ANALYZE) "Contributions", "ContributionVersions" """);
        Scalar("CHECKPOINT");
    }

    public void Dispose() => connection.Dispose();

    private object? Scalar(string sql, params object[] values)
    {
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var (value, i) in values.Select((value, i) => (value, i)))
        {
            command.Parameters.AddWithValue($"p{i}", value);
        }
        return command.ExecuteScalar();
    }
}
