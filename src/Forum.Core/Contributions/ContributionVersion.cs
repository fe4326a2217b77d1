namespace Forum.Core.Contributions;

/// <summary>A contribution's text in one language: the original, or a translation by its translator.</summary>
public class ContributionVersion
{
    public long Id { get; set; }
    public long ContributionId { get; set; }
    public required string Language { get; set; }
    public string? Title { get; set; }
    public required string Body { get; set; }

    /// <summary>The body rendered to sanitised HTML once, when written, so reads never render.</summary>
    public required string BodyHtml { get; set; }

    public required string AuthorId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>When its author last edited it; null while it is as first written. Older texts are <see cref="VersionRevision"/>s.</summary>
    public DateTime? EditedAt { get; set; }

    /// <summary>
    /// For a translation: when its original was first changed after it was written, so that it may no longer say the same;
    /// null while up to date. The first such instant stays until the translation is updated (a later change of the original
    /// does not move it), so readers and the backlog see how long it has been behind. Never set on an original.
    /// </summary>
    public DateTime? OutdatedSince { get; set; }

    /// <summary>
    /// When this translation was last updated because it was out of date (the updater then became its author); its author's
    /// edit window counts from then, else from its creation.
    /// </summary>
    public DateTime? RewrittenAt { get; set; }

    /// <summary>The "may be out of date" rule for queries: the backlog's second list, the translation desk.</summary>
    public static System.Linq.Expressions.Expression<Func<ContributionVersion, bool>> Outdated => v => v.OutdatedSince != null;
}
