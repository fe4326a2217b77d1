namespace Forum.Synthesis.Summaries;

/// <summary>The stored draft summary of a phase in one language, and the statistics revision it was computed from.</summary>
public class DraftSummaryRecord
{
    public int PhaseId { get; set; }
    public required string Language { get; set; }
    public long Revision { get; set; }
    public DateTime ComputedAt { get; set; }
    public int ContributionCount { get; set; }

    /// <summary>The sentences and key terms as JSON: they are always read together, never queried into.</summary>
    public required string Content { get; set; }
}
