using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Forum.FunctionalTests.Scaling;

/// <summary>A Redis of one test's own, in memory only, that the test may stop and start again on the same port.</summary>
public sealed class RedisProcess : IDisposable
{
    private readonly string _program;
    private readonly int _port;
    private Process? _process;

    private RedisProcess(string program, int port)
    {
        _program = program;
        _port = port;
    }

    public string ConnectionString => $"127.0.0.1:{_port}";

    public static RedisProcess Start()
    {
        var program = Environment.GetEnvironmentVariable(SeveralInstancesFactAttribute.RedisServerVariable);
        var redis = new RedisProcess(string.IsNullOrWhiteSpace(program) ? "redis-server" : program, FreePort());
        redis.Restart();
        return redis;
    }

    public void Restart()
    {
        _process = Process.Start(new ProcessStartInfo(_program, ["--port", _port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Cannot start {_program}.");
        _process.BeginOutputReadLine();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new TimeoutException($"Redis did not listen on {_port} within 10 s.");
    }

    /// <summary>Gone at once, as a crashed Redis is: connections drop.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        _process?.Dispose();
        _process = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Stop();
}
