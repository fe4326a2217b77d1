namespace Forum.Web.Notifications;

/// <summary>"Forum:Notifications".</summary>
public sealed class NotificationOptions
{
    /// <summary>The hour of the day, in the forum's time zone, at which daily digests leave.</summary>
    public int DigestHour { get; set; } = 7;

    /// <summary>How many recipients are read and queued per save: 10,000 followers are handled in bounded memory.</summary>
    public int BatchSize { get; set; } = 500;
}
