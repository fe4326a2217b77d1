namespace Forum.Core.Events;

/// <summary>A theme was published or withdrawn: who may read its phases changed.</summary>
public sealed record ThemePublicationChanged(int ThemeId, bool Published) : ForumEvent;

/// <summary>
/// An account's security stamp changed (roles given or withdrawn, password changed, account deleted):
/// every ticket issued before it no longer speaks for the account.
/// </summary>
public sealed record AccountSecurityChanged(string UserId) : ForumEvent;

/// <summary>A theme or one of its texts was created, changed or removed: lists and feeds show its titles and follow its publication.</summary>
public sealed record ThemeChanged(int ThemeId) : ForumEvent;

/// <summary>An account's public name changed (edited, or the account deleted): it shows beside everything its author wrote.</summary>
public sealed record AuthorRenamed(string UserId) : ForumEvent;
