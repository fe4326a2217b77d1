using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Forum.FunctionalTests.Infrastructure;

/// <summary>
/// The forum as a separate `dotnet Forum.Web.dll` process (the build the test project references), for
/// tests that must kill it outright: an in-process server cannot be SIGKILLed without the test.
/// Disposing always ends the process, so no server outlives its test.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private const int TailLines = 40;

    private readonly Process _process;
    private readonly List<HttpClient> _clients = [];
    private readonly Queue<string> _tail = new();
    private readonly List<string> _errors = [];
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the server on a free port. <paramref name="settings"/> are configuration keys ("Forum:Admin:Email").</summary>
    public static ServerProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "Forum.Web.dll");
        var port = FreePort();
        // DOTNET_HOST_PATH is the muxer running `dotnet test`; the server runs on the same runtime.
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [web])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__")] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {web}.");
        var server = new ServerProcess(process, port);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>A client of this server; disposed with it.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        lock (_gate)
        {
            _clients.Add(client);
        }
        return client;
    }

    public ForumClient Anonymous() => new(CreateClient(), CreateClient);

    /// <summary>Waits until the server answers (it migrates and seeds before it listens), or fails with its last lines.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before answering. Its last lines:{Environment.NewLine}{Tail()}");
            }
            try
            {
                using var response = await probe.GetAsync("/api/forum");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The server did not answer within {timeout.TotalSeconds:0} s. Its last lines:{Environment.NewLine}{Tail()}");
    }

    /// <summary>SIGKILL on Linux and macOS: the process gets no chance to flush, close or finish a request.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            // The server starts no process of its own, and walking the process tree first would delay the signal
            // by tens of milliseconds, long enough for the requests in flight to finish.
            _process.Kill();
        }
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException($"The server (process {_process.Id}) did not end after SIGKILL.");
        }
    }

    /// <summary>SIGTERM, what an orchestrator sends first: the server stops gracefully.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]) ?? throw new InvalidOperationException("Cannot run kill.");
        kill.WaitForExit();
    }

    /// <summary>The exit code once the process ended within <paramref name="timeout"/>, else null.</summary>
    public int? ExitCodeWithin(TimeSpan timeout) => _process.WaitForExit(timeout) ? _process.ExitCode : null;

    /// <summary>The lines the server logged at level fail or crit, each with the line after it (the message).</summary>
    public IReadOnlyList<string> Errors()
    {
        lock (_gate)
        {
            return [.. _errors];
        }
    }

    /// <summary>How many lines of the server's output contain <paramref name="fragment"/>.</summary>
    public int CountLines(string fragment)
    {
        lock (_gate)
        {
            return _lines.Count(l => l.Contains(fragment, StringComparison.Ordinal));
        }
    }

    public string Tail()
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _tail);
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
            if (_tail.LastOrDefault() is { } previous && (previous.StartsWith("fail:") || previous.StartsWith("crit:")))
            {
                _errors.Add($"{previous} {line.Trim()}");
            }
            _tail.Enqueue(line);
            _lines.Add(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
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
        Kill();
        _process.Dispose();
        lock (_gate)
        {
            _clients.ForEach(c => c.Dispose());
        }
    }
}
