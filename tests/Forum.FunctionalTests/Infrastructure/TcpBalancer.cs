using System.Net;
using System.Net.Sockets;

namespace Forum.FunctionalTests.Infrastructure;

/// <summary>
/// A load balancer at the TCP level, as simple as they come: each connection goes to the first instance that
/// accepts it, in the order given. When an instance dies, its connections break and the next ones go to another:
/// what a client behind a real balancer meets when an instance is killed.
/// </summary>
public sealed class TcpBalancer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IReadOnlyList<Uri> _instances;
    private readonly CancellationTokenSource _stop = new();

    public TcpBalancer(params Uri[] instances)
    {
        _instances = instances;
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        {
            foreach (var instance in _instances)
            {
                using var upstream = new TcpClient();
                try
                {
                    await upstream.ConnectAsync(instance.Host, instance.Port, _stop.Token);
                }
                catch (SocketException)
                {
                    continue;
                }
                var down = client.GetStream();
                var up = upstream.GetStream();
                // Either side closing ends both: a dead instance drops its clients' connections.
                await Task.WhenAny(Pipe(down, up), Pipe(up, down));
                return;
            }
        }
    }

    private async Task Pipe(Stream from, Stream to)
    {
        try
        {
            await from.CopyToAsync(to, _stop.Token);
        }
        catch (Exception)
        {
            // A reset is how a killed instance looks from here.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
