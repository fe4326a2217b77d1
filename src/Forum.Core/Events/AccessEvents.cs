namespace Forum.Core.Events;

/// <summary>A theme was published or withdrawn: who may read its phases changed.</summary>
public sealed record ThemePublicationChanged(int ThemeId, bool Published) : ForumEvent;

/// <summary>
/// An account's security stamp changed (roles given or withdrawn, password changed, account deleted):
/// every ticket issued before it no longer speaks for the account.
/// </summary>
public sealed record AccountSecurityChanged(string UserId) : ForumEvent;
