namespace Forum.Core.Events;

/// <summary>Messages were queued in the outbox: the mail sender wakes instead of waiting for its next look.</summary>
public sealed record MailQueued : ForumEvent;
