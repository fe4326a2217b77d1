namespace Forum.Core.Mail;

/// <summary>
/// One e-mail to one person, stored in the same transaction as the change that calls for it and sent
/// afterwards by the mail sender (the transactional outbox): a crash between the commit and the sending
/// loses nothing, and the stable <see cref="MessageId"/> lets a receiving server, or a person, recognise a
/// message sent again after an attempt whose outcome was unknown.
/// </summary>
public class OutboxMessage
{
    /// <summary>How many attempts before a message is given up as undeliverable (about a day of growing delays).</summary>
    public const int MaxAttempts = 12;

    public long Id { get; set; }

    /// <summary>RFC 5322 Message-ID without the angle brackets, unique, chosen when the message is queued.</summary>
    public required string MessageId { get; set; }

    public required string Recipient { get; set; }

    /// <summary>The account it is for, when there is one (an address being confirmed may not be its e-mail yet).</summary>
    public string? RecipientUserId { get; set; }

    public required string Language { get; set; }

    /// <summary>What it tells, e.g. "account.confirm" or "phase.opened": for counts and for finding messages of a kind.</summary>
    public required string Kind { get; set; }

    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public required string HtmlBody { get; set; }

    /// <summary>The signed one-click unsubscribe address (RFC 8058) of a notification; none on account messages.</summary>
    public string? UnsubscribeUrl { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>When the sender stopped trying: the server refused it for good, or every attempt failed.</summary>
    public DateTime? GaveUpAt { get; set; }

    public string? LastError { get; set; }

    public bool IsPending => SentAt is null && GaveUpAt is null;

    public static string NewMessageId(string domain) => $"{Guid.NewGuid():N}@{domain}";

    public void Delivered(DateTime now)
    {
        Attempts++;
        SentAt = now;
        LastError = null;
    }

    /// <summary>
    /// An attempt failed: tried again after a delay that doubles each time (30 s, 1 min, 2 min, … at most 4 h),
    /// unless the server refused it for good or the attempts are spent.
    /// </summary>
    public void Failed(string error, bool permanent, DateTime now)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (permanent || Attempts >= MaxAttempts)
        {
            GaveUpAt = now;
            return;
        }
        NextAttemptAt = now + DelayAfter(Attempts);
    }

    public static TimeSpan DelayAfter(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, Math.Max(0, attempts - 1)), TimeSpan.FromHours(4).TotalSeconds));
}
