using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using Npgsql;

namespace Forum.Bench;

/// <summary>One way of running the forum: how many instances, and whether they share a Redis.</summary>
public sealed record Setup(string Key, string Label, int Instances, bool Redis);

/// <summary>What one setup measured.</summary>
public sealed record SetupResult(
    Setup Setup, string LoadAverage, ScenarioResult Warm, List<(ScenarioResult Result, int Misses)> Reads, List<ScenarioResult> Posts, LiveFanOutResult Live,
    string Statistics);

/// <summary>
/// bench/run.sh --instances: the price of running several instances on one PostgreSQL database and one Redis. The same
/// measurements on (a) one instance without Redis, (b) one instance with Forum:Redis, (c) two instances with Forum:Redis:
/// the live fan-out to many SignalR clients (half on each instance in c, posts made on the first), anonymous reads served
/// by the output cache (in memory, or in Redis), and posting with several writers (half on each instance in c). Then checks
/// that every acknowledged post is stored and that the statistics kept while posting equal a recount.
/// </summary>
public sealed class InstancesBench : IDisposable
{
    private static readonly Setup[] Setups =
    [
        new("a", "one instance, no Redis", 1, false),
        new("b", "one instance, Redis", 1, true),
        new("c", "two instances, Redis", 2, true),
    ];

    private const string PostText = "Nous proposons d'ouvrir la cour de l'école le week-end, avec des bancs, des arbres et un coin lecture, "
        + "pour que les familles du quartier aient un espace calme et ombragé à deux pas de chez elles.";

    private readonly InstancesOptions _o;
    private readonly PostgresBenchDatabase _database;
    private readonly HttpClient _http;
    private readonly Account _admin = new("admin@bench.localhost", "Bench-admin-1!");
    // Every contribution a server answered 201 for, by id: all must be in the database at the end.
    private readonly ConcurrentDictionary<long, bool> _acknowledged = new();
    private readonly List<ServerProcess> _running = [];
    private int _started;
    private int _posted;
    private string _adminToken = "";
    private List<string> _tokens = [];
    private int _phaseId;

    private InstancesBench(InstancesOptions o)
    {
        _o = o;
        _database = PostgresBenchDatabase.Create(o.Postgres, o.PostgresDatabase);
        // No cookies: the reads are anonymous, as the output cache wants them, and the writers use bearer tokens.
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(o.Concurrency, o.Writers.Max()), PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false, UseCookies = false,
        }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        using var bench = new InstancesBench(InstancesOptions.Parse(args));
        var report = await bench.RunAsync();
        output.WriteLine();
        output.Write(report);
        return 0;
    }

    private async Task<string> RunAsync()
    {
        var loadAtStart = LoadAverage();
        var startedAt = DateTime.UtcNow;
        var results = new List<SetupResult>();
        var logs = new List<string>();
        foreach (var setup in Setups)
        {
            // (b) restarts the one instance with Redis; (c) keeps it and adds a second.
            if (_running.Count > 0 && setup.Redis != Setups[results.Count - 1].Redis)
            {
                StopAll();
            }
            while (_running.Count < setup.Instances)
            {
                logs.Add(await StartAsync(setup));
            }
            results.Add(await MeasureAsync(setup, [.. _running]));
        }
        var (acknowledged, missing, stored) = await CheckAcknowledgedAsync();
        var servers = _running.ToList();
        StopAll();

        var report = Report(results, loadAtStart, startedAt, acknowledged, missing, stored, logs);
        if (_o.Results is not null)
        {
            File.WriteAllText(_o.Results, report);
        }
        if (_o.Figures is not null)
        {
            new FigureSet("PostgreSQL, several instances", _database.Durability(), $"{startedAt:yyyy-MM-dd HH:mm} UTC",
                $"{loadAtStart} at the start, {LoadAverage()} at the end", Figures(results)).Write(_o.Figures);
        }
        return report;
    }

    private async Task<string> StartAsync(Setup setup)
    {
        var environment = new Dictionary<string, string>
        {
            // Posts would queue draft summaries of the phase; a day's delay keeps their computation out of the measurements.
            ["Forum__SummaryDelaySeconds"] = "86400",
        };
        if (setup.Redis)
        {
            environment["Forum__Redis"] = _o.Redis;
        }
        var name = $"{(char)('A' + _running.Count)}{(setup.Redis ? ", Redis" : "")}";
        var log = $"{_o.Log}-{++_started}-{(char)('a' + _running.Count)}{(setup.Redis ? "-redis" : "")}.log";
        var server = ServerProcess.Start(_o.Web, _database, 0, log, _admin, environment);
        _running.Add(server);
        WritePids();
        Console.WriteLine($"({setup.Key}) instance {name}: pid {server.Pid} on {server.BaseUrl}, log {log}");
        await server.WaitUntilReadyAsync(_http, TimeSpan.FromSeconds(120));
        if (_phaseId == 0)
        {
            await SetUpForumAsync(server);
        }
        else
        {
            // A starting instance catches up on outdated drafts (those of the posts before): waited for, to measure without it.
            await WaitForDraftsAsync(server);
        }
        return log;
    }

    private void StopAll()
    {
        foreach (var server in _running)
        {
            Console.WriteLine($"stopping {server.Pid}: {server.FailureCount} errors, {server.WarningCount} warnings in its log");
            server.Dispose();
        }
        _running.Clear();
        WritePids();
    }

    private void WritePids()
    {
        if (_o.PidFile is not null)
        {
            File.WriteAllLines(_o.PidFile, _running.Select(s => s.Pid.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>A theme, a phase open for posting, and one participant per writer, each with their token.</summary>
    private async Task SetUpForumAsync(ServerProcess server)
    {
        var api = new Api(_http, server.BaseUrl);
        _adminToken = await api.LoginAsync(_admin);
        await api.SendAsync(HttpMethod.Post, "/api/themes", _adminToken, new
        {
            slug = "instances", position = 1, published = true, originalLanguage = "en",
            texts = new { en = new { title = "Several instances", description = "A theme for the benchmark of several instances." } },
        }, HttpStatusCode.Created);
        var now = DateTime.UtcNow;
        _phaseId = (await api.SendAsync(HttpMethod.Post, "/api/themes/instances/phases", _adminToken, new
        {
            number = 1, originalLanguage = "en",
            opensAt = now.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            closesAt = now.AddDays(30).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            texts = new { en = new { title = "Phase 1", question = "What should change in the neighbourhood?" } },
        }, HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var participants = Enumerable.Range(0, _o.Writers.Max()).Select(i => new Account($"writer{i}@bench.localhost", "Bench-writer-1!")).ToList();
        var tokens = new string[participants.Count];
        Console.WriteLine($"phase {_phaseId}; registering {participants.Count} participants...");
        await Parallel.ForEachAsync(Enumerable.Range(0, participants.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            await api.SendAsync(HttpMethod.Post, "/api/account/register", null, new { email = participants[i].Email, password = participants[i].Password }, HttpStatusCode.OK);
            tokens[i] = await api.LoginAsync(participants[i]);
        });
        _tokens = [.. tokens];
    }

    private async Task<SetupResult> MeasureAsync(Setup setup, IReadOnlyList<ServerProcess> servers)
    {
        var loadAverage = LoadAverage();
        var warmup = TimeSpan.FromSeconds(_o.Warmup);
        var duration = TimeSpan.FromSeconds(_o.Seconds);
        var list = $"/api/phases/{_phaseId}/contributions";
        var firstPage = $"{list}?limit=50";
        var phasePage = $"/en/phases/{_phaseId}";
        // Worker w talks to instance w modulo their number: in (c), half the connections on each.
        ServerProcess On(int worker) => servers[worker % servers.Count];

        Console.WriteLine($"({setup.Key}) {setup.Label}: {_o.ServerWarmup} s of mixed reads and posts to warm the server{(servers.Count > 1 ? "s" : "")} up...");
        var warm = await LoadRunner.RunAsync($"({setup.Key}) warm-up", _o.Concurrency, TimeSpan.Zero, TimeSpan.FromSeconds(_o.ServerWarmup), servers,
            (w, i) => (i % 4) switch
            {
                0 => ReadAsync(On(w), firstPage, null),
                1 => ReadAsync(On(w), phasePage, null),
                2 => ReadAsync(On(w), $"/api/phases/{_phaseId}/statistics?lang=fr", null),
                _ => PostStatusAsync(On(w), w, $"Warm-up {setup.Key} {w}-{i}"),
            });

        // Nothing is posted while the reads run, so that every measured answer can come from the output cache:
        // answers without an Age header (not from the cache) are counted.
        var reads = new List<(ScenarioResult, int)>();
        foreach (var (name, path) in new[] { ("first page (limit=50)", firstPage), ("phase page HTML (en)", phasePage) })
        {
            Console.WriteLine($"({setup.Key}) {name}: {_o.Concurrency} connections, {_o.Warmup} s warm-up + {_o.Seconds} s...");
            var misses = new int[1];
            var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
            var result = await LoadRunner.RunAsync(name, _o.Concurrency, warmup, duration, servers,
                (w, _) => ReadAsync(On(w), path, () =>
                {
                    if (Stopwatch.GetTimestamp() >= measureFrom)
                    {
                        Interlocked.Increment(ref misses[0]);
                    }
                }));
            reads.Add((result, misses[0]));
        }

        // Each writer is a participant of their own, as people are: per-user limits and locks are theirs.
        var posts = new List<ScenarioResult>();
        foreach (var writers in _o.Writers)
        {
            Console.WriteLine($"({setup.Key}) posting, {writers} writers: {_o.Warmup} s warm-up + {_o.Seconds} s...");
            posts.Add(await LoadRunner.RunAsync($"post, {writers} writers", writers, warmup, duration, servers,
                (w, i) => PostStatusAsync(On(w), w, $"Bench post {setup.Key} {w}-{i}")));
        }

        // Clients spread over the instances by LiveFanOut (client i on instance i modulo their number); posts made on the first.
        var gap = TimeSpan.FromMilliseconds(200);
        Console.WriteLine($"({setup.Key}) live fan-out: {_o.LiveClients:N0} SignalR clients, {_o.LivePosts} posts {gap.TotalMilliseconds:0} ms apart on {servers[0].BaseUrl}...");
        var live = await LiveFanOut.RunAsync(servers, _phaseId, _o.LiveClients, _o.LivePosts, gap, connectParallelism: 50, async i =>
        {
            var (status, id) = await PostAsync(servers[0], 0, $"Live post {setup.Key} {i}");
            return status == HttpStatusCode.Created ? id : throw new InvalidOperationException($"A live post answered {(int)status}.");
        });

        return new SetupResult(setup, loadAverage, warm, reads, posts, live, await CheckStatisticsAsync(servers[^1]));
    }

    private async Task<HttpStatusCode> ReadAsync(ServerProcess server, string path, Action? notFromCache)
    {
        using var response = await _http.GetAsync(server.BaseUrl + path, HttpCompletionOption.ResponseHeadersRead);
        await response.Content.CopyToAsync(Stream.Null);
        // The output cache answers a stored copy with an Age header.
        if (response.Headers.Age is null)
        {
            notFromCache?.Invoke();
        }
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> PostStatusAsync(ServerProcess server, int writer, string title) => (await PostAsync(server, writer, title)).Status;

    private async Task<(HttpStatusCode Status, long Id)> PostAsync(ServerProcess server, int writer, string title)
    {
        string[] languages = ["fr", "fr", "en", "es"];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{server.BaseUrl}/api/phases/{_phaseId}/contributions")
        {
            Content = JsonContent.Create(new { language = languages[Interlocked.Increment(ref _posted) % languages.Length], title, body = PostText, languageConfirmed = true }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[writer % _tokens.Count]);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await response.Content.CopyToAsync(Stream.Null);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return (response.StatusCode, 0);
        }
        // Location: /api/contributions/{id}
        var id = long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        _acknowledged[id] = true;
        return (response.StatusCode, id);
    }

    /// <summary>The phase's statistics as kept by the posts (past the cache), then as recounted from the contributions.</summary>
    private async Task<string> CheckStatisticsAsync(ServerProcess server)
    {
        var api = new Api(_http, server.BaseUrl);
        var path = $"/api/phases/{_phaseId}/statistics?lang=fr&uncached=1";
        var kept = (await api.SendAsync(HttpMethod.Get, path, null, null, HttpStatusCode.OK)).GetRawText();
        await api.SendAsync(HttpMethod.Post, "/api/admin/statistics/rebuild", _adminToken, new { }, HttpStatusCode.OK);
        var recounted = await api.SendAsync(HttpMethod.Get, path, null, null, HttpStatusCode.OK);
        var contributions = recounted.GetProperty("contributions").GetInt32();
        return kept == recounted.GetRawText()
            ? $"equal ({contributions:N0} contributions)"
            : $"DIFFER: kept {Shorten(kept)}; recounted {Shorten(recounted.GetRawText())}";

        static string Shorten(string json) => json.Length > 300 ? json[..300] + "…" : json;
    }

    /// <summary>Posts answered 201, how many of them the database lacks, and how many contributions the phase holds.</summary>
    private async Task<(int Acknowledged, int Missing, int Stored)> CheckAcknowledgedAsync()
    {
        await using var connection = _database.Open();
        await using var command = new NpgsqlCommand("""SELECT "Id" FROM "Contributions" WHERE "PhaseId" = @phase""", connection);
        command.Parameters.AddWithValue("phase", _phaseId);
        var stored = new HashSet<long>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetInt64(0));
            }
        }
        return (_acknowledged.Count, _acknowledged.Keys.Count(id => !stored.Contains(id)), stored.Count);
    }

    /// <summary>Until the phase's drafts are computed: the starting instance's catch-up (no refresh: one computation, not two).</summary>
    private async Task WaitForDraftsAsync(ServerProcess server)
    {
        var api = new Api(_http, server.BaseUrl);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var statuses = new List<string>();
            foreach (var language in ProposalText.Languages)
            {
                var draft = await api.SendAsync(HttpMethod.Get, $"/api/phases/{_phaseId}/draft-summary/{language}", _adminToken, null, HttpStatusCode.OK);
                statuses.Add(draft.GetProperty("status").GetString()!);
            }
            if (statuses.All(s => s == "ready"))
            {
                return;
            }
            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"The drafts of phase {_phaseId} are still not ready: {string.Join(", ", statuses)}.");
            }
            await Task.Delay(100);
        }
    }

    private string Report(List<SetupResult> results, string loadAtStart, DateTime startedAt, int acknowledged, int missing, int stored, List<string> logs)
    {
        var text = new StringBuilder()
            .AppendLine($"Forum benchmark, several instances, {startedAt:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, "
                + $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}")
            .AppendLine($"{_database.Durability()}; Redis {_o.Redis} (in memory, on this machine)")
            .AppendLine("(a) one instance without Forum:Redis: SignalR, the output cache and the rate limits in its process")
            .AppendLine("(b) the same instance restarted with Forum:Redis: SignalR's Redis backplane, the output cache and the rate limits in Redis")
            .AppendLine("(c) (b)'s instance A and a second, B, with Forum:Redis, on the same database: connections, writers and live clients half on each, "
                + "the live posts made on A")
            .AppendLine($"Each: {_o.ServerWarmup} s of mixed reads and posts on {_o.Concurrency} connections first (new instances warm up), then each scenario "
                + $"{_o.Warmup} s of warm-up + {_o.Seconds} s measured; reads on {_o.Concurrency} connections with nothing posted meanwhile; "
                + $"live: {_o.LiveClients:N0} SignalR clients (WebSockets, no negotiation) on the phase, {_o.LivePosts} posts 200 ms apart.")
            .AppendLine()
            .AppendLine($"CAUTION: this machine has {Environment.ProcessorCount} cores, shared by the servers, this load generator (its {_o.LiveClients:N0} live clients too),")
            .AppendLine("PostgreSQL and Redis. In (c) the two instances compete for the same cores: the ratios show the cost of coordinating instances")
            .AppendLine("through Redis and the database, not the capacity a second machine would add.")
            .AppendLine()
            .Append(Table(results))
            .AppendLine("(ratios: b/a the price of Redis for one instance, c/a two instances against one without Redis, c/b two against one, both with Redis;")
            .AppendLine(" cores busy: the servers, this program and PostgreSQL's processes together, out of 2; Redis's own CPU is not counted)")
            .AppendLine();
        var c = results[^1];
        text.AppendLine("live delivery in (c), by where the clients were connected (posts on A):");
        foreach (var (s, n) in c.Live.PerServer.Select((s, n) => (s, n)))
        {
            text.AppendLine($"  {(char)('A' + n)}: {s.Clients:N0} clients, p50 {s.P50:0.0} ms, p99 {s.P99:0.0} ms, max {s.Max:0.0} ms, {s.Missed:N0} messages missed");
        }
        text.AppendLine()
            .AppendLine("checks:");
        foreach (var r in results)
        {
            var live = r.Live;
            var asked = (long)live.ClientsAsked * live.Posts;
            text.AppendLine($"  ({r.Setup.Key}) live: {live.Received:N0} of {asked:N0} messages delivered ({live.ClientsConnected:N0} of {live.ClientsAsked:N0} clients connected"
                + $"{(live.ConnectErrors.Length > 0 ? $"; {live.ConnectErrors}" : "")}), {Verdict(live.Received == asked)}, {asked - live.Received:N0} missed"
                + $"{(live.Duplicates > 0 ? $", {live.Duplicates} duplicates" : "")}");
            foreach (var (read, misses) in r.Reads)
            {
                text.AppendLine($"  ({r.Setup.Key}) {read.Name}: {read.Requests - misses:N0} of {read.Requests:N0} measured answers from the output cache "
                    + $"({misses:N0} misses), {Verdict(misses == 0)}");
            }
            foreach (var s in r.Reads.Select(x => x.Result).Concat(r.Posts).Prepend(r.Warm).Where(s => s.Errors > 0))
            {
                text.AppendLine($"  ({r.Setup.Key}) {s.Name}: errors (warm-up included): {s.ErrorDetail}");
            }
            text.AppendLine($"  ({r.Setup.Key}) statistics kept by the posts against a recount: {r.Statistics}");
        }
        text.AppendLine($"  every acknowledged post in the database: {acknowledged - missing:N0} of {acknowledged:N0}, {Verdict(missing == 0)}; the phase holds {stored:N0} contributions"
                + $"{(stored != acknowledged - missing ? $" ({stored - (acknowledged - missing):N0} stored without a 201 reaching this program)" : "")}")
            .AppendLine()
            .AppendLine($"machine load average (1 min): {loadAtStart} at the start, "
                + $"{string.Join(", ", results.Select(r => $"{r.LoadAverage} when ({r.Setup.Key}) began"))}, {LoadAverage()} at the end")
            .AppendLine($"server logs: {string.Join(", ", logs)}");
        return text.ToString();
    }

    /// <summary>Each figure for (a), (b) and (c), with ratios.</summary>
    private static List<(string Name, double[] Values, string Format)> Rows(List<SetupResult> results)
    {
        var rows = new List<(string, double[], string)>();
        void Add(string name, Func<SetupResult, double> value, string format) => rows.Add((name, results.Select(value).ToArray(), format));
        Add($"live delivery p50 ms, {results[0].Live.ClientsAsked:N0} clients", r => r.Live.P50, "0.0");
        Add($"live delivery p99 ms, {results[0].Live.ClientsAsked:N0} clients", r => r.Live.P99, "0.0");
        Add($"live delivery max ms, {results[0].Live.ClientsAsked:N0} clients", r => r.Live.Max, "0.0");
        Add("live: last client told, median over posts, ms", r => r.Live.LastClientP50, "0.0");
        Add("live: messages missed", r => (long)r.Live.ClientsAsked * r.Live.Posts - r.Live.Received, "N0");
        for (var i = 0; i < results[0].Reads.Count; i++)
        {
            var n = i;
            var name = results[0].Reads[n].Result.Name;
            Add($"{name}, cached: req/s", r => r.Reads[n].Result.PerSecond, "N0");
            Add($"{name}, cached: p50 ms", r => r.Reads[n].Result.P50, "0.00");
            Add($"{name}, cached: p99 ms", r => r.Reads[n].Result.P99, "0.00");
            Add($"{name}, cached: cores busy", r => Cores(r.Reads[n].Result), "0.00");
        }
        for (var i = 0; i < results[0].Posts.Count; i++)
        {
            var n = i;
            var name = results[0].Posts[n].Name;
            Add($"{name}: posts/s", r => r.Posts[n].PerSecond, "N0");
            Add($"{name}: p50 ms", r => r.Posts[n].P50, "0.0");
            Add($"{name}: p99 ms", r => r.Posts[n].P99, "0.0");
            Add($"{name}: cores busy", r => Cores(r.Posts[n]), "0.00");
        }
        return rows;

        static double Cores(ScenarioResult r) => r.ServerCores + r.ClientCores + r.DatabaseCores;
    }

    private static string Table(List<SetupResult> results)
    {
        var rows = Rows(results).Select(r => new[]
        {
            r.Name, Show(r.Values[0], r.Format), Show(r.Values[1], r.Format), Show(r.Values[2], r.Format),
            Ratio(r.Values[1], r.Values[0]), Ratio(r.Values[2], r.Values[0]), Ratio(r.Values[2], r.Values[1]),
        }).ToList();
        var header = new[] { "figure", $"(a) {results[0].Setup.Label}", $"(b) {results[1].Setup.Label}", $"(c) {results[2].Setup.Label}", "b/a", "c/a", "c/b" };
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder()
            .AppendLine(Row(header))
            .AppendLine(Row(widths.Select((w, i) => i == 0 ? new string('-', w) : new string('-', w - 1) + ":").ToArray()));
        foreach (var row in rows)
        {
            text.AppendLine(Row(row));
        }
        return text.ToString();

        string Row(string[] cells) => "| " + string.Join(" | ", cells.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))) + " |";
        static string Show(double value, string format) => double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);
        static string Ratio(double value, double of) => double.IsNaN(value) || double.IsNaN(of) || of == 0 ? "" : (value / of).ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static List<Figure> Figures(List<SetupResult> results) =>
        Rows(results).SelectMany(r => r.Values.Select((v, i) => new Figure($"{r.Name}, ({results[i].Setup.Key}) {results[i].Setup.Label}", v, r.Format))).ToList();

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    public void Dispose()
    {
        StopAll();
        _http.Dispose();
    }
}

public sealed record InstancesOptions(
    string Postgres, string PostgresDatabase, string Redis, string Web, int Concurrency, int[] Writers, int Seconds, int Warmup, int ServerWarmup,
    int LiveClients, int LivePosts, string? Results, string? Figures, string Log, string? PidFile)
{
    private const string Usage =
        "usage: Forum.Bench --instances --provider postgres --postgres <Npgsql connection string without database> [--postgres-database forum_instances] "
        + "--redis <host:port> --web <Forum.Web.dll> [--concurrency 32] [--writers 8,32] [--seconds 10] [--warmup 2] [--server-warmup 15] "
        + "[--live-clients 1000] [--live-posts 20] [--results <file>] [--figures <json file>] [--log <server log file; each instance's gets a suffix>] [--pid-file <file>]";

    public static InstancesOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        var pairs = args.Where(a => a != "--instances").ToArray();
        for (var i = 0; i < pairs.Length; i += 2)
        {
            if (!pairs[i].StartsWith("--") || i + 1 >= pairs.Length)
            {
                throw new ArgumentException($"Unexpected argument '{pairs[i]}'. {Usage}");
            }
            values[pairs[i][2..]] = pairs[i + 1];
        }
        string Text(string name) => values.Remove(name, out var v) ? v : throw new ArgumentException($"--{name} is required. {Usage}");
        string? Optional(string name) => values.Remove(name, out var v) ? v : null;
        int Number(string name, int fallback) => values.Remove(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        if ((Optional("provider") ?? "postgres") != "postgres")
        {
            throw new ArgumentException($"--instances runs on PostgreSQL only: several instances share a server database. {Usage}");
        }
        var log = Optional("log") ?? "server-instances.log";
        var options = new InstancesOptions(
            Text("postgres"), Optional("postgres-database") ?? "forum_instances", Text("redis"), Text("web"), Number("concurrency", 32),
            (Optional("writers") ?? "8,32").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray(),
            Number("seconds", 10), Number("warmup", 2), Number("server-warmup", 15), Number("live-clients", 1000), Number("live-posts", 20),
            Optional("results"), Optional("figures"), log.EndsWith(".log", StringComparison.Ordinal) ? log[..^4] : log, Optional("pid-file"));
        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option --{values.Keys.First()}. {Usage}");
        }
        if (options.Writers.Any(w => w < 1) || options.LiveClients < 2 || options.LivePosts < 1)
        {
            throw new ArgumentException("--writers are at least 1 each, --live-clients at least 2 (one on each instance), --live-posts at least 1.");
        }
        return options;
    }
}
