using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Forum.FunctionalTests.Infrastructure;

/// <summary>
/// A real SMTP server inside the test process (the SmtpServer package) on a free port of 127.0.0.1: it keeps
/// every message it accepts, and can be told to refuse for a while (451, "try again later") or for good (550).
/// </summary>
public sealed class SmtpListener : IAsyncDisposable, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public SmtpListener()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>The settings that send the forum's mail here.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Forum:Mail:Host"] = "127.0.0.1",
        ["Forum:Mail:Port"] = Port.ToString(),
        ["Forum:Mail:Security"] = "None",
        ["Forum:Mail:From"] = "Forum <forum@tests.localhost>",
    };

    /// <summary>Set: every message is refused with this reply (451 for "later", 550 for "never").</summary>
    public int? RefuseWith { get; set; }

    /// <summary>How many messages were refused so far.</summary>
    public int Refused => _refused;

    private int _refused;

    public IReadOnlyList<MimeMessage> Received => _received.ToList();

    public IEnumerable<MimeMessage> To(string address) =>
        _received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));

    /// <summary>A notification (it carries a one-click unsubscribe link), not an account message such as a registration's confirmation.</summary>
    public static bool IsNotice(MimeMessage message) => message.Headers["List-Unsubscribe"] is not null;

    public IEnumerable<MimeMessage> Notices(string address) => To(address).Where(IsNotice);

    /// <summary>Waits until a message to <paramref name="address"/> matching <paramref name="match"/> arrived, and returns it.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, Func<MimeMessage, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = To(address).FirstOrDefault(m => match?.Invoke(m) ?? true);
            if (found is not null)
            {
                return found;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No message to {address} arrived; received: {string.Join("; ", _received.Select(m => $"{m.To} «{m.Subject}»"))}");
            }
            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Waits until <paramref name="count"/> messages in all arrived.</summary>
    public async Task WaitForCountAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (_received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{_received.Count} messages arrived, {count} expected.");
            }
            await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200));
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class Store(SmtpListener listener) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            if (listener.RefuseWith is { } code)
            {
                Interlocked.Increment(ref listener._refused);
                return new SmtpResponse((SmtpReplyCode)code, code >= 500 ? "Refused for good (test)" : "Try again later (test)");
            }
            using var stream = new MemoryStream(buffer.ToArray());
            listener._received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            listener._arrived.Release();
            return SmtpResponse.Ok;
        }
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stop.CancelAsync();
        _server.Shutdown();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
        }
        _stop.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
