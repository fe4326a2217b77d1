using Forum.Core.Errors;
using Forum.Core.Themes;

namespace Forum.Core.Phases;

/// <summary>One step of a theme's debate, asking one question over a period.</summary>
public class Phase
{
    public int Id { get; set; }
    public int ThemeId { get; set; }
    public Theme? Theme { get; set; }
    public int Number { get; set; }
    public required string OriginalLanguage { get; set; }
    public DateTime OpensAt { get; set; }
    public DateTime ClosesAt { get; set; }
    public List<PhaseText> Texts { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();

    public PhaseSchedule Schedule
    {
        get => new(OpensAt, ClosesAt);
        set
        {
            OpensAt = value.OpensAt;
            ClosesAt = value.ClosesAt;
        }
    }

    public PhaseState StateAt(DateTime now) => Schedule.StateAt(now);

    /// <summary>Refuses a schedule that would overlap another phase of the same theme, naming that phase.</summary>
    public static void EnsureNoOverlap(PhaseSchedule schedule, IEnumerable<Phase> siblings, int? exceptPhaseId)
    {
        var clash = siblings.FirstOrDefault(p => p.Id != exceptPhaseId && p.Schedule.Overlaps(schedule));
        if (clash is not null)
        {
            throw ForumException.Conflict("phase.overlap",
                $"These dates overlap phase {clash.Number} of this theme ({clash.OpensAt:u} to {clash.ClosesAt:u} UTC).",
                "opensAt");
        }
    }
}

public class PhaseText
{
    public int PhaseId { get; set; }
    public required string Language { get; set; }
    public required string Title { get; set; }
    public required string Question { get; set; }
}
