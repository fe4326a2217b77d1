namespace Forum.Core.Events;

/// <summary>
/// Happenings were stored (a reply, a translation, a synthesis published, a phase opening or closing): the
/// notification worker of this instance wakes instead of waiting for its next look. Raised with the change,
/// so it leaves only after the commit.
/// </summary>
public sealed record HappeningRecorded : ForumEvent;
