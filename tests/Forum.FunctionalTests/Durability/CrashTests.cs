using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;
using Forum.Data;
using Xunit.Abstractions;

namespace Forum.FunctionalTests.Durability;

/// <summary>
/// Nothing lost: participants post and translate against a real server process, which is killed with
/// SIGKILL at a random moment and started again on the same database (a SQLite file, or the server
/// database of the run), several times over. Every write answered 201 must be there with exactly the
/// text sent, the statistics must equal a full recount, and no request may fail other than by the kill
/// (docs/decisions/0006-sqlite-durability.md).
/// The kill moments come from a seed printed in the output (FORUM_CRASH_SEED replays them).
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 3;
    private const int Writers = 8;
    private const int AcknowledgedBeforeKill = 20;
    private const string AdminEmail = "admin@crash.localhost";
    private const string AdminPassword = "Admin-Passw0rd!";
    private const string Password = "Lilac-Harbour-42";
    private static readonly string[] Languages = ["en", "fr", "es"];
    // A slow, shared 2-core machine may take a while to start .NET and migrate.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly TestDatabase _database = TestDatabase.Create();
    private readonly List<string> _serverErrors = [];
    private ServerProcess? _server;

    private sealed record Text(string Title, string Body);

    /// <summary>What a participant was told is stored: the contribution and each version answered 201.</summary>
    private sealed record Posted(long Id, string Original, ConcurrentDictionary<string, Text> Versions);

    /// <summary>One round of writing, until the kill.</summary>
    private sealed class Round(int number)
    {
        public int Number { get; } = number;
        public volatile bool Killed;
        public int Posts;
        public int Translations;
        public int Refused;
        public ConcurrentBag<(string Language, Text Text)> PostsUnanswered { get; } = [];
        public ConcurrentDictionary<long, (string Language, Text Text)> TranslationsUnanswered { get; } = new();
        public ConcurrentBag<string> Unexpected { get; } = [];
    }

    [Fact]
    public async Task Every_write_acknowledged_before_a_SIGKILL_is_there_intact_after_restart()
    {
        var seed = Environment.GetEnvironmentVariable("FORUM_CRASH_SEED") is { Length: > 0 } given ? int.Parse(given) : Random.Shared.Next();
        output.WriteLine($"Seed {seed} (FORUM_CRASH_SEED={seed} replays the kill delays and the texts)");
        var random = new Random(seed);
        var acknowledged = new ConcurrentDictionary<long, Posted>();
        var postsUnanswered = new HashSet<(string Language, Text Text)>();
        var translationsUnanswered = new Dictionary<long, (string Language, Text Text)>();

        var server = await StartAsync();
        var admin = await server.Anonymous().LoginAsync(AdminEmail, AdminPassword);
        var phaseId = await CreateOpenPhaseAsync(admin);
        var participants = Enumerable.Range(0, Writers).Select(i => $"writer{i}@crash.localhost").ToList();
        foreach (var email in participants)
        {
            await server.Anonymous().RegisterAsync(email, Password);
        }

        for (var number = 1; number <= Rounds; number++)
        {
            var round = new Round(number);
            var clients = new List<ForumClient>();
            foreach (var email in participants)
            {
                clients.Add(await server.Anonymous().LoginAsync(email, Password));
            }
            var writing = clients.Select((client, i) => Task.Run(() => WriteAsync(client, phaseId, i, round, new Random(seed + 100 * round.Number + i), acknowledged))).ToList();

            var started = Stopwatch.StartNew();
            await WaitForAsync(() => Volatile.Read(ref round.Posts) >= AcknowledgedBeforeKill || writing.Any(w => w.IsCompleted), server);
            await Task.Delay(random.Next(200, 2500));
            round.Killed = true;
            server.Kill();
            var killedAt = started.Elapsed;
            await Task.WhenAll(writing);
            CollectErrors(server);

            round.Unexpected.Should().BeEmpty("every request before the kill is answered 201 and any failure is the kill's");
            postsUnanswered.UnionWith(round.PostsUnanswered);
            foreach (var (id, translation) in round.TranslationsUnanswered)
            {
                translationsUnanswered[id] = translation;
            }

            var restart = Stopwatch.StartNew();
            server = await StartAsync();
            var restartTime = restart.Elapsed;
            var (stored, recounted) = await VerifyAsync(server, phaseId, acknowledged, postsUnanswered, translationsUnanswered);
            output.WriteLine($"Round {number}: SIGKILL {killedAt.TotalSeconds:0.0} s after the writers started, " +
                $"{round.Posts} posts and {round.Translations} translations acknowledged, " +
                $"{round.PostsUnanswered.Count} posts and {round.TranslationsUnanswered.Count} translations unanswered ({round.Refused} of them refused by the dead server, the others in flight); " +
                $"restarted in {restartTime.TotalSeconds:0.0} s; all {acknowledged.Count} acknowledged contributions intact, " +
                $"{stored} stored ({stored - acknowledged.Count} so far committed as a kill landed, never answered), statistics {recounted} = recount");
        }

        server.Kill();
        CollectErrors(server);
        _serverErrors.Should().BeEmpty("the server logs no error, before or after a crash");
        if (TestDatabase.Provider == DatabaseProvider.Sqlite)
        {
            (await _database.ScalarAsync<string>("PRAGMA integrity_check")).Should().Be("ok");
        }
        var versions = acknowledged.Values.Sum(p => p.Versions.Count);
        output.WriteLine($"{Rounds} crashes survived: {acknowledged.Count} contributions and {versions - acknowledged.Count} translations acknowledged, " +
            $"{postsUnanswered.Count} posts and {translationsUnanswered.Count} translations unanswered at the kills, 0 lost on {TestDatabase.Provider}" +
            (TestDatabase.Provider == DatabaseProvider.Sqlite ? "; integrity_check ok" : ""));
    }

    private async Task<ServerProcess> StartAsync()
    {
        _server?.Dispose();
        _server = ServerProcess.Start(new Dictionary<string, string>(_database.Settings)
        {
            ["Database:SeedDemoData"] = "false",
            ["Forum:Admin:Email"] = AdminEmail,
            ["Forum:Admin:Password"] = AdminPassword,
            ["Forum:RateLimits:WritesPerMinute"] = "1000000",
            ["Forum:RateLimits:AccountAttemptsPerMinute"] = "1000000",
            ["Forum:RateLimits:WritesPerAddressPerMinute"] = "1000000",
        });
        await _server.WaitUntilReadyAsync(StartTimeout);
        return _server;
    }

    /// <summary>A phase open from two days ago for a month, on the server's real clock (Paris wall-clock midnights).</summary>
    private static async Task<int> CreateOpenPhaseAsync(ForumClient admin)
    {
        var theme = (await admin.CreateThemeAsync())["slug"]!.GetValue<string>();
        var today = DateTime.UtcNow.Date;
        var phase = await admin.CreatePhaseAsync(theme, 1, $"{today.AddDays(-2):yyyy-MM-dd}T00:00", $"{today.AddDays(30):yyyy-MM-dd}T00:00");
        return phase["id"]!.GetValue<int>();
    }

    /// <summary>One participant posting as fast as answers come, translating one post in three, until the server dies.</summary>
    private static async Task WriteAsync(ForumClient client, int phaseId, int writer, Round round, Random random, ConcurrentDictionary<long, Posted> acknowledged)
    {
        for (var n = 0; ; n++)
        {
            var marker = $"r{round.Number}w{writer}n{n}";
            var original = Languages[random.Next(Languages.Length)];
            var text = Write(original, marker);
            var (outcome, created) = await SendAsync(round, () => client.PostAsync($"/api/phases/{phaseId}/contributions",
                new { language = original, title = text.Title, body = text.Body }));
            if (outcome != Outcome.Created)
            {
                if (outcome == Outcome.Unanswered)
                {
                    round.PostsUnanswered.Add((original, text));
                }
                return;
            }
            var id = created!["id"]!.GetValue<long>();
            acknowledged[id] = new Posted(id, original, new ConcurrentDictionary<string, Text> { [original] = text });
            Interlocked.Increment(ref round.Posts);

            if (random.Next(3) == 0)
            {
                var language = Languages.Where(l => l != original).ElementAt(random.Next(Languages.Length - 1));
                var translation = Write(language, marker);
                (outcome, _) = await SendAsync(round, () => client.PostAsync($"/api/contributions/{id}/translations",
                    new { language, title = translation.Title, body = translation.Body }));
                if (outcome != Outcome.Created)
                {
                    if (outcome == Outcome.Unanswered)
                    {
                        round.TranslationsUnanswered[id] = (language, translation);
                    }
                    return;
                }
                acknowledged[id].Versions[language] = translation;
                Interlocked.Increment(ref round.Translations);
            }
        }
    }

    private enum Outcome
    {
        Created,
        /// <summary>The server died before answering: it may or may not have stored it.</summary>
        Unanswered,
        Unexpected,
    }

    /// <summary>
    /// The outcome, with the created resource on 201; anything but 201 or a failure after the kill is recorded as unexpected.
    /// A request the dead server refused is still counted unanswered: the client retries a request on a new connection
    /// when a reused one closes before any answer, so a refusal may hide a first attempt that reached the server.
    /// </summary>
    private static async Task<(Outcome, JsonNode?)> SendAsync(Round round, Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            var content = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return (Outcome.Created, JsonNode.Parse(content));
            }
            round.Unexpected.Add($"{(int)response.StatusCode} {content}");
            return (Outcome.Unexpected, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            if (!round.Killed)
            {
                round.Unexpected.Add(e.ToString());
                return (Outcome.Unexpected, null);
            }
            if (e is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } })
            {
                Interlocked.Increment(ref round.Refused);
            }
            return (Outcome.Unanswered, null);
        }
    }

    /// <summary>Markdown with accents, typographic quotes, emoji and characters HTML escapes, marked to be unique.</summary>
    private static Text Write(string language, string marker) => language switch
    {
        "fr" => new($"Les monnaies locales relocalisent l’économie ({marker})",
            $"L’économie sociale et solidaire **crée** des emplois non délocalisables.\n\n- À Bayonne, l’eusko\n- À Nantes, le SoNantes\n\n« Ça marche » — repère {marker} 🌍"),
        "es" => new($"Las monedas locales fortalecen el territorio ({marker})",
            $"La economía social y solidaria **genera** empleo.\n\n¿Cómo? ¡Con cooperativas! Señal {marker}, ñandú"),
        _ => new($"Local currencies keep value in the territory ({marker})",
            $"Local currencies **relocate** the economy.\n\n1. shops\n2. producers\n\n\"Quotes\" & <angle> brackets, marker {marker} ✓"),
    };

    /// <summary>
    /// Every acknowledged version is there with the text sent. Anything else stored is whole and was left unanswered by a
    /// kill: a post or a translation committed as the server died, before it could answer. The phase's statistics
    /// count what is stored and equal a full recount. Returns the stored and counted totals.
    /// </summary>
    private static async Task<(int Stored, int Counted)> VerifyAsync(ServerProcess server, int phaseId, ConcurrentDictionary<long, Posted> acknowledged,
        HashSet<(string Language, Text Text)> postsUnanswered, Dictionary<long, (string Language, Text Text)> translationsUnanswered)
    {
        var ids = new List<long>();
        string? cursor = null;
        do
        {
            var page = await server.Anonymous().GetJsonAsync($"/api/phases/{phaseId}/contributions?limit=100&order=oldest" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            ids.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        ids.Should().OnlyHaveUniqueItems().And.Contain(acknowledged.Keys, "every contribution answered 201 is in the phase's list");
        (ids.Count - acknowledged.Count).Should().BeInRange(0, postsUnanswered.Count, "only a post the kill left unanswered may be stored without an answer");

        var reader = server.CreateClient();
        var problems = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, _) =>
        {
            using var response = await reader.GetAsync($"/api/contributions/{id}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"{id}: {(int)response.StatusCode}");
                return;
            }
            var stored = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
            var original = stored["originalLanguage"]!.GetValue<string>();
            var versions = stored["versions"]!.AsArray().ToDictionary(
                v => v!["language"]!.GetValue<string>(), v => new Text(v!["title"]!.GetValue<string>(), v["body"]!.GetValue<string>()));
            IReadOnlyDictionary<string, Text> expected;
            if (acknowledged.TryGetValue(id, out var posted))
            {
                expected = posted.Versions;
                if (original != posted.Original)
                {
                    problems.Add($"{id}: original {original} instead of {posted.Original}");
                }
            }
            else if (versions.TryGetValue(original, out var text) && postsUnanswered.Contains((original, text)))
            {
                expected = new Dictionary<string, Text> { [original] = text };
            }
            else
            {
                problems.Add($"{id}: stored but never sent whole: {stored.ToJsonString()}");
                return;
            }
            foreach (var (language, text) in expected)
            {
                if (versions.GetValueOrDefault(language) != text)
                {
                    problems.Add($"{id}: the {language} version reads {versions.GetValueOrDefault(language)} instead of {text}");
                }
            }
            foreach (var (language, text) in versions.Where(v => !expected.ContainsKey(v.Key)))
            {
                if (translationsUnanswered.GetValueOrDefault(id) != (language, text))
                {
                    problems.Add($"{id}: a {language} version that no unanswered request explains: {text}");
                }
            }
        });
        problems.Should().BeEmpty();

        var live = await server.Anonymous().GetJsonAsync($"/api/phases/{phaseId}/statistics");
        live["contributions"]!.GetValue<int>().Should().Be(ids.Count);
        var admin = await server.Anonymous().LoginAsync(AdminEmail, AdminPassword);
        await admin.PostOkAsync("/api/admin/statistics/rebuild", new { });
        var recounted = await server.Anonymous().GetJsonAsync($"/api/phases/{phaseId}/statistics");
        recounted.ToJsonString().Should().Be(live.ToJsonString(), "the tallies written with each post equal a recount");
        return (ids.Count, recounted["contributions"]!.GetValue<int>());
    }

    private static async Task WaitForAsync(Func<bool> condition, ServerProcess server)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"No {AcknowledgedBeforeKill} posts acknowledged within {StartTimeout.TotalSeconds:0} s. The server's last lines:{Environment.NewLine}{server.Tail()}");
            }
            await Task.Delay(20);
        }
    }

    private void CollectErrors(ServerProcess server) => _serverErrors.AddRange(server.Errors());

    public void Dispose()
    {
        _server?.Dispose();
        _database.Dispose();
    }
}
