using Forum.Core.Events;
using Forum.Core.Mail;
using Forum.Core.Storage;
using Forum.Core.Time;
using Forum.Data;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Forum.Web.Mail;

/// <summary>
/// Sends what the outbox holds. Every instance runs one; a batch is sent under the "mail-sender" lease, so
/// each message leaves once however many instances look. A failed attempt is tried again after a growing
/// delay (<see cref="OutboxMessage.Failed"/>); a message refused for good, or after its last attempt, stays
/// in the outbox with its error for the moderators. Wakes when messages are queued, when a retry falls due,
/// and every half minute in case another instance queued while this one held the lease.
/// </summary>
public sealed class MailSender(IServiceScopeFactory scopes, IMailTransport transport, MailOptions options, ForumClock clock, TimeProvider time,
    IWorkLeases leases, Background.WorkAlarm<MailQueued> alarm, StartupGate startup, ILogger<MailSender> logger) : BackgroundService
{
    private static readonly TimeSpan SafetyLook = TimeSpan.FromSeconds(30);
    private const string LeaseName = "mail-sender";

    /// <summary>How long the sender gathers what further commits queue once woken, before it looks.</summary>
    public static readonly TimeSpan GatherFor = TimeSpan.FromMilliseconds(100);

    /// <summary>The outcomes stored in one write; a crash resends at most this many messages, recognisably.</summary>
    public const int OutcomesPerSave = 20;

    // 1 from a wake-up until its look is done.
    private int _looking = 1;

    /// <summary>No look running and none asked for (the tests wait for it).</summary>
    public bool IsIdle => Volatile.Read(ref _looking) == 0 && !alarm.IsPoked;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await startup.WaitAsync(stoppingToken))
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan? untilDue;
            try
            {
                untilDue = await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not read or update the outbox; looking again in half a minute.");
                untilDue = null;
            }
            Volatile.Write(ref _looking, 0);
            try
            {
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var waits = new List<Task> { alarm.WaitAsync(wake.Token), Task.Delay(SafetyLook, wake.Token) };
                if (untilDue is { } due)
                {
                    // On the forum's clock, which the tests move.
                    waits.Add(Task.Delay(due, time, wake.Token));
                }
                await Task.WhenAny(waits);
                Volatile.Write(ref _looking, 1);
                await wake.CancelAsync();
                // The commits of a busy moment come in bursts: a short gathering sends them in one batch, one look.
                await Task.Delay(GatherFor, stoppingToken);
                alarm.Reset();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Sends batches until nothing is due; returns how long until the next retry falls due, if one is waiting.</summary>
    private async Task<TimeSpan?> SendDueAsync(CancellationToken cancellation)
    {
        while (true)
        {
            var (free, lease) = await leases.TryTakeAsync(LeaseName, cancellation);
            if (!free)
            {
                // Another instance is sending; it sends what is due, this one looks again soon.
                return null;
            }
            await using (lease)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
                var now = clock.UtcNow;
                var batch = await db.OutboxMessages
                    .Where(m => m.SentAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now)
                    .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(options.BatchSize).ToListAsync(cancellation);
                if (batch.Count > 0)
                {
                    await SendBatchAsync(db, batch, cancellation);
                }
                if (batch.Count < options.BatchSize)
                {
                    var next = await db.OutboxMessages.Where(m => m.SentAt == null && m.GaveUpAt == null)
                        .OrderBy(m => m.NextAttemptAt).Select(m => (DateTime?)m.NextAttemptAt).FirstOrDefaultAsync(cancellation);
                    return next is { } at ? (at > clock.UtcNow ? at - clock.UtcNow : TimeSpan.Zero) : null;
                }
            }
        }
    }

    private async Task SendBatchAsync(ForumDbContext db, List<OutboxMessage> batch, CancellationToken cancellation)
    {
        IMailBatch? open = null;
        try
        {
            open = await transport.OpenAsync(cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The server cannot be reached: every message of the batch waits for its next attempt.
            logger.LogWarning("Could not reach the mail server ({Error}); {Count} messages will be tried again.", e.Message, batch.Count);
            foreach (var message in batch)
            {
                message.Failed(e.Message, permanent: false, clock.UtcNow);
            }
            await db.SaveChangesAsync(cancellation);
            return;
        }
        await using (open)
        {
            var unsaved = 0;
            foreach (var message in batch)
            {
                var outcome = await open.SendAsync(ToMime(message), cancellation);
                if (outcome.Sent)
                {
                    message.Delivered(clock.UtcNow);
                }
                else
                {
                    message.Failed(outcome.Error ?? "unknown", outcome.Permanent, clock.UtcNow);
                    if (message.GaveUpAt is not null)
                    {
                        logger.LogWarning("Gave up e-mail {MessageId} ({Kind}) after {Attempts} attempts: {Error}", message.MessageId, message.Kind, message.Attempts, message.LastError);
                    }
                }
                // Outcomes are stored a few at a time: one write per message would take SQLite's single write lock from
                // the people posting, hundreds of times a second. A crash resends at most these, with the same Message-IDs.
                if (++unsaved == OutcomesPerSave)
                {
                    await db.SaveChangesAsync(cancellation);
                    unsaved = 0;
                }
            }
            await db.SaveChangesAsync(cancellation);
        }
    }

    private MimeMessage ToMime(OutboxMessage message)
    {
        var mime = new MimeMessage { MessageId = message.MessageId, Subject = message.Subject, Date = new DateTimeOffset(message.CreatedAt, TimeSpan.Zero) };
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        // Written by the forum, not a person: out-of-office replies stay away (RFC 3834).
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        // A Content-* header belongs to the body (MimeKit moves it there).
        mime.Body.Headers.Add("Content-Language", message.Language);
        return mime;
    }
}
