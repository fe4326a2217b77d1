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

    /// <summary>
    /// The number a new phase takes in its theme: the one asked for, else the one after the highest;
    /// numbers start at 1 and are never shared within a theme.
    /// </summary>
    public static int NumberIn(IEnumerable<Phase> siblings, int? requested)
    {
        var taken = siblings.Select(p => p.Number).ToList();
        var number = requested ?? taken.DefaultIfEmpty(0).Max() + 1;
        if (number < 1)
        {
            throw ForumException.Invalid("number", "phase.number-invalid", "Phase numbers start at 1.");
        }
        if (taken.Contains(number))
        {
            throw ForumException.Conflict("phase.number-taken", $"This theme already has a phase {number}.", "number");
        }
        return number;
    }

    /// <summary>Refuses a schedule that would overlap another phase of the same theme, naming that phase.</summary>
    public static void EnsureNoOverlap(PhaseSchedule schedule, IEnumerable<Phase> siblings, int? exceptPhaseId)
    {
        var clash = siblings.FirstOrDefault(p => p.Id != exceptPhaseId && p.Schedule.Overlaps(schedule));
        if (clash is not null)
        {
            throw new ForumException(FailureKind.Conflict, "phase.overlap",
                $"These dates overlap phase {clash.Number} of this theme ({clash.OpensAt:u} to {clash.ClosesAt:u} UTC).",
                "opensAt")
            {
                Arguments = new Dictionary<string, object> { ["phase"] = clash.Number, ["opensAt"] = clash.OpensAt, ["closesAt"] = clash.ClosesAt },
            };
        }
    }
}

public class PhaseText
{
    public int PhaseId { get; set; }
    public required string Language { get; set; }
    public required string Title { get; set; }
    public required string Question { get; set; }

    /// <summary>
    /// The moderators' note for this language, written before the phase opens and added to its opening
    /// announcement in this language only; null when there is none.
    /// </summary>
    public string? AnnouncementNote { get; set; }

    public const int AnnouncementNoteMaxLength = 2_000;

    /// <summary>A note as given: trimmed, none when blank, refused when too long or holding control characters.</summary>
    public static string? AnnouncementNoteFrom(string? given, string field)
    {
        Text.TextRules.RefuseControlCharacters(given, field);
        if (Text.TextRules.IsBlank(given))
        {
            return null;
        }
        var note = given.Trim();
        if (note.Length > AnnouncementNoteMaxLength)
        {
            throw ForumException.Invalid(field, "text.too-long",
                $"An announcement note has at most {AnnouncementNoteMaxLength} characters; this one has {note.Length}.");
        }
        return note;
    }
}
