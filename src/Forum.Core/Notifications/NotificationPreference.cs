namespace Forum.Core.Notifications;

/// <summary>How a person wants to hear of one kind of happening.</summary>
public enum Delivery
{
    /// <summary>A message as soon as it happens.</summary>
    Immediately,

    /// <summary>Gathered in one message a day, at the forum's digest hour.</summary>
    DailyDigest,

    /// <summary>Not at all.</summary>
    Never,
}

/// <summary>A person's choice for one <see cref="NotificationKind"/>; without a row the kind's default applies.</summary>
public class NotificationPreference
{
    public required string UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public Delivery Delivery { get; set; }

    /// <summary>
    /// What applies before a person chooses. Replies are a conversation, and a phase's opening, its last 48 hours
    /// and a new synthesis are rare and timely: immediately. Translations can come in numbers and wait well:
    /// a daily digest. A closing is rarely urgent once it happened: a daily digest too.
    /// </summary>
    public static Delivery Default(NotificationKind kind) => kind switch
    {
        NotificationKind.Translation or NotificationKind.PhaseClosed => Delivery.DailyDigest,
        _ => Delivery.Immediately,
    };
}

/// <summary>
/// A happening waiting for a person's next digest. Sent when <see cref="SentAt"/> is set, in the same transaction
/// as the queued digest message; its contribution is looked at again then, so one hidden meanwhile is left out.
/// </summary>
public class DigestEntry
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public long HappeningId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}
