using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Forum.Bench;

// First the draft summaries of a phase written in three languages, on a fresh server. Then seeds one phase with many
// contributions, rebuilds the statistics, and measures over loopback HTTP: the first page of the list, a page deep in
// it through the cursor, the phase's statistics, the server-rendered phase page, exports, posting, and the live push of new
// contributions to many SignalR clients; on SQLite or PostgreSQL (--provider). See bench/run.sh, which builds and runs this.
// --instances measures instead what running several instances on one PostgreSQL and one Redis costs (Instances.cs);
// --desk only the translation desk's backlog on the busy phase (DeskBench.cs).
if (args.Contains("--markdown"))
{
    return MarkdownBench.Run(Console.Out);
}
if (args.Contains("--summarizer"))
{
    var count = Array.IndexOf(args, "--draft-contributions") is var at and >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 10_000;
    return SummarizerBench.Run(count, Console.Out);
}
if (args.Contains("--mail"))
{
    return await MailBench.RunAsync(args, Console.Out);
}
if (args.Contains("--language-check"))
{
    return await LanguageCheckBench.RunAsync(args, Console.Out);
}
if (args.Contains("--desk"))
{
    return await DeskBench.RunAsync(args, Console.Out);
}
if (args.Contains("--instances"))
{
    return await InstancesBench.RunAsync(args, Console.Out);
}
if (args.Length > 0 && args[0] == "--side-by-side")
{
    return SideBySide.Run(args[1..], Console.Out);
}
var o = BenchOptions.Parse(args);
BenchDatabase database = o.Provider == "postgres"
    ? PostgresBenchDatabase.Create(o.Postgres!, o.PostgresDatabase)
    : SqliteBenchDatabase.Create(o.Db!);
// Other processes on the machine take cores from both the server and this program: shown in the results.
var loadAtStart = LoadAverage();
var startedAt = DateTime.UtcNow;
var admin = new Account("admin@bench.localhost", "Bench-admin-1!");
var participant = new Account("participant@bench.localhost", "Bench-participant-1!");

using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = o.Concurrency,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    UseProxy = false,
};
using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
var logPath = o.Log ?? Path.GetFullPath(o.Db is null ? "server.log" : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(o.Db))!, "server.log"));
using var server = ServerProcess.Start(o.Web, database, o.Port, logPath, admin);
if (o.PidFile is not null)
{
    File.WriteAllText(o.PidFile, server.Pid.ToString(CultureInfo.InvariantCulture));
}
Console.WriteLine($"server pid {server.Pid} on {server.BaseUrl}, log {logPath}");
await server.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120));
var durability = database.Durability();
Console.WriteLine($"{database.Name}: {durability}");
// The highest memory of the database's own processes over the run (PostgreSQL), from every sample taken.
var databasePeak = database.Memory();
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

// First, on a server that has done nothing else yet, a phase written in three languages for the draft summaries,
// so that their time and memory are measured alone: created through the API, seeded directly.
await api.SendAsync(HttpMethod.Post, "/api/themes", adminToken, new
{
    slug = "drafts", position = 2, published = true, originalLanguage = "en",
    texts = new { en = new { title = "Draft summaries", description = "A phase where every contribution is in English, French and Spanish." } },
}, HttpStatusCode.Created);
var draftPhaseId = (await api.SendAsync(HttpMethod.Post, "/api/themes/drafts/phases", adminToken, new
{
    number = 1, originalLanguage = "en",
    opensAt = Iso(now - spread - TimeSpan.FromDays(1)), closesAt = Iso(now.AddDays(30)),
    texts = new { en = new { title = "Phase 1", question = "What would make the neighbourhood better to live in?" } },
}, HttpStatusCode.Created)).GetProperty("id").GetInt32();
Console.WriteLine($"seeding {o.DraftContributions:N0} contributions in en, fr and es into phase {draftPhaseId}...");
var translated = Seeder.SeedTranslated(database, draftPhaseId, authorId, o.DraftContributions, now.AddMinutes(-1), spread);
Console.WriteLine($"seeded {translated.Versions:N0} versions in {translated.Took.TotalSeconds:0.0} s; rebuilding statistics...");
// The rebuild makes the tallies count the new rows and queues every phase's drafts.
var draftPhaseRebuild = await RebuildAsync();
await WaitForDraftsAsync(draftPhaseId);
var drafts = await ReadDraftsAsync(draftPhaseId);
if (drafts.Any(d => d.Contributions != o.DraftContributions))
{
    throw new InvalidOperationException($"The drafts of phase {draftPhaseId} read {string.Join(", ", drafts.Select(d => $"{d.Language} {d.Contributions}"))} contributions; "
        + $"{o.DraftContributions} per language were seeded.");
}
// Then a refresh: the drafts measured on their own, the rebuild's computation having warmed the code up.
Console.WriteLine($"recomputing the drafts of phase {draftPhaseId}...");
var draftLogs = server.DraftComputations().Count(d => d.PhaseId == draftPhaseId);
var draftRssBefore = server.Memory().Rss;
var (draftWait, draftPeakRss) = await WithPeakRssAsync(async () =>
{
    var clock = Stopwatch.StartNew();
    await api.SendAsync(HttpMethod.Post, $"/api/phases/{draftPhaseId}/draft-summary/refresh", adminToken, new { }, HttpStatusCode.Accepted);
    await WaitForDraftsAsync(draftPhaseId, drafts);
    return clock.Elapsed;
});
var draftTimings = (await DraftLogAsync(draftPhaseId, draftLogs)).Languages();

Console.WriteLine($"seeding {o.Contributions:N0} contributions into phase {phaseId}...");
var seeded = Seeder.Seed(database, phaseId, authorId, o.Contributions, now.AddMinutes(-1), spread);
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
// The phase page must render the newest seeded contribution too, so that its scenario measures a real list.
var phasePage = $"/en/phases/{phaseId}";
await ExpectPageShowsAsync(phasePage, $"id=\"contribution-{seeded.IdAt(o.Contributions - 1)}\"");

// Seeded rows bypassed the application, so its running tallies know nothing of them until a rebuild recounts them.
Console.WriteLine("rebuilding statistics...");
var rebuild = await RebuildAsync();
Console.WriteLine($"rebuilt over {rebuild.Contributions:N0} contributions in {rebuild.ClientTime.TotalSeconds:0.00} s");
var statisticsPath = $"/api/phases/{phaseId}/statistics?lang=fr";
var counted = (await api.SendAsync(HttpMethod.Get, statisticsPath, null, null, HttpStatusCode.OK)).GetProperty("contributions").GetInt32();
if (counted != seeded.Count)
{
    throw new InvalidOperationException($"The statistics count {counted} contributions after the rebuild; {seeded.Count} were seeded.");
}
// The rebuild marks every phase's drafts stale: the worker recomputes them now, before any load is measured.
Console.WriteLine("waiting for the drafts of the busy phase...");
var busyDraftLogs = server.DraftComputations().Count(d => d.PhaseId == phaseId);
var busyDraftWait = rebuild.ClientTime + await WaitForDraftsAsync(phaseId);
var busyDrafts = await DraftLogAsync(phaseId, busyDraftLogs);

var warmup = TimeSpan.FromSeconds(o.Warmup);
var duration = TimeSpan.FromSeconds(o.Seconds);
var languages = new[] { "fr", "fr", "en", "es" };
var postText = "Nous proposons d'ouvrir la cour de l'école le week-end, avec des bancs, des arbres et un coin lecture, "
    + "pour que les familles du quartier aient un espace calme et ombragé à deux pas de chez elles. Les associations du quartier "
    + "pourraient l'animer à tour de rôle, et la mairie l'entretenir avec les jardiniers municipaux.";
Task<HttpStatusCode> Post(int worker, int i) =>
    // One French text under three languages: confirmed, so that the language check reads each and refuses none.
    PostAsync(list, token, new { language = languages[i % languages.Length], title = $"Bench post {worker}-{i}", body = postText, languageConfirmed = true });

// A cold server needs several seconds of full load before its code is fully jitted (tiered compilation competes
// with the requests for the two cores); without this, whichever scenario ran first would look slower.
Console.WriteLine($"warming the server up: {o.ServerWarmup} s of mixed reads and posts...");
var warm = await LoadRunner.RunAsync("server warm-up", o.Concurrency, TimeSpan.Zero, TimeSpan.FromSeconds(o.ServerWarmup), server,
    (w, i) => (w % 4) switch { 0 => GetAsync(firstPage), 1 => GetAsync(deepPage), 2 => GetAsync(statisticsPath), _ => Post(w, i) });

// The same reads past the output cache: it neither serves nor stores a request with a query value its endpoint does
// not read, so each of these goes to the database, in the same run as the cached ones.
string Uncached(string path) => path + (path.Contains('?') ? "&" : "?") + "uncached=1";
var cacheOn = await IsServedFromCacheAsync(firstPage);
if (await IsServedFromCacheAsync(Uncached(firstPage)))
{
    throw new InvalidOperationException($"{Uncached(firstPage)} was served from the output cache; the uncached reads need another way past it.");
}
var results = new List<ScenarioResult>();
foreach (var (name, path) in new[]
{
    ("first page (limit=50)", firstPage), ($"deep page ({depth:N0} in, cursor)", deepPage),
    ("phase statistics (lang=fr)", statisticsPath), ("phase page HTML (en)", phasePage),
    ("first page, uncached", Uncached(firstPage)), ("deep page, uncached", Uncached(deepPage)),
    ("phase statistics, uncached", Uncached(statisticsPath)), ("phase page HTML, uncached", Uncached(phasePage)),
})
{
    results.Add(await MeasureAsync(name, (_, _) => GetAsync(path)));
}

// Exports before the posting scenario, so that they stream the seeded phase as it was seeded.
var exports = new List<ExportResult>();
foreach (var format in new[] { "csv", "json", "md" })
{
    Console.WriteLine($"exporting the busy phase as {format}...");
    exports.Add(await ExportAsync(phaseId, format));
}

// Every post changes the phase, and with no summary delay the worker recomputes the busy phase's drafts meanwhile.
// One writer, then several at once: on a server database their commits may overlap, on SQLite they queue for its one write lock.
var draftsBeforePosts = server.DraftComputations().Count(d => d.PhaseId == phaseId);
foreach (var writers in new[] { 1, 8, o.Concurrency }.Distinct())
{
    results.Add(await MeasureAsync(PostScenario(writers), Post, writers));
}
var draftsDuringPosts = server.DraftComputations().Count(d => d.PhaseId == phaseId) - draftsBeforePosts;

// Last, as it posts too: many pages watching the busy phase, each told of every new contribution. The drafts are made
// ready first, so that no recomputation of the busy phase competes with the pushes.
await WaitForDraftsAsync(phaseId);
// One post at a time with a pause between, as people post: each push is measured on its own, not queued behind the last.
var livePostGap = TimeSpan.FromMilliseconds(200);
Console.WriteLine($"live fan-out: connecting {o.LiveClients:N0} SignalR clients to phase {phaseId}, then {o.LivePosts} posts {livePostGap.TotalMilliseconds:0} ms apart...");
var live = await LiveFanOut.RunAsync([server], phaseId, o.LiveClients, o.LivePosts, livePostGap, connectParallelism: 50, async i =>
    (await api.SendAsync(HttpMethod.Post, list, token, new { language = "fr", title = $"Live post {i}", body = postText }, HttpStatusCode.Created))
    .GetProperty("id").GetInt64());

var (rssEnd, hwm) = server.Memory();
var databaseEnd = database.Memory();
databasePeak = DatabaseMemory.Max(databasePeak, databaseEnd);
// VmHWM can trail the sampled VmRSS by a few pages, as the kernel folds its per-CPU counters in lazily.
var peak = new[] { hwm, rebuild.PeakRssMb, draftPhaseRebuild.PeakRssMb, draftPeakRss, live.PeakRssMb }
    .Concat(results.Append(warm).Select(r => r.PeakRssMb)).Concat(exports.Select(e => e.PeakRssMb)).Max();

var report = new StringBuilder()
    .AppendLine($"Forum benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}")
    .AppendLine($"{seeded.Count:N0} contributions ({seeded.Versions:N0} versions) in one phase, seeded in {seeded.Took.TotalSeconds:0.0} s; "
        + $"{o.Concurrency} connections on loopback, {o.Seconds} s per scenario after {o.Warmup} s warm-up "
        + $"(and {o.ServerWarmup} s of mixed load first, {warm.Requests:N0} requests)")
    .AppendLine()
    .AppendLine($"{database.Name}: {durability}")
    .AppendLine()
    .AppendLine($"{"scenario",-30} {"requests",9} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"errors",7} {"server RSS MB",14} "
        + (databaseEnd.Separate ? $"{"CPU server/bench/db",20} {"db PSS MB",10} {"backends",8}" : $"{"CPU server/bench",17}"));
foreach (var r in results)
{
    report.AppendLine($"{r.Name,-30} {r.Requests,9:N0} {r.PerSecond,8:N0} {r.P50,8:0.00} {r.P99,8:0.00} {r.Max,8:0.0} {r.Errors,7} {r.PeakRssMb,14:0.0} "
        + (r.PeakDatabase.Separate
            ? $"{$"{r.ServerCores:0.00} / {r.ClientCores:0.00} / {r.DatabaseCores:0.00}",20} {r.PeakDatabase.PssMb,10:0.0} {r.PeakDatabase.Backends,8}"
            : $"{$"{r.ServerCores:0.00} / {r.ClientCores:0.00}",17}"));
}
report.AppendLine("(RSS: highest resident size of the server seen during the scenario; CPU: cores busy in the server / in this load generator"
        + (databaseEnd.Separate ? " / in the database's processes; db PSS: highest proportional set size of all the database server's processes, "
            + "backends: its processes serving the benchmark's database" : "") + ")")
    .Append(results.Any(r => r.DatabaseActivity.Length > 0)
        ? $"({database.Name}'s sessions in a transaction, on average over samples every 100 ms: Lock:transactionid waits for another's row lock, "
            + "IO:WALSync and LWLock:WALWrite for a commit's flush to disk, CPU runs, idle in transaction waits for the server's next statement)"
            + string.Concat(results.Where(r => r.DatabaseActivity.Length > 0).Select(r => $"{Environment.NewLine}  {r.Name,-28} {r.DatabaseActivity}"))
            + Environment.NewLine
        : "")
    .AppendLine($"(\"uncached\": the same request with a query value the output cache does not know, so that it is neither served nor stored; "
        + $"the output cache was {(cacheOn ? "on" : "off")} for the others)")
    .AppendLine($"(no scenario starts before every draft summary is ready; during the posting scenario the server recomputed the busy phase's drafts {draftsDuringPosts} times, "
        + "each post queues one after the summary delay, 30 s as in production)")
    .AppendLine()
    .AppendLine($"statistics rebuild over {rebuild.Contributions:N0} contributions: {rebuild.ClientTime.TotalMilliseconds:N0} ms for the client, "
        + $"{rebuild.ServerElapsed.TotalMilliseconds:N0} ms reported by the server ({rebuild.TallyRows:N0} tally rows, {rebuild.ContributorRows:N0} contributor rows); "
        + $"server RSS peak {rebuild.PeakRssMb:0.0} MB during it, {rebuild.RssAfterMb:0.0} MB right after")
    .AppendLine($"  drafts of the busy phase after it: all ready {busyDraftWait.TotalSeconds:0.00} s after the rebuild was sent; {Timings(busyDrafts.Languages())}")
    .AppendLine()
    .AppendLine($"draft phase: {translated.Count:N0} contributions, each in en, fr and es ({translated.Versions:N0} versions, {(double)translated.Words / translated.Versions:0} words each on average), "
        + $"seeded in {translated.Took.TotalSeconds:0.0} s; rebuild over {draftPhaseRebuild.Contributions:N0} contributions then {draftPhaseRebuild.ClientTime.TotalMilliseconds:N0} ms")
    .AppendLine($"  refresh: all three drafts ready {draftWait.TotalSeconds:0.00} s after the request; {Timings(draftTimings)}")
    .AppendLine($"  server RSS {draftRssBefore:0.0} MB before, peak {draftPeakRss:0.0} MB during")
    .AppendLine()
    .AppendLine($"export of the busy phase ({counted:N0} contributions, all versions), streamed to a counting sink:")
    .AppendLine($"  {"format",-6} {"seconds",8} {"MB",8} {"MB/s",7} {"RSS before",11} {"RSS peak",9} {"growth",7}");
foreach (var e in exports)
{
    report.AppendLine($"  {e.Format,-6} {e.Took.TotalSeconds,8:0.00} {e.Bytes / 1e6,8:0.0} {e.Bytes / 1e6 / e.Took.TotalSeconds,7:0.0} {e.RssBeforeMb,11:0.0} {e.PeakRssMb,9:0.0} {e.PeakRssMb - e.RssBeforeMb,7:0.0}");
}
report
    .AppendLine()
    .AppendLine($"live fan-out over SignalR (WebSockets, JSON): {live.ClientsConnected:N0} of {live.ClientsAsked:N0} clients connected and watching the busy phase "
        + $"in {live.ConnectTime.TotalSeconds:0.00} s (50 at a time){(live.ConnectErrors.Length > 0 ? $", failures: {live.ConnectErrors}" : "")}")
    .AppendLine($"  {live.Posts} posts {livePostGap.TotalMilliseconds:0} ms apart: {live.Received:N0} of {live.Expected:N0} ContributionPosted messages received"
        + $"{(live.Duplicates > 0 ? $" ({live.Duplicates} duplicates)" : "")}")
    .AppendLine($"  delivery latency, POST sent to message at the client: p50 {live.P50:0.0} ms, p99 {live.P99:0.0} ms, max {live.Max:0.0} ms "
        + $"(the POST itself answered in p50 {live.PostP50:0.0} ms, max {live.PostMax:0.0} ms)")
    .AppendLine($"  per post, median over the posts: first client told after {live.FirstClientP50:0.0} ms, last client after {live.LastClientP50:0.0} ms")
    .AppendLine($"  server RSS {live.RssBeforeMb:0.0} MB before connecting, {live.RssConnectedMb:0.0} MB with the clients connected "
        + $"({live.RssConnectedMb - live.RssBeforeMb:+0.0;-0.0} MB), peak {live.PeakRssMb:0.0} MB during the posts, {live.RssAfterCloseMb:0.0} MB after closing them "
        + $"({live.CloseTime.TotalSeconds:0.00} s)")
    .AppendLine("  (this program and the server share the machine's cores: the clients' receiving is part of the latency)")
    .AppendLine()
    .AppendLine($"server memory: peak resident (VmHWM) {peak:0.0} MB, resident at end (VmRSS) {rssEnd:0.0} MB")
    .AppendLine(databaseEnd.Separate
        ? $"{database.Name} memory, all its processes: peak PSS {databasePeak.PssMb:0.0} MB (sampled every 250 ms; summed RSS {databasePeak.RssMb:0.0} MB, "
            + $"counting shared buffers once per process), {databaseEnd.PssMb:0.0} MB at end; up to {databasePeak.Backends} backends on the benchmark's database"
        : $"{database.Name} memory: inside the server's")
    .AppendLine($"machine load average (1 min): {loadAtStart} at the start, {LoadAverage()} at the end, on {Environment.ProcessorCount} cores (the server and this program make up to 2 of it)")
    .AppendLine($"server log: {server.FailureCount} errors, {server.WarningCount} warnings ({logPath})");
foreach (var r in results.Prepend(warm).Where(r => r.Errors > 0))
{
    report.AppendLine($"  {r.Name} errors (warm-up included): {r.ErrorDetail}");
}
foreach (var failure in server.Failures())
{
    report.AppendLine($"  {failure}");
}
var (first, deep, statistics, page, posts) = (results[0], results[1], results[2], results[3], Scenario(PostScenario(o.Concurrency)));
var slowestDraftMs = draftTimings.Max(t => t.TotalMs);
var exportGrowth = exports.Max(e => e.PeakRssMb - e.RssBeforeMb);
report.AppendLine()
    .AppendLine("aims on a 2-core machine:")
    .AppendLine($"  reads p99 < 20 ms                   {Verdict(Math.Max(first.P99, deep.P99) < 20)}  (first {first.P99:0.0} ms, deep {deep.P99:0.0} ms)")
    .AppendLine($"  deep page p99 within 1.5x of first  {Verdict(deep.P99 <= first.P99 * 1.5)}  (ratio {deep.P99 / first.P99:0.00})")
    .AppendLine($"  posts >= 500/s                      {Verdict(posts.PerSecond >= 500)}  ({posts.PerSecond:N0}/s)")
    .AppendLine($"  statistics p99 < 10 ms              {Verdict(statistics.P99 < 10)}  ({statistics.P99:0.0} ms)")
    .AppendLine($"  phase page HTML p99 < 25 ms         {Verdict(page.P99 < 25)}  ({page.P99:0.0} ms)")
    .AppendLine($"  live: every message delivered       {Verdict(live.Expected > 0 && live.Received == live.Expected)}  ({live.Received:N0} of {live.Expected:N0}, "
        + $"{live.ClientsConnected:N0} of {live.ClientsAsked:N0} clients)")
    .AppendLine($"  live delivery p99 < 100 ms          {Verdict(live.P99 < 100)}  ({live.P99:0.0} ms with {live.ClientsConnected:N0} clients)")
    .AppendLine($"  rebuild < 2 s                       {Verdict(rebuild.ClientTime.TotalSeconds < 2)}  ({rebuild.ClientTime.TotalSeconds:0.00} s)")
    .AppendLine($"  draft < 2 s per language            {Verdict(slowestDraftMs < 2000)}  (slowest {slowestDraftMs:N0} ms)")
    .AppendLine($"  RSS < 300 MB in rebuild and drafts  {Verdict(Math.Max(rebuild.PeakRssMb, draftPeakRss) < 300)}  ({rebuild.PeakRssMb:0} / {draftPeakRss:0} MB)")
    .AppendLine($"  export RSS growth < 50 MB           {Verdict(exportGrowth < 50)}  (largest {exportGrowth:0} MB)")
    .AppendLine($"  peak resident < 300 MB              {Verdict(peak < 300)}  ({peak:0} MB)");

Console.WriteLine();
Console.Write(report);
if (o.Results is not null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(o.Results))!);
    File.WriteAllText(o.Results, report.ToString());
    Console.WriteLine($"written to {o.Results}");
}
if (o.Figures is not null)
{
    var figures = new List<Figure>();
    void Add(string name, double value, string format = "N0") => figures.Add(new Figure(name, value, format));
    foreach (var writers in new[] { 1, 8, o.Concurrency }.Distinct())
    {
        var r = Scenario(PostScenario(writers));
        var who = writers == 1 ? "1 writer" : $"{writers} writers";
        Add($"posts/s, {who}", r.PerSecond);
        Add($"post p50 ms, {who}", r.P50, "0.0");
        Add($"post p99 ms, {who}", r.P99, "0.0");
        Add($"cores busy, {who} (server + load + database)", r.ServerCores + r.ClientCores + r.DatabaseCores, "0.00");
    }
    foreach (var r in results.Where(r => !r.Name.StartsWith("post", StringComparison.Ordinal)))
    {
        Add($"{r.Name}: req/s", r.PerSecond);
        Add($"{r.Name}: p99 ms", r.P99, "0.0");
    }
    Add($"statistics rebuild, {rebuild.Contributions:N0} contributions: s", rebuild.ClientTime.TotalSeconds, "0.00");
    Add($"drafts of {translated.Count:N0} contributions in 3 languages: s", draftWait.TotalSeconds, "0.00");
    foreach (var e in exports)
    {
        Add($"export {e.Format}, {counted:N0} contributions: s", e.Took.TotalSeconds, "0.00");
    }
    Add($"live delivery p99 ms, {live.ClientsConnected:N0} clients", live.P99, "0.0");
    Add($"seeding {seeded.Count:N0} contributions: s", seeded.Took.TotalSeconds, "0.0");
    Add("server peak RSS MB", peak, "0");
    Add("server RSS at end MB", rssEnd, "0");
    Add("database processes' peak PSS MB", databasePeak.PssMb, "0");
    Add("database processes' PSS at end MB", databaseEnd.PssMb, "0");
    Add("server + database at end MB", rssEnd + (databaseEnd.Separate ? databaseEnd.PssMb : 0), "0");
    new FigureSet(database.Name, durability, $"{startedAt:yyyy-MM-dd HH:mm} UTC", $"{loadAtStart} at the start, {LoadAverage()} at the end", figures)
        .Write(o.Figures);
}
return 0;

async Task<ScenarioResult> MeasureAsync(string name, Func<int, int, Task<HttpStatusCode>> send, int? connections = null)
{
    // Background draft computations would compete with the requests for the CPU.
    await WaitForDraftsAsync(phaseId);
    var workers = connections ?? o.Concurrency;
    Console.WriteLine($"running {name}: {workers} connections, {o.Warmup} s warm-up + {o.Seconds} s...");
    var result = await LoadRunner.RunAsync(name, workers, warmup, duration, server, send);
    databasePeak = DatabaseMemory.Max(databasePeak, result.PeakDatabase);
    return result;
}

static string PostScenario(int writers) => writers == 1 ? "post, 1 writer" : $"post, {writers} writers";

ScenarioResult Scenario(string name) => results.Single(r => r.Name == name);

// The output cache answers a stored copy with an Age header.
async Task<bool> IsServedFromCacheAsync(string path)
{
    // The first request stores a copy, if it may.
    (await http.GetAsync(server.BaseUrl + path)).Dispose();
    using var response = await http.GetAsync(server.BaseUrl + path);
    return response.Headers.Age is not null;
}

async Task<RebuildResult> RebuildAsync()
{
    var ((answer, took), peakRss) = await WithPeakRssAsync(async () =>
    {
        var clock = Stopwatch.StartNew();
        var json = await api.SendAsync(HttpMethod.Post, "/api/admin/statistics/rebuild", adminToken, new { }, HttpStatusCode.OK);
        return (json, clock.Elapsed);
    });
    return new RebuildResult(took, TimeSpan.Parse(answer.GetProperty("elapsed").GetString()!, CultureInfo.InvariantCulture),
        answer.GetProperty("contributions").GetInt32(), answer.GetProperty("tallyRows").GetInt32(), answer.GetProperty("contributorRows").GetInt32(),
        peakRss, server.Memory().Rss);
}

async Task<List<DraftState>> ReadDraftsAsync(int phase)
{
    var drafts = new List<DraftState>();
    foreach (var language in ProposalText.Languages)
    {
        var draft = await api.SendAsync(HttpMethod.Get, $"/api/phases/{phase}/draft-summary/{language}", adminToken, null, HttpStatusCode.OK);
        drafts.Add(new DraftState(language, draft.GetProperty("status").GetString()!, draft.GetProperty("computedAt").ToString(),
            draft.GetProperty("contributionCount").GetInt32()));
    }
    return drafts;
}

// Until the phase's three drafts are ready and, when earlier states are given, computed again since.
async Task<TimeSpan> WaitForDraftsAsync(int phase, List<DraftState>? earlier = null)
{
    var clock = Stopwatch.StartNew();
    // As a moderator would: changes wait for the summary delay, a refresh does not.
    await api.SendAsync(HttpMethod.Post, $"/api/phases/{phase}/draft-summary/refresh", adminToken, new { }, HttpStatusCode.Accepted);
    while (true)
    {
        var drafts = await ReadDraftsAsync(phase);
        if (drafts.All(d => d.Status == "ready" && (earlier is null || earlier.Single(e => e.Language == d.Language).ComputedAt != d.ComputedAt)))
        {
            return clock.Elapsed;
        }
        if (clock.Elapsed > TimeSpan.FromMinutes(5))
        {
            throw new TimeoutException($"The drafts of phase {phase} are still not ready: {string.Join(", ", drafts.Select(d => $"{d.Language} {d.Status}"))}.");
        }
        await Task.Delay(50);
    }
}

// The log line of the phase's next draft computation after the first `seen` ones; it can trail the stored drafts a little.
async Task<DraftComputation> DraftLogAsync(int phase, int seen)
{
    for (var waited = 0; waited < 100; waited++)
    {
        if (server.DraftComputations().Where(d => d.PhaseId == phase).Skip(seen).LastOrDefault() is { } logged)
        {
            return logged;
        }
        await Task.Delay(100);
    }
    throw new TimeoutException($"The server logged no draft computation of phase {phase}.");
}

async Task<ExportResult> ExportAsync(int phase, string format)
{
    var rssBefore = server.Memory().Rss;
    var ((bytes, took), peakRss) = await WithPeakRssAsync(async () =>
    {
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{server.BaseUrl}/api/phases/{phase}/export/contributions.{format}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The {format} export answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        var sink = new CountingStream();
        await response.Content.CopyToAsync(sink);
        return (sink.Bytes, clock.Elapsed);
    });
    return new ExportResult(format, took, bytes, rssBefore, peakRss);
}

async Task<(T Value, double PeakRssMb)> WithPeakRssAsync<T>(Func<Task<T>> work)
{
    using var stop = new CancellationTokenSource();
    var sampling = LoadRunner.SamplePeakAsync(server, stop.Token);
    var value = await work();
    stop.Cancel();
    var peak = await sampling;
    databasePeak = DatabaseMemory.Max(databasePeak, peak.Database);
    return (value, peak.ServerMb);
}

static string Timings(IEnumerable<DraftLanguageTiming> timings) => string.Join("; ", timings.Select(t =>
    $"{t.Language} {t.Contributions:N0} contributions read in {t.ReadMs:N0} ms + summarized in {t.SummarizeMs:N0} ms = {t.TotalMs:N0} ms"));

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

async Task ExpectPageShowsAsync(string path, string expected)
{
    using var response = await http.GetAsync(server.BaseUrl + path);
    var html = await response.Content.ReadAsStringAsync();
    if (response.StatusCode != HttpStatusCode.OK || !html.Contains(expected, StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} without {expected} in its {html.Length:N0} characters.");
    }
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

static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

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

internal sealed record RebuildResult(
    TimeSpan ClientTime, TimeSpan ServerElapsed, int Contributions, int TallyRows, int ContributorRows, double PeakRssMb, double RssAfterMb);

internal sealed record DraftState(string Language, string Status, string ComputedAt, int Contributions);

internal sealed record ExportResult(string Format, TimeSpan Took, long Bytes, double RssBeforeMb, double PeakRssMb);

/// <summary>Counts what is written to it and keeps nothing, so that a download costs the client no memory.</summary>
internal sealed class CountingStream : Stream
{
    public long Bytes { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Bytes += count;
    public override void Write(ReadOnlySpan<byte> buffer) => Bytes += buffer.Length;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Bytes += buffer.Length;
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

internal sealed record BenchOptions(
    string Provider, string? Db, string? Postgres, string PostgresDatabase, string Web, int Port, int Contributions, int DraftContributions, double Deep,
    int Concurrency, int Seconds, int Warmup, int ServerWarmup, int LiveClients, int LivePosts, string? Results, string? Figures, string? Log, string? PidFile)
{
    private const string Usage =
        "usage: Forum.Bench [--provider sqlite] --db <new sqlite file> --web <Forum.Web.dll> [--port 0] [--contributions 100000] [--draft-contributions 10000] [--deep 0.9] "
        + "[--concurrency 32] [--seconds 10] [--warmup 2] [--server-warmup 15] "
        + "[--live-clients 1000] [--live-posts 20] [--results <file>] [--figures <json file>] [--log <server log file>] [--pid-file <file>]\n"
        + "   or: Forum.Bench --provider postgres --postgres <Npgsql connection string without database> [--postgres-database forum_bench] --web … (the same options)\n"
        + "   or: Forum.Bench --side-by-side <figures of SQLite> <figures of PostgreSQL> [--results <file>]";

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
        var provider = Optional("provider") ?? "sqlite";
        var options = new BenchOptions(
            provider, provider == "sqlite" ? Text("db") : null, provider == "postgres" ? Text("postgres") : null, Optional("postgres-database") ?? "forum_bench",
            Text("web"), Number("port", 0), Number("contributions", 100_000), Number("draft-contributions", 10_000),
            double.Parse(Optional("deep") ?? "0.9", CultureInfo.InvariantCulture),
            Number("concurrency", 32), Number("seconds", 10), Number("warmup", 2), Number("server-warmup", 15),
            Number("live-clients", 1000), Number("live-posts", 20), Optional("results"), Optional("figures"), Optional("log"), Optional("pid-file"));
        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option --{values.Keys.First()}. {Usage}");
        }
        if (provider is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException($"--provider is sqlite or postgres, not '{provider}'. {Usage}");
        }
        if (options.Contributions < 100)
        {
            throw new ArgumentException("--contributions is at least 100, so that a deep page exists below the first.");
        }
        if (options.DraftContributions < 10)
        {
            throw new ArgumentException("--draft-contributions is at least 10, so that the drafts have something to summarize.");
        }
        if (options.LiveClients < 1 || options.LivePosts < 1)
        {
            throw new ArgumentException("--live-clients and --live-posts are at least 1, so that the live fan-out has something to measure.");
        }
        return options;
    }
}
