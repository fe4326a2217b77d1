namespace Forum.Core.Events;

public sealed record HappeningRecorded : ForumEvent;
