using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Forum.Bench;

/// <summary>Where the seeded list ends, so that a deep cursor can be computed without paging down to it.</summary>
public sealed record SeededRange(long FirstId, int Count, int Versions, long Words, DateTime FirstAt, TimeSpan Step, TimeSpan Took)
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

    /// <summary>The busy phase: a mix of language sets, short repetitive bodies.</summary>
    public static SeededRange Seed(string dbPath, int phaseId, string authorId, int count, DateTime newest, TimeSpan spread) =>
        Insert(dbPath, phaseId, authorId, count, newest, spread, new Random(42), PickCodes,
            (random, codes) => codes.Select(code => (code, Body(random, code))).ToList());

    /// <summary>
    /// The draft phase: every contribution in en, fr and es (one of them the original), each version a translation
    /// of the same generated proposal, so that each language has as many texts to summarize as there are contributions.
    /// </summary>
    public static SeededRange SeedTranslated(string dbPath, int phaseId, string authorId, int count, DateTime newest, TimeSpan spread) =>
        Insert(dbPath, phaseId, authorId, count, newest, spread, new Random(7),
            random => ProposalText.Languages.Skip(random.Next(3)).Concat(ProposalText.Languages).Take(3).ToArray(),
            (random, codes) => ProposalText.Write(random, codes));

    /// <param name="pickCodes">The languages of one contribution, the original first.</param>
    /// <param name="bodies">The body of each version of one contribution.</param>
    private static SeededRange Insert(
        string dbPath, int phaseId, string authorId, int count, DateTime newest, TimeSpan spread, Random random,
        Func<Random, string[]> pickCodes, Func<Random, string[], List<(string Code, string Body)>> bodies)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, DefaultTimeout = 60 }.ToString());
        connection.Open();
        // Foreign keys on, as in the server, so that a wrong phase or author id fails here rather than in a later read.
        Execute(connection, "PRAGMA foreign_keys=ON;");
        EnsureStorageFormat(connection, phaseId);

        var step = spread / count;
        var firstAt = newest - step * (count - 1);
        var versions = 0;
        var words = 0L;
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
                var codes = pickCodes(random);
                Run(contribution, id, phaseId, authorId, codes[0], at, string.Join(',', codes.Order(StringComparer.Ordinal)),
                    // EF Core's SQLite provider stores a Guid as upper-case text; Microsoft.Data.Sqlite alone would bind a blob.
                    Guid.NewGuid().ToString().ToUpperInvariant());
                foreach (var (code, body) in bodies(random, codes))
                {
                    Run(version, id, code, $"{Titles[code]} {id}", body, Html(body), authorId, at);
                    versions++;
                    words += body.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length;
                }
            }
            transaction.Commit();
        }
        // Start the measurements from a checkpointed database, as a server that has been running a while would be.
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        return new SeededRange(firstId, count, versions, words, firstAt, step, clock.Elapsed);
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

    /// <summary>What the server's renderer would make of these plain paragraphs.</summary>
    private static string Html(string body) =>
        string.Concat(body.Split("\n\n").Select(paragraph => "<p>" + paragraph.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;") + "</p>"));

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
