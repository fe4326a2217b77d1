using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Forum.FunctionalTests.Infrastructure;
using Forum.FunctionalTests.Scaling;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Forum.FunctionalTests.Mail;

/// <summary>
/// The outbox across crashes and instances, on server processes: a message committed but not yet handed to the
/// mail server survives a SIGKILL and leaves once after the restart; two instances sending from one database
/// send each message once.
/// </summary>
public sealed class MailDurabilityTests(ITestOutputHelper output) : IDisposable
{
    private const string Password = "Lilac-Harbour-42";
    private readonly List<IDisposable> _owned = [];

    private static Dictionary<string, string> Settings(TestDatabase database, int smtpPort) => new(database.Settings)
    {
        ["Database:SeedDemoData"] = "false",
        ["Forum:Admin:Email"] = ForumApp.AdminEmail,
        ["Forum:Admin:Password"] = ForumApp.AdminPassword,
        ["Forum:Mail:Host"] = "127.0.0.1",
        ["Forum:Mail:Port"] = smtpPort.ToString(),
        ["Forum:Mail:Security"] = "None",
        ["Forum:Mail:From"] = "Forum <forum@tests.localhost>",
        // Long enough that the kill, not a timeout, ends the attempt in progress.
        ["Forum:Mail:TimeoutSeconds"] = "300",
        // Registrations are what queue the messages here; the limit has its own tests.
        ["Forum:RateLimits:AccountAttemptsPerMinute"] = "100000",
        ["Forum:RateLimits:WritesPerAddressPerMinute"] = "100000",
    };

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    [Fact]
    public async Task Messages_committed_before_a_SIGKILL_are_delivered_once_after_the_restart()
    {
        var database = Own(TestDatabase.Create());
        // A server that accepts the connection and never greets: the sender is stuck in its first attempt.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var silentPort = ((IPEndPoint)silent.LocalEndpoint).Port;
        var held = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            while (true)
            {
                held.Add(await silent.AcceptTcpClientAsync());
            }
        });

        var first = Own(ServerProcess.Start(Settings(database, silentPort)));
        await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        var addresses = Enumerable.Range(0, 5).Select(i => $"crash-{i}-{Guid.NewGuid():N}@tests.localhost").ToList();
        foreach (var address in addresses)
        {
            await first.Anonymous().RegisterAsync(address, Password);
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (held.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        held.Should().NotBeEmpty("the sender is connecting to the mail server when the process dies");
        first.Kill();

        string[] queued;
        await using (var db = database.CreateContext())
        {
            var pending = await db.OutboxMessages.AsNoTracking().Where(m => addresses.Contains(m.Recipient)).ToListAsync();
            pending.Should().HaveCount(addresses.Count, "each registration committed its confirmation message with it");
            pending.Should().OnlyContain(m => m.SentAt == null, "nothing reached the mail server before the kill");
            queued = pending.Select(m => m.MessageId).ToArray();
        }

        await using var smtp = new SmtpListener();
        var second = Own(ServerProcess.Start(Settings(database, smtp.Port)));
        await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        await smtp.WaitForCountAsync(addresses.Count, TimeSpan.FromSeconds(60));
        await WaitAllSentAsync(database, addresses);
        await Task.Delay(1000);
        smtp.Received.Select(m => m.MessageId).Should().BeEquivalentTo(queued, "each stored message left once, under the Message-ID it was stored with");
        second.Errors().Should().BeEmpty();
        output.WriteLine($"{queued.Length} messages committed before the SIGKILL, {smtp.Received.Count} delivered after the restart.");
    }

    [SeveralInstancesFact]
    public async Task Two_instances_sending_from_one_outbox_send_each_message_once()
    {
        await using var smtp = new SmtpListener();
        var settings = new Dictionary<string, string>
        {
            ["Forum:Mail:Host"] = "127.0.0.1",
            ["Forum:Mail:Port"] = smtp.Port.ToString(),
            ["Forum:Mail:Security"] = "None",
            ["Forum:Mail:From"] = "Forum <forum@tests.localhost>",
            // Small batches: both instances take turns at the lease while the registrations keep coming.
            ["Forum:Mail:BatchSize"] = "3",
            ["Forum:RateLimits:AccountAttemptsPerMinute"] = "100000",
            ["Forum:RateLimits:WritesPerAddressPerMinute"] = "100000",
        };
        using var pair = await TwoInstances.StartAsync(settings: settings);
        var addresses = Enumerable.Range(0, 40).Select(i => $"pair-{i}-{Guid.NewGuid():N}@tests.localhost").ToList();
        await Parallel.ForEachAsync(addresses.Select((address, i) => (address, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) =>
            await (item.i % 2 == 0 ? pair.A : pair.B).Anonymous().RegisterAsync(item.address, Password));

        await smtp.WaitForCountAsync(addresses.Count, TimeSpan.FromSeconds(90));
        await WaitAllSentAsync(pair.Database, addresses);
        await Task.Delay(2000);
        var received = smtp.Received.Where(m => addresses.Contains(m.To.Mailboxes.Single().Address)).ToList();
        received.Should().HaveCount(addresses.Count, "each message is sent once, whichever instance queued or sent it");
        received.Select(m => m.MessageId).Should().OnlyHaveUniqueItems();
        pair.A.Errors().Concat(pair.B.Errors()).Should().BeEmpty();
    }

    private static async Task WaitAllSentAsync(TestDatabase database, List<string> addresses)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var db = database.CreateContext();
            if (!await db.OutboxMessages.AnyAsync(m => addresses.Contains(m.Recipient) && m.SentAt == null))
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Messages are still waiting in the outbox.");
            }
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
    }
}
