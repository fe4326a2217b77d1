namespace Forum.Core.Events;

public sealed record ContributionPosted(int PhaseId, long ContributionId, long? ParentId, string OriginalLanguage, IReadOnlyList<string> Languages) : ForumEvent;

public sealed record ContributionTranslated(int PhaseId, long ContributionId, IReadOnlyList<string> Languages) : ForumEvent;

/// <summary>The author of a version replaced its text; readers should see the new one.</summary>
public sealed record ContributionEdited(int PhaseId, long ContributionId, string Language) : ForumEvent;

public sealed record ContributionHidden(int PhaseId, long ContributionId) : ForumEvent;

public sealed record ContributionRestored(int PhaseId, long ContributionId) : ForumEvent;
