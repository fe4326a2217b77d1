using Forum.Web.Contributions;

namespace Forum.Web.Edits;

public sealed record VersionEdit(string? Title, string? Body, Guid? Version, bool? LanguageConfirmed = null)
{
    /// <summary>An update of a stale translation written from a machine translation and reviewed (ignored by an author's edit).</summary>
    public bool MachineAssisted { get; init; }
}

/// <summary>One text of a version: <see cref="ReplacedAt"/> is null for the current one.</summary>
public sealed record HistoryEntry(
    int Edition, string? Title, string Body, Author WrittenBy, DateTimeOffset WrittenAt, DateTimeOffset? ReplacedAt, bool IsCurrent);

public sealed record VersionHistoryView(long ContributionId, int PhaseId, string Language, bool IsOriginal, IReadOnlyList<HistoryEntry> Texts);
