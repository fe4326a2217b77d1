namespace Forum.Core.Contributions;

/// <summary>
/// A text a version had before its author edited it (or someone updated it while out of date), kept for moderators: a version's history is its
/// revisions by <see cref="WrittenAt"/>, then its current text.
/// </summary>
public class VersionRevision
{
    public long Id { get; set; }
    public long VersionId { get; set; }
    public string? Title { get; set; }
    public required string Body { get; set; }

    /// <summary>Who wrote this text: the version's author at the time (a stale translation's updater becomes its author).</summary>
    public required string WrittenById { get; set; }

    /// <summary>When this text was written: the version's creation, or the edit that brought it.</summary>
    public DateTime WrittenAt { get; set; }

    /// <summary>When an edit or an update replaced it.</summary>
    public DateTime ReplacedAt { get; set; }
}
