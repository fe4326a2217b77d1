using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Forum.Core.Notifications;
using Forum.Data;
using Forum.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Forum.Bench;

/// <summary>
/// What e-mail costs (bench/run.sh --mail): a phase opening for 10,000 followers of its theme (time to compose every
/// message, to hand them all to a local SMTP server, messages per second, the server's memory), and what queuing
/// notifications adds to posting: replies with 8 writers against the server built from the commit before e-mail
/// (--baseline-web) and against this one, in the same run.
/// </summary>
public sealed class MailBench : IDisposable
{
    private readonly MailOptions _o;
    private readonly HttpClient _http;
    private readonly Account _admin = new("admin@bench.localhost", "Bench-admin-Passw0rd!");
    private readonly SmtpSink _sink = new();
    private readonly string _work = Directory.CreateTempSubdirectory("forum-mail-bench").FullName;

    private MailBench(MailOptions options)
    {
        _o = options;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        using var bench = new MailBench(MailOptions.Parse(args));
        var report = await bench.RunAsync();
        output.WriteLine();
        output.Write(report);
        if (bench._o.Results is not null)
        {
            await File.WriteAllTextAsync(bench._o.Results, report);
        }
        return 0;
    }

    private async Task<string> RunAsync()
    {
        var startedAt = DateTime.UtcNow;
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var before = await PostingAsync("before e-mail", _o.BaselineWeb, withMail: false);
        var queuedOnly = await PostingAsync("none told", _o.Web, withMail: true, told: false);
        var after = await PostingAsync("authors told", _o.Web, withMail: true);
        var opening = await OpeningAsync();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"E-mail benchmark, {startedAt:yyyy-MM-dd HH:mm} UTC, SQLite, load average {load} at the start, {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Phase opening for {_o.Followers:N0} followers of its theme (en, fr and es in turn), handed to an SMTP server in the benchmark's process:");
        report.AppendLine(CultureInfo.InvariantCulture, $"  all {opening.Queued:N0} messages composed and stored in the outbox {opening.Composed.TotalSeconds:0.00} s after the opening instant (the watcher wakes at it)");
        report.AppendLine(CultureInfo.InvariantCulture, $"  all {opening.Delivered:N0} handed to the SMTP server {opening.Delivered_.TotalSeconds:0.00} s after it: {opening.Delivered / opening.Delivered_.TotalSeconds:N0} messages/s overall, {opening.Delivered / Math.Max(0.001, (opening.Delivered_ - opening.FirstDelivered).TotalSeconds):N0} messages/s from the first to the last");
        report.AppendLine(CultureInfo.InvariantCulture, $"  distinct recipients {opening.Distinct:N0}; by language en {opening.ByLanguage.GetValueOrDefault("en"):N0}, fr {opening.ByLanguage.GetValueOrDefault("fr"):N0}, es {opening.ByLanguage.GetValueOrDefault("es"):N0}; in the wrong language {opening.WrongLanguage}");
        report.AppendLine(CultureInfo.InvariantCulture, $"  server RSS {opening.RssBefore:0} MB before, peak {opening.RssPeak:0} MB, {opening.RssAfter:0} MB after");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Posting replies, {_o.Writers} writers, {_o.Seconds} s after {_o.Warmup} s of warm-up; with e-mail, each reply is a happening that");
        report.AppendLine("the worker handles: \"none told\" when the authors chose never to hear of replies (the cost of recording it),");
        report.AppendLine("\"authors told\" when each reply is mailed to its contribution's author (composing and sending too, on the same 2 cores):");
        foreach (var p in new[] { before, queuedOnly, after })
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {p.Label,-14} {p.Result.PerSecond,7:N0} replies/s, p50 {p.Result.P50:0.0} ms, p99 {p.Result.P99:0.0} ms, errors {p.Result.Errors}{(p.Mails >= 0 ? $", {p.Mails:N0} messages handed to SMTP by the end" : "")}");
        }
        report.AppendLine(CultureInfo.InvariantCulture, $"  none told / before: {queuedOnly.Result.PerSecond / before.Result.PerSecond:0.00} of the replies per second, p50 x{queuedOnly.Result.P50 / before.Result.P50:0.00}");
        report.AppendLine(CultureInfo.InvariantCulture, $"  authors told / before: {after.Result.PerSecond / before.Result.PerSecond:0.00} of the replies per second, p50 x{after.Result.P50 / before.Result.P50:0.00}");
        return report.ToString();
    }

    private sealed record Posting(string Label, ScenarioResult Result, int Mails);

    private async Task<Posting> PostingAsync(string label, string web, bool withMail, bool told = true)
    {
        var name = $"posting-{(withMail ? told ? "told" : "none-told" : "before")}";
        var database = SqliteBenchDatabase.Create(Path.Combine(_work, $"{name}.db"));
        using var server = Start(web, database, name);
        await server.WaitUntilReadyAsync(_http, TimeSpan.FromSeconds(120));
        var api = new Api(_http, server.BaseUrl);
        var adminToken = await api.LoginAsync(_admin);
        var phaseId = await CreateThemeAndPhaseAsync(api, adminToken, "posting", DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(30));
        var writers = new string[_o.Writers];
        var roots = new long[_o.Writers];
        for (var i = 0; i < _o.Writers; i++)
        {
            var account = new Account($"writer{i}@bench.localhost", "Bench-writer-1!");
            await api.SendAsync(HttpMethod.Post, "/api/account/register", null, new { email = account.Email, password = account.Password }, HttpStatusCode.OK);
            writers[i] = await api.LoginAsync(account);
            if (!told)
            {
                await api.SendAsync(HttpMethod.Put, "/api/account/notifications", writers[i], new Dictionary<string, string> { ["reply"] = "never" }, HttpStatusCode.OK);
            }
            roots[i] = (await api.SendAsync(HttpMethod.Post, $"/api/phases/{phaseId}/contributions", writers[i],
                new { language = "en", title = $"Proposal {i}", body = "A proposal to reply to." }, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        }
        var mailsBefore = _sink.Count;
        Console.WriteLine($"{label}: {_o.Writers} writers reply for {_o.Seconds} s...");
        var result = await LoadRunner.RunAsync(label, _o.Writers, TimeSpan.FromSeconds(_o.Warmup), TimeSpan.FromSeconds(_o.Seconds), server, async (w, i) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{server.BaseUrl}/api/contributions/{roots[(w + 1) % roots.Length]}/replies")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { language = "en", title = $"Reply {w}-{i}", body = "I agree with this, and would add one thing." }),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", writers[w]);
            using var response = await _http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode;
        });
        // What was queued during the run leaves shortly after.
        await Task.Delay(3000);
        return new Posting(label, result, withMail ? _sink.Count - mailsBefore : -1);
    }

    private sealed record Opening(int Queued, TimeSpan Composed, int Delivered, TimeSpan FirstDelivered, TimeSpan Delivered_, int Distinct,
        Dictionary<string, int> ByLanguage, int WrongLanguage, double RssBefore, double RssPeak, double RssAfter);

    private async Task<Opening> OpeningAsync()
    {
        var database = SqliteBenchDatabase.Create(Path.Combine(_work, "opening.db"));
        using var server = Start(_o.Web, database, "opening");
        await server.WaitUntilReadyAsync(_http, TimeSpan.FromSeconds(120));
        var api = new Api(_http, server.BaseUrl);
        var adminToken = await api.LoginAsync(_admin);
        var now = DateTime.UtcNow;
        var first = await CreateThemeAndPhaseAsync(api, adminToken, "opening", now.AddDays(-10), now.AddDays(1));
        // The previous phase has contributions, so the announcement carries its statistics sentence.
        var participant = new Account("first@bench.localhost", "Bench-writer-1!");
        await api.SendAsync(HttpMethod.Post, "/api/account/register", null, new { email = participant.Email, password = participant.Password }, HttpStatusCode.OK);
        var token = await api.LoginAsync(participant);
        foreach (var language in new[] { "en", "fr", "es", "fr" })
        {
            await api.SendAsync(HttpMethod.Post, $"/api/phases/{first}/contributions", token, new { language, title = $"Idea in {language}", body = "An idea." }, HttpStatusCode.Created);
        }
        await api.SendAsync(HttpMethod.Post, $"/api/phases/{first}/close", adminToken, new { reason = "Phase 1 is over." }, HttpStatusCode.OK);
        var opensAt = DateTime.UtcNow.AddSeconds(_o.Lead);
        var second = (await api.SendAsync(HttpMethod.Post, "/api/themes/opening/phases", adminToken, new
        {
            number = 2, originalLanguage = "en", opensAt = Instant(opensAt), closesAt = Instant(opensAt.AddDays(12)),
            texts = new { en = new { title = "Phase 2", question = "What comes next?" }, fr = new { title = "Phase 2", question = "Et ensuite ?" }, es = new { title = "Fase 2", question = "¿Y después?" } },
        }, HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var themeId = await ThemeIdAsync(database, second);

        var seeding = Stopwatch.StartNew();
        var languages = new[] { "en", "fr", "es" };
        var preferred = new Dictionary<string, string>();
        await using (var db = Context(database))
        {
            var users = new List<ForumUser>();
            for (var i = 0; i < _o.Followers; i++)
            {
                var email = $"follower{i}@bench.localhost";
                var language = languages[i % 3];
                preferred[email] = language;
                users.Add(new ForumUser
                {
                    Id = Guid.NewGuid().ToString(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true,
                    PreferredLanguage = language, RegisteredAt = DateTime.UtcNow,
                });
            }
            db.Users.AddRange(users);
            db.Set<Follow>().AddRange(users.Select(u => Follow.OfTheme(u.Id, themeId, DateTime.UtcNow)));
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"opening: {_o.Followers:N0} followers written in {seeding.Elapsed.TotalSeconds:0.0} s; the phase opens at {opensAt:HH:mm:ss} UTC");
        if (DateTime.UtcNow > opensAt.AddSeconds(-2))
        {
            throw new InvalidOperationException($"Seeding the followers took longer than the lead ({_o.Lead} s): give a longer --lead.");
        }
        var (rssBefore, _) = server.Memory();
        _sink.Reset(preferred);
        while (DateTime.UtcNow < opensAt)
        {
            await Task.Delay(10);
        }
        var clock = Stopwatch.StartNew();
        TimeSpan? composed = null;
        TimeSpan? firstDelivered = null;
        var queued = 0;
        var deadline = TimeSpan.FromSeconds(_o.Timeout);
        while (_sink.Count < _o.Followers && clock.Elapsed < deadline)
        {
            await Task.Delay(50);
            if (firstDelivered is null && _sink.Count > 0)
            {
                firstDelivered = clock.Elapsed;
            }
            if (composed is null)
            {
                await using var db = Context(database);
                queued = await db.OutboxMessages.CountAsync(m => m.CreatedAt >= opensAt.AddSeconds(-1) && m.Recipient.StartsWith("follower"));
                if (queued >= _o.Followers)
                {
                    composed = clock.Elapsed;
                }
            }
        }
        var delivered = clock.Elapsed;
        var peak = server.Memory().Peak;
        await Task.Delay(2000);
        var (rssAfter, _) = server.Memory();
        if (_sink.Count < _o.Followers)
        {
            throw new TimeoutException($"{_sink.Count:N0} of {_o.Followers:N0} messages arrived within {_o.Timeout} s.");
        }
        return new Opening(queued, composed ?? delivered, _sink.Count, firstDelivered ?? delivered, delivered, _sink.Distinct, _sink.ByLanguage(), _sink.WrongLanguage,
            rssBefore, peak, rssAfter);
    }

    private static ForumDbContext Context(BenchDatabase database) =>
        new SqliteForumDbContext(new DbContextOptionsBuilder<SqliteForumDbContext>().UseSqlite(database.ConnectionString).Options);

    private static async Task<int> ThemeIdAsync(BenchDatabase database, int phaseId)
    {
        await using var db = Context(database);
        return await db.Phases.Where(p => p.Id == phaseId).Select(p => p.ThemeId).SingleAsync();
    }

    private static string Instant(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    internal static async Task<int> CreateThemeAndPhaseAsync(Api api, string adminToken, string slug, DateTime opensAt, DateTime closesAt)
    {
        await api.SendAsync(HttpMethod.Post, "/api/themes", adminToken, new
        {
            slug, position = 1, published = true, originalLanguage = "en",
            texts = new { en = new { title = "Local cooperation", description = "A theme for the e-mail benchmark." } },
        }, HttpStatusCode.Created);
        return (await api.SendAsync(HttpMethod.Post, $"/api/themes/{slug}/phases", adminToken, new
        {
            number = 1, originalLanguage = "en", opensAt = Instant(opensAt), closesAt = Instant(closesAt),
            texts = new { en = new { title = "Phase 1", question = "What works already?" } },
        }, HttpStatusCode.Created)).GetProperty("id").GetInt32();
    }

    private ServerProcess Start(string web, BenchDatabase database, string name) =>
        ServerProcess.Start(web, database, 0, Path.Combine(_o.LogFolder, $"server-mail-{name}.log"), _admin, new Dictionary<string, string>
        {
            ["Forum__Mail__Host"] = "127.0.0.1",
            ["Forum__Mail__Port"] = _sink.Port.ToString(CultureInfo.InvariantCulture),
            ["Forum__Mail__Security"] = "None",
            ["Forum__Mail__From"] = "Forum <forum@bench.localhost>",
            ["Forum__SummaryDelaySeconds"] = "86400",
            // Both servers let new accounts post at once: the benchmark measures posting, not confirming addresses.
            ["Forum__Accounts__RequireConfirmedEmail"] = "false",
        });

    public void Dispose()
    {
        _sink.Dispose();
        _http.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    /// <summary>An SMTP server that counts what it accepts, its recipients and their languages, and keeps no message.</summary>
    private sealed class SmtpSink : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly SmtpServer.SmtpServer _server;
        private readonly ConcurrentDictionary<string, int> _recipients = new();
        private readonly ConcurrentDictionary<string, int> _languages = new();
        private IReadOnlyDictionary<string, string> _expected = new Dictionary<string, string>();
        private int _count;
        private int _wrong;

        public SmtpSink()
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            var options = new SmtpServerOptionsBuilder().ServerName("localhost")
                .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
            var services = new SmtpServer.ComponentModel.ServiceProvider();
            services.Add(new Store(this));
            services.Add(new NoDelayListenerFactory());
            _server = new SmtpServer.SmtpServer(options, services);
            _ = _server.StartAsync(_stop.Token);
        }

        public int Port { get; }
        public int Count => Volatile.Read(ref _count);
        public int Distinct => _recipients.Count;
        public int WrongLanguage => Volatile.Read(ref _wrong);

        public Dictionary<string, int> ByLanguage() => new(_languages);

        public void Reset(IReadOnlyDictionary<string, string> expected)
        {
            _expected = expected;
            _recipients.Clear();
            _languages.Clear();
            Interlocked.Exchange(ref _count, 0);
            Interlocked.Exchange(ref _wrong, 0);
        }

        private sealed class Store(SmtpSink sink) : MessageStore
        {
            public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
            {
                var recipient = transaction.To.Count > 0 ? $"{transaction.To[0].User}@{transaction.To[0].Host}" : "";
                sink._recipients.AddOrUpdate(recipient, 1, (_, n) => n + 1);
                // The body's Content-Language header is enough to check the language; the message is not parsed whole.
                var text = Encoding.UTF8.GetString(buffer.ToArray());
                var at = text.IndexOf("Content-Language: ", StringComparison.Ordinal);
                var language = at < 0 ? "?" : text.Substring(at + 18, 2);
                sink._languages.AddOrUpdate(language, 1, (_, n) => n + 1);
                if (sink._expected.TryGetValue(recipient, out var expected) && expected != language)
                {
                    Interlocked.Increment(ref sink._wrong);
                }
                Interlocked.Increment(ref sink._count);
                return Task.FromResult(SmtpResponse.Ok);
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _server.Shutdown();
            _stop.Dispose();
        }
    }

    private sealed record MailOptions(string Web, string BaselineWeb, int Followers, int Writers, int Seconds, int Warmup, int Lead, int Timeout, string LogFolder, string? Results)
    {
        public static MailOptions Parse(string[] args)
        {
            var values = new Dictionary<string, string>();
            for (var i = 0; i < args.Length; i++)
            {
                if (args[i] == "--mail")
                {
                    continue;
                }
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    throw new ArgumentException($"Unexpected argument '{args[i]}'. usage: Forum.Bench --mail --web <Forum.Web.dll> --baseline-web <Forum.Web.dll of the commit before e-mail> [--followers 10000] [--writers 8] [--seconds 10] [--warmup 2] [--lead 60] [--timeout 600] [--log <folder>] [--results <file>]");
                }
                values[args[i][2..]] = args[++i];
            }
            int Number(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            return new MailOptions(values["web"], values["baseline-web"], Number("followers", 10_000), Number("writers", 8), Number("seconds", 10), Number("warmup", 2),
                Number("lead", 60), Number("timeout", 600), values.GetValueOrDefault("log", "."), values.GetValueOrDefault("results"));
        }
    }
}
