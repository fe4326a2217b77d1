using System.IO.Pipelines;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace Forum.Bench;

/// <summary>
/// SmtpServer's listener with Nagle's algorithm off on each connection. Its own listener answers a pipelined
/// MAIL FROM and RCPT TO in two writes, the second held until the client's delayed acknowledgement (40 ms), which
/// capped the sink at 20 messages a second; a mail server such as Postfix answers them in one write. The sink must
/// not be what the benchmark measures. Plain connections only (the benchmark sends without TLS).
/// </summary>
internal sealed class NoDelayListenerFactory : IEndpointListenerFactory
{
    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        return new Listener(listener);
    }

    private sealed class Listener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            context.Properties[EndpointListener.LocalEndPointKey] = listener.LocalEndpoint;
            context.Properties[EndpointListener.RemoteEndPointKey] = client.Client.RemoteEndPoint!;
            return new Pipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    private sealed class Pipe(TcpClient client) : ISecurableDuplexPipe
    {
        private readonly NetworkStream _stream = client.GetStream();

        public PipeReader Input => field ??= PipeReader.Create(_stream);

        public PipeWriter Output => field ??= PipeWriter.Create(_stream);

        public bool IsSecure => false;

        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The benchmark's SMTP server takes plain connections only.");

        public void Dispose() => client.Dispose();
    }
}
