namespace Forum.Core.Audit;

/// <summary>One moderator action, kept forever: who did what to which phase or contribution, when and why.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string ActorId { get; set; }

    /// <summary>What was done, e.g. "phase.close" or "contribution.hide".</summary>
    public required string Action { get; set; }

    public int? ThemeId { get; set; }
    public int? PhaseId { get; set; }
    public long? ContributionId { get; set; }
    public string? Reason { get; set; }

    /// <summary>Human-readable before/after facts, e.g. the old and new closing dates.</summary>
    public string? Details { get; set; }
}
