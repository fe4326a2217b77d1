using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Forum.Web.Mail;

/// <summary>How the outcome of one attempt is told to the sender.</summary>
public sealed record SendOutcome(bool Sent, string? Error = null, bool Permanent = false)
{
    public static readonly SendOutcome Ok = new(true);
}

/// <summary>Hands messages over: to an SMTP server, or to files when the forum has none.</summary>
public interface IMailTransport
{
    /// <summary>Opens what a batch needs (a connection); a failure here fails the whole batch, to be tried again.</summary>
    Task<IMailBatch> OpenAsync(CancellationToken cancellation);
}

public interface IMailBatch : IAsyncDisposable
{
    Task<SendOutcome> SendAsync(MimeMessage message, CancellationToken cancellation);
}

/// <summary>SMTP through MailKit: one connection per batch.</summary>
public sealed class SmtpMailTransport(MailOptions options) : IMailTransport
{
    public async Task<IMailBatch> OpenAsync(CancellationToken cancellation)
    {
        var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        Socket? socket = null;
        try
        {
            // Nagle's algorithm off: each SMTP step is a small write awaiting a reply, and with it on, every message
            // waits out the server's delayed acknowledgement (40 ms on Linux): 20 messages a second instead of hundreds.
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                connecting.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
                try
                {
                    await socket.ConnectAsync(options.Host!, options.Port, connecting.Token);
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    throw new TimeoutException($"No answer from {options.Host}:{options.Port} within {options.TimeoutSeconds} s.");
                }
            }
            await client.ConnectAsync(socket, options.Host!, options.Port, options.Security switch
            {
                MailSecurity.None => SecureSocketOptions.None,
                MailSecurity.StartTls => SecureSocketOptions.StartTls,
                MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.Auto,
            }, cancellation);
            if (!string.IsNullOrEmpty(options.User))
            {
                await client.AuthenticateAsync(options.User, options.Password ?? "", cancellation);
            }
            return new Batch(client);
        }
        catch
        {
            client.Dispose();
            socket?.Dispose();
            throw;
        }
    }

    private sealed class Batch(SmtpClient client) : IMailBatch
    {
        public async Task<SendOutcome> SendAsync(MimeMessage message, CancellationToken cancellation)
        {
            try
            {
                await client.SendAsync(message, cancellation);
                return SendOutcome.Ok;
            }
            catch (SmtpCommandException refused)
            {
                // 5xx: the server will never take it (a mailbox that does not exist); 4xx: later, maybe.
                var permanent = (int)refused.StatusCode >= 500;
                return new SendOutcome(false, $"{(int)refused.StatusCode} {refused.Message}", permanent);
            }
            catch (Exception e) when (e is SmtpProtocolException or IOException or ServiceNotConnectedException or TimeoutException)
            {
                // The connection broke: whether the server kept the message is unknown; the retry carries the same Message-ID.
                return new SendOutcome(false, e.Message);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(true);
                }
            }
            catch (Exception e) when (e is IOException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException)
            {
                // The messages are handed over already; a failed goodbye changes nothing.
            }
            client.Dispose();
        }
    }
}

/// <summary>Without an SMTP server: each message is written as an .eml file that a person can open, and its path logged.</summary>
public sealed class PickupFolderTransport(MailOptions options, IHostEnvironment environment, ILogger<PickupFolderTransport> logger) : IMailTransport
{
    public string Folder { get; } = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.PickupFolder));

    private void Written(MimeMessage message, string path) =>
        logger.LogInformation("E-mail to {Recipient} ({Subject}) written to {Path} (no SMTP server configured).", message.To.ToString(), message.Subject, path);

    public Task<IMailBatch> OpenAsync(CancellationToken cancellation)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<IMailBatch>(new Batch(this));
    }

    private sealed class Batch(PickupFolderTransport transport) : IMailBatch
    {
        public async Task<SendOutcome> SendAsync(MimeMessage message, CancellationToken cancellation)
        {
            // Named by the Message-ID: a message written again after a crash replaces its own file.
            var path = Path.Combine(transport.Folder, $"{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml");
            await message.WriteToAsync(path, cancellation);
            transport.Written(message, path);
            return SendOutcome.Ok;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
