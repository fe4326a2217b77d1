using Forum.Core.Events;
using Forum.Core.Mail;
using Forum.Data;

namespace Forum.Web.Mail;

/// <summary>
/// Queues messages in the caller's unit of work: they are stored by the caller's save, in its transaction,
/// so a message exists exactly when the change that calls for it was committed. The sender wakes after the commit.
/// </summary>
public sealed class MailOutbox(ForumDbContext db, MailComposer composer)
{
    public OutboxMessage Queue(Letter letter, string recipient, string? recipientUserId)
    {
        var message = composer.Compose(letter, recipient, recipientUserId);
        db.OutboxMessages.Add(message);
        db.PendingEvents.Raise(new MailQueued());
        return message;
    }

    /// <summary>Queues and stores at once, for a message that is itself the change (a confirmation link asked for again).</summary>
    public async Task<OutboxMessage> SendAsync(Letter letter, string recipient, string? recipientUserId, CancellationToken cancellation = default)
    {
        var message = Queue(letter, recipient, recipientUserId);
        await db.SaveChangesAsync(cancellation);
        return message;
    }
}
