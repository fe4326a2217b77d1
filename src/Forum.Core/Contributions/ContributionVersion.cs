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

    /// <summary>Its translator started from a machine translation and reviewed it: a human translation, said to be machine-assisted.</summary>
    public bool MachineAssisted { get; set; }
}
