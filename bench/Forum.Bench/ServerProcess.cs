using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Forum.Bench;

/// <summary>The forum server under test: a separate process, so that its memory is measured apart from the load generator's.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly object _gate = new();
    private readonly List<string> _failures = [];
    private readonly Queue<string> _tail = new();
    private readonly List<DraftComputation> _draftComputations = [];
    private string? _pendingFailure;
    private bool _closed;

    public int Port { get; }
    public BenchDatabase Database { get; }
    public int Pid => _process.Id;
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public TimeSpan CpuTime => _process.TotalProcessorTime;
    public int FailureCount { get; private set; }
    public int WarningCount { get; private set; }

    private ServerProcess(Process process, int port, BenchDatabase database, StreamWriter log)
    {
        _process = process;
        Port = port;
        Database = database;
        _log = log;
    }

    /// <param name="environment">Settings added to the deployment's, e.g. Forum__Redis for an instance among several.</param>
    public static ServerProcess Start(
        string webDll, BenchDatabase database, int port, string logPath, Account admin, IReadOnlyDictionary<string, string>? environment = null)
    {
        port = port > 0 ? port : FreePort();
        // Run the server on the runtime that runs this program, with the options a deployment would set.
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet", [Path.GetFullPath(webDll)])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(webDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Database__Provider"] = database.Provider;
        info.Environment["Database__ConnectionString"] = database.ConnectionString;
        info.Environment["Database__SeedDemoData"] = "false";
        info.Environment["Forum__Admin__Email"] = admin.Email;
        info.Environment["Forum__Admin__Password"] = admin.Password;
        // The benchmark writes as one participant at full speed, far beyond what a person may.
        info.Environment["Forum__RateLimits__WritesPerMinute"] = "1000000";
        info.Environment["Forum__RateLimits__AccountAttemptsPerMinute"] = "1000000";
        info.Environment["Forum__RateLimits__WritesPerAddressPerMinute"] = "1000000";
        // The summary delay stays at its default (30 s), as in production: the benchmark asks for drafts with a
        // moderator's refresh when it needs them, and posting is measured without a recomputation in the middle.
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start the server.");
        var server = new ServerProcess(process, port, database, log);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    public async Task WaitUntilReadyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                string tail;
                lock (_gate)
                {
                    tail = string.Join(Environment.NewLine, _tail);
                }
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before answering. Its last lines:{Environment.NewLine}{tail}");
            }
            try
            {
                using var response = await http.GetAsync($"{BaseUrl}/api/forum");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: it migrates the database first.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The server did not answer /api/forum within {timeout.TotalSeconds:0} s.");
    }

    /// <summary>VmRSS and VmHWM (peak resident set) in MB, from the kernel's own accounting of the process.</summary>
    public (double Rss, double Peak) Memory()
    {
        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:")) rss = Kilobytes(line) / 1024.0;
            else if (line.StartsWith("VmHWM:")) peak = Kilobytes(line) / 1024.0;
        }
        return (rss, peak);

        static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    /// <summary>The first few errors the server logged, each with the line that follows its "fail:" header.</summary>
    public IReadOnlyList<string> Failures()
    {
        lock (_gate)
        {
            return [.. _failures];
        }
    }

    /// <summary>The draft summary computations the server logged so far, oldest first.</summary>
    public IReadOnlyList<DraftComputation> DraftComputations()
    {
        lock (_gate)
        {
            return [.. _draftComputations];
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }
            _log.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > 30)
            {
                _tail.Dequeue();
            }
            if (_pendingFailure is not null)
            {
                if (_failures.Count < 10)
                {
                    _failures.Add($"{_pendingFailure} {line.Trim()}");
                }
                _pendingFailure = null;
            }
            if (DraftComputation.TryParse(line) is { } draft)
            {
                _draftComputations.Add(draft);
            }
            if (line.StartsWith("fail:") || line.StartsWith("crit:"))
            {
                FailureCount++;
                _pendingFailure = line.Trim();
            }
            else if (line.StartsWith("warn:"))
            {
                WarningCount++;
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
        lock (_gate)
        {
            _closed = true;
            _log.Dispose();
        }
    }
}

public sealed record Account(string Email, string Password);

/// <summary>One "Draft summaries of phase N computed: ..." line of the server log, with its per-language timings as logged.</summary>
public sealed partial record DraftComputation(int PhaseId, string Timings)
{
    public static DraftComputation? TryParse(string line) =>
        LogLine().Match(line) is { Success: true } m ? new DraftComputation(int.Parse(m.Groups[1].Value), m.Groups[2].Value.Trim()) : null;

    /// <summary>Each language's part of the line: "en 10000 contributions read in 120 ms, summarized in 900 ms", with "(sampled from N)" after "contributions" in a large phase.</summary>
    public IReadOnlyList<DraftLanguageTiming> Languages() =>
        LanguagePart().Matches(Timings).Select(m => new DraftLanguageTiming(m.Groups[1].Value, int.Parse(m.Groups[2].Value),
            double.Parse(m.Groups[3].Value), double.Parse(m.Groups[4].Value))).ToList();

    [GeneratedRegex(@"Draft summaries of phase (\d+) computed: (.*)$")]
    private static partial Regex LogLine();

    [GeneratedRegex(@"(\w+) (\d+) contributions(?: \(sampled from \d+\))? read in (\d+) ms, summarized in (\d+) ms")]
    private static partial Regex LanguagePart();
}

public sealed record DraftLanguageTiming(string Language, int Contributions, double ReadMs, double SummarizeMs)
{
    public double TotalMs => ReadMs + SummarizeMs;
}
