namespace Forum.Core.Events;

/// <summary>A phase's announcement (an opening, a reopening, an extension) was stored: readers see it without reloading.</summary>
public sealed record AnnouncementPublished(long AnnouncementId, int ThemeId, int PhaseId) : ForumEvent;
