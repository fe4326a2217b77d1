using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Forum.Bench;

// Seeds one phase with many contributions, then measures over loopback HTTP: the first page of the list,
// a page deep in it through the cursor, and posting. See bench/run.sh, which builds and runs this.
var o = BenchOptions.Parse(args);
var admin = new Account("admin@bench.localhost", "Bench-admin-1!");
var participant = new Account("participant@bench.localhost", "Bench-participant-1!");

using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = o.Concurrency,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    UseProxy = false,
};
using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
var logPath = o.Log ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(o.Db))!, "server.log");
using var server = ServerProcess.Start(o.Web, o.Db, o.Port, logPath, admin);
if (o.PidFile is not null)
{
    File.WriteAllText(o.PidFile, server.Pid.ToString(CultureInfo.InvariantCulture));
}
Console.WriteLine($"server pid {server.Pid} on {server.BaseUrl}, log {logPath}");
await server.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120));
var api = new Api(http, server.BaseUrl);

// Set-up through the API, as a moderator and a participant would.
var now = DateTime.UtcNow;
var spread = TimeSpan.FromDays(30);
var adminToken = await api.LoginAsync(admin);
await api.SendAsync(HttpMethod.Post, "/api/themes", adminToken, new
{
    slug = "bench", position = 1, published = true, originalLanguage = "en",
    texts = new { en = new { title = "Benchmark", description = "A theme with one very busy phase." } },
}, HttpStatusCode.Created);
var phase = await api.SendAsync(HttpMethod.Post, "/api/themes/bench/phases", adminToken, new
{
    number = 1, originalLanguage = "en",
    // Opened before the oldest seeded contribution, so that the seeded data could have been posted through the API.
    opensAt = Iso(now - spread - TimeSpan.FromDays(1)), closesAt = Iso(now.AddDays(30)),
    texts = new { en = new { title = "Phase 1", question = "What should change in the neighbourhood?" } },
}, HttpStatusCode.Created);
var phaseId = phase.GetProperty("id").GetInt32();
await api.SendAsync(HttpMethod.Post, "/api/account/register", null, new { email = participant.Email, password = participant.Password }, HttpStatusCode.OK);
var token = await api.LoginAsync(participant);
var authorId = (await api.SendAsync(HttpMethod.Get, "/api/account/me", token, null, HttpStatusCode.OK)).GetProperty("id").GetString()!;

Console.WriteLine($"seeding {o.Contributions:N0} contributions into phase {phaseId}...");
var seeded = Seeder.Seed(o.Db, phaseId, authorId, o.Contributions, now.AddMinutes(-1), spread);
Console.WriteLine($"seeded {seeded.Count:N0} contributions, {seeded.Versions:N0} versions in {seeded.Took.TotalSeconds:0.0} s");

// The cursor after the contribution `depth` places from the top of the newest-first list, in the server's format
// (base64url of "ticks:id"); computed rather than paged to, so that reaching it costs nothing.
var list = $"/api/phases/{phaseId}/contributions";
var depth = Math.Clamp((int)(o.Contributions * o.Deep), 1, o.Contributions - 1);
var afterIndex = o.Contributions - depth;
var cursor = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{seeded.CreatedAt(afterIndex).Ticks}:{seeded.IdAt(afterIndex)}"))
    .TrimEnd('=').Replace('+', '-').Replace('/', '_');
var firstPage = $"{list}?limit=50";
var deepPage = $"{list}?limit=50&cursor={cursor}";

// Both pages must show the seeded rows where expected: proof that EF reads them and that the cursor is right.
await ExpectFirstIdAsync(firstPage, seeded.IdAt(o.Contributions - 1));
await ExpectFirstIdAsync(deepPage, seeded.IdAt(afterIndex - 1));
await api.SendAsync(HttpMethod.Get, $"/api/contributions/{seeded.IdAt(0)}", null, null, HttpStatusCode.OK);

var warmup = TimeSpan.FromSeconds(o.Warmup);
var duration = TimeSpan.FromSeconds(o.Seconds);
var languages = new[] { "fr", "fr", "en", "es" };
var postText = "Nous proposons d'ouvrir la cour de l'école le week-end, avec des bancs, des arbres et un coin lecture, "
    + "pour que les familles du quartier aient un espace calme et ombragé à deux pas de chez elles. Les associations du quartier "
    + "pourraient l'animer à tour de rôle, et la mairie l'entretenir avec les jardiniers municipaux.";
Task<HttpStatusCode> Post(int worker, int i) =>
    PostAsync(list, token, new { language = languages[i % languages.Length], title = $"Bench post {worker}-{i}", body = postText });

// A cold server needs several seconds of full load before its code is fully jitted (tiered compilation competes
// with the requests for the two cores); without this, whichever scenario ran first would look slower.
Console.WriteLine($"warming the server up: {o.ServerWarmup} s of mixed reads and posts...");
var warm = await LoadRunner.RunAsync("server warm-up", o.Concurrency, TimeSpan.Zero, TimeSpan.FromSeconds(o.ServerWarmup), server,
    (w, i) => (w % 3) switch { 0 => GetAsync(firstPage), 1 => GetAsync(deepPage), _ => Post(w, i) });

var results = new List<ScenarioResult>();
foreach (var (name, send) in new (string, Func<int, int, Task<HttpStatusCode>>)[]
{
    ("first page (limit=50)", (_, _) => GetAsync(firstPage)),
    ($"deep page ({depth:N0} in, cursor)", (_, _) => GetAsync(deepPage)),
    ("post contribution", Post),
})
{
    Console.WriteLine($"running {name}: {o.Concurrency} connections, {o.Warmup} s warm-up + {o.Seconds} s...");
    results.Add(await LoadRunner.RunAsync(name, o.Concurrency, warmup, duration, server, send));
}
var (rssEnd, hwm) = server.Memory();
// VmHWM can trail the sampled VmRSS by a few pages, as the kernel folds its per-CPU counters in lazily.
var peak = Math.Max(hwm, results.Append(warm).Max(r => r.PeakRssMb));

var report = new StringBuilder()
    .AppendLine($"Forum benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}")
    .AppendLine($"{seeded.Count:N0} contributions ({seeded.Versions:N0} versions) in one phase, seeded in {seeded.Took.TotalSeconds:0.0} s; "
        + $"{o.Concurrency} connections on loopback, {o.Seconds} s per scenario after {o.Warmup} s warm-up "
        + $"(and {o.ServerWarmup} s of mixed load first, {warm.Requests:N0} requests)")
    .AppendLine()
    .AppendLine($"{"scenario",-30} {"requests",9} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"errors",7} {"server RSS MB",14} {"CPU server/bench",17}");
foreach (var r in results)
{
    report.AppendLine($"{r.Name,-30} {r.Requests,9:N0} {r.PerSecond,8:N0} {r.P50,8:0.00} {r.P99,8:0.00} {r.Max,8:0.0} {r.Errors,7} {r.PeakRssMb,14:0.0} {$"{r.ServerCores:0.00} / {r.ClientCores:0.00}",17}");
}
report.AppendLine("(RSS: highest resident size of the server seen during the scenario; CPU: cores busy in the server / in this load generator)")
    .AppendLine()
    .AppendLine($"server memory: peak resident (VmHWM) {peak:0.0} MB, resident at end (VmRSS) {rssEnd:0.0} MB")
    .AppendLine($"server log: {server.FailureCount} errors, {server.WarningCount} warnings ({logPath})");
foreach (var r in results.Prepend(warm).Where(r => r.Errors > 0))
{
    report.AppendLine($"  {r.Name} errors (warm-up included): {r.ErrorDetail}");
}
foreach (var failure in server.Failures())
{
    report.AppendLine($"  {failure}");
}
var (first, deep, posts) = (results[0], results[1], results[2]);
report.AppendLine()
    .AppendLine("aims on a 2-core machine:")
    .AppendLine($"  reads p99 < 20 ms                   {Verdict(Math.Max(first.P99, deep.P99) < 20)}  (first {first.P99:0.0} ms, deep {deep.P99:0.0} ms)")
    .AppendLine($"  deep page p99 within 1.5x of first  {Verdict(deep.P99 <= first.P99 * 1.5)}  (ratio {deep.P99 / first.P99:0.00})")
    .AppendLine($"  posts >= 500/s                      {Verdict(posts.PerSecond >= 500)}  ({posts.PerSecond:N0}/s)")
    .AppendLine($"  peak resident < 300 MB              {Verdict(peak < 300)}  ({peak:0} MB)");

Console.WriteLine();
Console.Write(report);
if (o.Results is not null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(o.Results))!);
    File.WriteAllText(o.Results, report.ToString());
    Console.WriteLine($"written to {o.Results}");
}
return 0;

async Task<HttpStatusCode> GetAsync(string path)
{
    using var response = await http.GetAsync(server.BaseUrl + path, HttpCompletionOption.ResponseHeadersRead);
    await response.Content.CopyToAsync(Stream.Null);
    return response.StatusCode;
}

async Task<HttpStatusCode> PostAsync(string path, string bearer, object body)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + path) { Content = JsonContent.Create(body) };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    await response.Content.CopyToAsync(Stream.Null);
    return response.StatusCode;
}

async Task ExpectFirstIdAsync(string path, long expected)
{
    var page = await api.SendAsync(HttpMethod.Get, path, null, null, HttpStatusCode.OK);
    var items = page.GetProperty("items");
    var firstId = items.GetArrayLength() > 0 ? items[0].GetProperty("id").GetInt64() : -1;
    if (firstId != expected)
    {
        throw new InvalidOperationException($"GET {path} gave {items.GetArrayLength()} items starting at id {firstId}; expected id {expected} first.");
    }
}

static string Iso(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

static string Verdict(bool met) => met ? "met   " : "MISSED";

/// <summary>Small JSON calls for the set-up, failing loudly with the server's answer.</summary>
internal sealed class Api(HttpClient http, string baseUrl)
{
    public async Task<string> LoginAsync(Account account) =>
        (await SendAsync(HttpMethod.Post, "/api/account/login", null, new { email = account.Email, password = account.Password }, HttpStatusCode.OK))
        .GetProperty("accessToken").GetString()!;

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, string? bearer, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, baseUrl + path) { Content = body is null ? null : JsonContent.Create(body) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
        }
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}

internal sealed record BenchOptions(
    string Db, string Web, int Port, int Contributions, double Deep, int Concurrency, int Seconds, int Warmup, int ServerWarmup,
    string? Results, string? Log, string? PidFile)
{
    private const string Usage =
        "usage: Forum.Bench --db <new sqlite file> --web <Forum.Web.dll> [--port 0] [--contributions 100000] [--deep 0.9] "
        + "[--concurrency 32] [--seconds 10] [--warmup 2] [--server-warmup 15] [--results <file>] [--log <server log file>] [--pid-file <file>]";

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--") || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'. {Usage}");
            }
            values[args[i][2..]] = args[i + 1];
        }
        string Text(string name) => values.Remove(name, out var v) ? v : throw new ArgumentException($"--{name} is required. {Usage}");
        string? Optional(string name) => values.Remove(name, out var v) ? v : null;
        int Number(string name, int fallback) => values.Remove(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var options = new BenchOptions(
            Text("db"), Text("web"), Number("port", 0), Number("contributions", 100_000),
            double.Parse(Optional("deep") ?? "0.9", CultureInfo.InvariantCulture),
            Number("concurrency", 32), Number("seconds", 10), Number("warmup", 2), Number("server-warmup", 15),
            Optional("results"), Optional("log"), Optional("pid-file"));
        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option --{values.Keys.First()}. {Usage}");
        }
        if (File.Exists(options.Db))
        {
            // The set-up creates a theme with a fixed slug and expects an empty list.
            throw new ArgumentException($"{options.Db} exists; give the path of a new database file.");
        }
        if (options.Contributions < 100)
        {
            throw new ArgumentException("--contributions is at least 100, so that a deep page exists below the first.");
        }
        return options;
    }
}
