using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Forum.Bench;

/// <summary>Where the seeded list ends, so that a deep cursor can be computed without paging down to it.</summary>
public sealed record SeededRange(long FirstId, int Count, int Versions, DateTime FirstAt, TimeSpan Step, TimeSpan Took)
{
    public long IdAt(int index) => FirstId + index;
    public DateTime CreatedAt(int index) => FirstAt + Step * index;
}

/// <summary>
/// Writes contributions straight into the server's SQLite file: through the API, 100,000 posts would take
/// minutes and measure the seeding rather than the reads. The server keeps running; WAL makes the rows
/// visible to it once the transaction commits.
/// </summary>
public static class Seeder
{
    // Share of each language set, out of 100; the first code of a set is the original language.
    private static readonly (int Weight, string[] Codes)[] Mix =
    [
        (40, ["fr"]), (20, ["en"]), (10, ["es"]), (15, ["fr", "en"]), (8, ["fr", "es"]), (7, ["fr", "en", "es"]),
    ];

    public static SeededRange Seed(string dbPath, int phaseId, string authorId, int count, DateTime newest, TimeSpan spread)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, DefaultTimeout = 60 }.ToString());
        connection.Open();
        // Foreign keys on, as in the server, so that a wrong phase or author id fails here rather than in a later read.
        Execute(connection, "PRAGMA foreign_keys=ON;");
        EnsureStorageFormat(connection, phaseId);

        var random = new Random(42);
        var step = spread / count;
        var firstAt = newest - step * (count - 1);
        var versions = 0;
        long firstId;
        using (var transaction = connection.BeginTransaction())
        {
            firstId = Convert.ToInt64(Scalar(connection, "SELECT IFNULL(MAX(Id), 0) + 1 FROM Contributions"));
            using var contribution = Command(connection,
                """
                INSERT INTO Contributions (Id, PhaseId, AuthorId, OriginalLanguage, ParentId, CreatedAt, Languages, ReplyCount, IsHidden, ConcurrencyToken)
                VALUES ($id, $phase, $author, $original, NULL, $at, $languages, 0, 0, $token)
                """, "$id", "$phase", "$author", "$original", "$at", "$languages", "$token");
            using var version = Command(connection,
                """
                INSERT INTO ContributionVersions (ContributionId, Language, Title, Body, BodyHtml, AuthorId, CreatedAt, UpdatedAt)
                VALUES ($contribution, $language, $title, $body, $html, $author, $at, $at)
                """, "$contribution", "$language", "$title", "$body", "$html", "$author", "$at");

            for (var i = 0; i < count; i++)
            {
                var id = firstId + i;
                var at = firstAt + step * i;
                var codes = PickCodes(random);
                Run(contribution, id, phaseId, authorId, codes[0], at, string.Join(',', codes.Order(StringComparer.Ordinal)),
                    // EF Core's SQLite provider stores a Guid as upper-case text; Microsoft.Data.Sqlite alone would bind a blob.
                    Guid.NewGuid().ToString().ToUpperInvariant());
                foreach (var code in codes)
                {
                    var body = Body(random, code);
                    Run(version, id, code, $"{Titles[code]} {id}", body, "<p>" + body + "</p>", authorId, at);
                    versions++;
                }
            }
            transaction.Commit();
        }
        // Start the measurements from a checkpointed database, as a server that has been running a while would be.
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        return new SeededRange(firstId, count, versions, firstAt, step, clock.Elapsed);
    }

    /// <summary>Fails if EF Core no longer writes Guids and dates the way these inserts do, as the server's reads compare them as text.</summary>
    private static void EnsureStorageFormat(SqliteConnection connection, int phaseId)
    {
        using var command = Command(connection, "SELECT ConcurrencyToken, CreatedAt, typeof(ConcurrencyToken) FROM Phases WHERE Id = $id", "$id");
        command.Parameters[0].Value = phaseId;
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException($"Phase {phaseId} is not in {connection.DataSource}.");
        }
        var token = reader.GetString(0);
        var at = reader.GetString(1);
        if (reader.GetString(2) != "text" || token != token.ToUpperInvariant()
            || !DateTime.TryParseExact(at, "yyyy-MM-dd HH:mm:ss.FFFFFFF", null, System.Globalization.DateTimeStyles.None, out _))
        {
            throw new InvalidOperationException($"EF Core stored phase {phaseId} as ({token}, {at}); update the seeder to write the same formats.");
        }
    }

    private static string[] PickCodes(Random random)
    {
        var roll = random.Next(100);
        foreach (var (weight, codes) in Mix)
        {
            if ((roll -= weight) < 0)
            {
                return codes;
            }
        }
        return Mix[0].Codes;
    }

    private static readonly Dictionary<string, string> Titles = new() { ["fr"] = "Proposition", ["en"] = "Proposal", ["es"] = "Propuesta" };

    private static readonly Dictionary<string, string[]> Words = new()
    {
        ["fr"] = "le quartier la ville nous devons proposer des espaces verts pour les habitants et les écoles avec une meilleure circulation des vélos sur chaque rue".Split(' '),
        ["en"] = "the neighbourhood city we should offer more green spaces for residents and schools with safer cycling lanes along every street and square".Split(' '),
        ["es"] = "el barrio la ciudad debemos proponer más espacios verdes para los vecinos y las escuelas con carriles para bicicletas en cada calle".Split(' '),
    };

    /// <summary>About 300 characters of plausible text, different for each version.</summary>
    private static string Body(Random random, string code)
    {
        var words = Words[code];
        var text = new StringBuilder(320);
        while (text.Length < 300)
        {
            text.Append(words[random.Next(words.Length)]).Append(' ');
        }
        text[^1] = '.';
        return text.ToString();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
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

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }
}
