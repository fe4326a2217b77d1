using System.Security.Claims;
using Forum.Core.Audit;
using Forum.Core.Errors;
using Forum.Core.Events;
using Forum.Core.Time;
using Forum.Data;
using Forum.Web.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Mail;

/// <summary>One message the sender gave up on, as moderators see it.</summary>
public sealed record UndeliverableView(long Id, string Kind, string Recipient, string Language, string Subject, DateTime CreatedAt, DateTime GaveUpAt, int Attempts, string? Error);

/// <summary>
/// The messages the sender gave up on, kept with their error for the moderators: how many, which, and sending
/// one again once the cause is fixed (a mistyped server setting, a full mailbox). Sending again is audited.
/// </summary>
public sealed class UndeliverableMail(ForumDbContext db, ForumClock clock)
{
    public Task<int> CountAsync(CancellationToken cancellation = default) =>
        db.OutboxMessages.CountAsync(m => m.GaveUpAt != null && m.SentAt == null, cancellation);

    /// <summary>The most recent ones first; at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<UndeliverableView>> ListAsync(int limit = 100, CancellationToken cancellation = default) =>
        await db.OutboxMessages.AsNoTracking().Where(m => m.GaveUpAt != null && m.SentAt == null)
            .OrderByDescending(m => m.GaveUpAt).ThenByDescending(m => m.Id).Take(Math.Clamp(limit, 1, 500))
            .Select(m => new UndeliverableView(m.Id, m.Kind, m.Recipient, m.Language, m.Subject, m.CreatedAt, m.GaveUpAt!.Value, m.Attempts, m.LastError))
            .ToListAsync(cancellation);

    /// <summary>Puts a given-up message back in the queue, its attempts counted afresh.</summary>
    public async Task RetryAsync(long id, ClaimsPrincipal moderator, CancellationToken cancellation = default)
    {
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, cancellation) ?? throw ForumException.NotFound("message", id);
        if (message.GaveUpAt is null || message.SentAt is not null)
        {
            throw ForumException.Conflict("mail.not-undeliverable", "This message is not among the undeliverable ones: it was sent, or is still being tried.");
        }
        var now = clock.UtcNow;
        message.GaveUpAt = null;
        message.Attempts = 0;
        message.NextAttemptAt = now;
        db.AuditEntries.Add(new AuditEntry { At = now, ActorId = moderator.Id(), Action = "mail.retry", Details = $"message {message.Id} ({message.Kind})" });
        db.PendingEvents.Raise(new MailQueued());
        await db.SaveChangesAsync(cancellation);
    }
}
