using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Forum.Core.Contributions;
using Forum.Core.Languages;
using Forum.Web.Languages;
using Microsoft.Extensions.Logging.Abstractions;

namespace Forum.Bench;

/// <summary>
/// bench/run.sh --language-check: what the language check costs. In this process: the rule on one version (the detector
/// per paragraph and on the whole) for a 100-word and a 5,000-word text, p50 and p99, and the accuracy of the detector on
/// pieces of N words of the reference texts, which chose Forum:LanguageCheck:MinWords. Then two servers on SQLite, the check
/// off and on: resident memory once started and after posting, and posting throughput with 4 writers.
/// </summary>
public static class LanguageCheckBench
{
    private const string Paragraph =
        "Cooperatives in our region sell directly to their neighbours at producer markets, with fair prices for those who grow the food "
        + "and for those who buy it. The town council lends them the square every Saturday, and volunteers keep the accounts open to every member. "
        + "Last spring the network opened a shared kitchen where small producers prepare jams and soups to sell in winter.";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var web = Value(args, "--web") ?? throw new ArgumentException("--web <Forum.Web.dll> is required.");
        var seconds = double.Parse(Value(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
        var work = Directory.CreateTempSubdirectory("forum-language-check-").FullName;
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Language check benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the start");
        report.AppendLine();
        InProcess(report);
        report.AppendLine();
        var off = await ServerAsync(web, work, enabled: false, seconds);
        var on = await ServerAsync(web, work, enabled: true, seconds);
        report.AppendLine(CultureInfo.InvariantCulture, $"Server on SQLite, posting 100-word texts with 4 writers for {seconds:0} s (after 3 s of warm-up), each text read by the check when on:");
        foreach (var (label, s) in new[] { ("check off", off), ("check on", on) })
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {label,-10} RSS {s.RssStarted:0} MB started, {s.RssAfterFirst:0} MB after the first posts, {s.RssAfter:0} MB after the run (peak {s.Result.PeakRssMb:0} MB); {s.Result.PerSecond:N0} posts/s, p50 {s.Result.P50:0.0} ms, p99 {s.Result.P99:0.0} ms, errors {s.Result.Errors}");
        }
        report.AppendLine(CultureInfo.InvariantCulture, $"  the detector loaded adds {on.RssAfterFirst - off.RssAfterFirst:0} MB after the first posts, {on.RssAfter - off.RssAfter:0} MB after the run; posts/s on / off: {on.Result.PerSecond / off.Result.PerSecond:0.00}");
        output.Write(report.ToString());
        if (Value(args, "--results") is { } results)
        {
            File.WriteAllText(results, report.ToString());
        }
        Directory.Delete(work, recursive: true);
        return 0;
    }

    private static void InProcess(StringBuilder report)
    {
        var languages = new ForumLanguages(["en", "fr", "es"]);
        var before = CurrentRss();
        var loading = Stopwatch.StartNew();
        var detector = new LinguaDetector(languages, NullLogger<LinguaDetector>.Instance);
        detector.Detect("A first text loads the models.");
        loading.Stop();
        GC.Collect();
        var after = CurrentRss();
        report.AppendLine(CultureInfo.InvariantCulture, $"Detector (Lingua, low-accuracy mode, en/fr/es): loaded in {loading.ElapsedMilliseconds} ms, this process's RSS {before:0} → {after:0} MB (+{after - before:0} MB)");
        var check = new LanguageCheck(detector, new LanguageCheckOptions());
        var words = Paragraph.Split(' ');
        foreach (var count in new[] { 100, 5000 })
        {
            // Paragraphs of 50 words, as people write them.
            var text = string.Join("\n\n", Enumerable.Range(0, count / 50).Select(p => string.Join(' ', Enumerable.Range(0, 50).Select(i => words[(p * 50 + i) % words.Length]))));
            var runs = count > 1000 ? 40 : 400;
            var times = new List<double>(runs);
            for (var i = 0; i < runs + 5; i++)
            {
                var watch = Stopwatch.StartNew();
                check.OtherLanguageOf("fr", "Producer markets", text);
                if (i >= 5)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
            times.Sort();
            report.AppendLine(CultureInfo.InvariantCulture, $"  one version of {count,5} words ({count / 50} paragraphs): p50 {times[times.Count / 2]:0.00} ms, p99 {times[(int)(times.Count * 0.99)]:0.00} ms");
        }
        Accuracy(detector, report);
    }

    /// <summary>Pieces of N words of the reference texts (shared/reference, when it is there) and of the paragraph above.</summary>
    private static void Accuracy(LinguaDetector detector, StringBuilder report)
    {
        var reference = new[] { "../shared/reference", "../../shared/reference", "/work/shared/reference" }.FirstOrDefault(Directory.Exists);
        var texts = new List<(string Text, string Language)>();
        if (reference is not null)
        {
            texts.Add((File.ReadAllText(Path.Combine(reference, "000_5acf3607062302c6.txt")), "en"));
            texts.Add((File.ReadAllText(Path.Combine(reference, "001_948bdb6a339c745e.txt")), "en"));
            texts.Add((File.ReadAllText(Path.Combine(reference, "003_fdce2c18dae13564.txt")), "fr"));
        }
        else
        {
            texts.Add((Paragraph, "en"));
        }
        report.AppendLine(CultureInfo.InvariantCulture, $"Accuracy on pieces of the {(reference is null ? "benchmark's paragraph" : "reference texts")} (right; wrong with confidence ≥ 0.95, which would be questioned):");
        foreach (var n in new[] { 3, 6, 8, 10, 12, 15, 20 })
        {
            int total = 0, right = 0, wrongSure = 0;
            foreach (var (text, language) in texts)
            {
                var all = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(w => w.Any(char.IsLetter)).ToArray();
                for (var i = 0; i + n <= all.Length; i += n)
                {
                    total++;
                    var heard = detector.Detect(string.Join(' ', all, i, n));
                    if (heard?.Language == language)
                    {
                        right++;
                    }
                    else if (heard?.Confidence >= 0.95)
                    {
                        wrongSure++;
                    }
                }
            }
            report.AppendLine(CultureInfo.InvariantCulture, $"  {n,2} words: {total,5} pieces, right {100.0 * right / total:0.0}%, wrong and sure {100.0 * wrongSure / total:0.00}%");
        }
    }

    private sealed record ServerFigures(double RssStarted, double RssAfterFirst, double RssAfter, ScenarioResult Result);

    private static async Task<ServerFigures> ServerAsync(string web, string work, bool enabled, double seconds)
    {
        var name = enabled ? "on" : "off";
        var admin = new Account("admin@bench.localhost", "Bench-admin-1!");
        var database = SqliteBenchDatabase.Create(Path.Combine(work, $"check-{name}.db"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var server = ServerProcess.Start(web, database, 0, Path.Combine(work, $"server-{name}.log"), admin,
            new Dictionary<string, string> { ["Forum__LanguageCheck__Enabled"] = enabled ? "true" : "false" });
        await server.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120));
        await Task.Delay(2000);
        var started = server.Memory().Rss;
        var api = new Api(http, server.BaseUrl);
        var adminToken = await api.LoginAsync(admin);
        var phaseId = await MailBench.CreateThemeAndPhaseAsync(api, adminToken, "check", DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(30));
        var writers = new string[4];
        for (var i = 0; i < writers.Length; i++)
        {
            var account = new Account($"writer{i}@bench.localhost", "Bench-writer-1!");
            await api.SendAsync(HttpMethod.Post, "/api/account/register", null, new { email = account.Email, password = account.Password }, HttpStatusCode.OK);
            writers[i] = await api.LoginAsync(account);
        }
        var text = string.Join(' ', Enumerable.Range(0, 100).Select(i => Paragraph.Split(' ')[i % Paragraph.Split(' ').Length]));
        foreach (var language in new[] { "en", "fr", "es", "en", "fr", "es" })
        {
            await api.SendAsync(HttpMethod.Post, $"/api/phases/{phaseId}/contributions", writers[0],
                new { language, title = "First posts", body = text, languageConfirmed = true }, HttpStatusCode.Created);
        }
        await Task.Delay(1000);
        var afterFirst = server.Memory().Rss;
        var result = await LoadRunner.RunAsync($"posting, check {name}", writers.Length, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(seconds), server, async (w, i) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{server.BaseUrl}/api/phases/{phaseId}/contributions")
            {
                Content = JsonContent.Create(new { language = "en", title = $"Post {w}-{i}", body = text }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", writers[w]);
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode;
        });
        return new ServerFigures(started, afterFirst, server.Memory().Rss, result);
    }

    private static double CurrentRss() =>
        double.Parse(File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;

    private static string? Value(string[] args, string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
