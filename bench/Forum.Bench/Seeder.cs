using System.Diagnostics;
using System.Text;

namespace Forum.Bench;

/// <summary>Where the seeded list ends, so that a deep cursor can be computed without paging down to it.</summary>
public sealed record SeededRange(long FirstId, int Count, int Versions, long Words, DateTime FirstAt, TimeSpan Step, TimeSpan Took)
{
    public long IdAt(int index) => FirstId + index;
    public DateTime CreatedAt(int index) => FirstAt + Step * index;
}

/// <summary>
/// Writes contributions straight into the server's database: through the API, 100,000 posts would take
/// minutes and measure the seeding rather than the reads. The server keeps running and sees the rows once
/// the transaction commits. The data is generated here; <see cref="ISeedStore"/> writes it to SQLite or PostgreSQL.
/// </summary>
public static class Seeder
{
    // Share of each language set, out of 100; the first code of a set is the original language.
    private static readonly (int Weight, string[] Codes)[] Mix =
    [
        (40, ["fr"]), (20, ["en"]), (10, ["es"]), (15, ["fr", "en"]), (8, ["fr", "es"]), (7, ["fr", "en", "es"]),
    ];

    /// <summary>The busy phase: a mix of language sets, short repetitive bodies.</summary>
    public static SeededRange Seed(BenchDatabase database, int phaseId, string authorId, int count, DateTime newest, TimeSpan spread) =>
        Insert(database, phaseId, authorId, count, newest, spread, new Random(42), PickCodes,
            (random, codes) => codes.Select(code => (code, Body(random, code))).ToList());

    /// <summary>
    /// The draft phase: every contribution in en, fr and es (one of them the original), each version a translation
    /// of the same generated proposal, so that each language has as many texts to summarize as there are contributions.
    /// </summary>
    public static SeededRange SeedTranslated(BenchDatabase database, int phaseId, string authorId, int count, DateTime newest, TimeSpan spread) =>
        Insert(database, phaseId, authorId, count, newest, spread, new Random(7),
            random => ProposalText.Languages.Skip(random.Next(3)).Concat(ProposalText.Languages).Take(3).ToArray(),
            (random, codes) => ProposalText.Write(random, codes));

    /// <param name="pickCodes">The languages of one contribution, the original first.</param>
    /// <param name="bodies">The body of each version of one contribution.</param>
    private static SeededRange Insert(
        BenchDatabase database, int phaseId, string authorId, int count, DateTime newest, TimeSpan spread, Random random,
        Func<Random, string[]> pickCodes, Func<Random, string[], List<(string Code, string Body)>> bodies)
    {
        var clock = Stopwatch.StartNew();
        using var store = database.OpenSeedStore();
        store.CheckPhase(phaseId);

        // Whole microseconds, the finest PostgreSQL stores: the deep page's cursor must name a stored instant exactly.
        var step = TimeSpan.FromTicks(spread.Ticks / count / 10 * 10);
        var firstAt = new DateTime(newest.Ticks / 10 * 10, DateTimeKind.Utc) - step * (count - 1);
        var versions = 0;
        var words = 0L;
        var firstId = store.NextContributionId();
        store.Write(phaseId, authorId, Generate());
        return new SeededRange(firstId, count, versions, words, firstAt, step, clock.Elapsed);

        IEnumerable<SeedContribution> Generate()
        {
            for (var i = 0; i < count; i++)
            {
                var id = firstId + i;
                var codes = pickCodes(random);
                var texts = bodies(random, codes).Select(v => new SeedVersion(v.Code, $"{Titles[v.Code]} {id}", v.Body, Html(v.Body))).ToList();
                versions += texts.Count;
                words += texts.Sum(v => v.Body.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length);
                yield return new SeedContribution(id, codes[0], firstAt + step * i, string.Join(',', codes.Order(StringComparer.Ordinal)), Guid.NewGuid(), texts);
            }
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
}
