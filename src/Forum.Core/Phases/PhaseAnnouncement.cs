namespace Forum.Core.Phases;

/// <summary>
/// What readers were last told about a phase: its state and dates when the last announcement left. A phase's
/// state follows its dates (docs/decisions/0002), so nothing is applied at its instants; the phase watcher of each
/// instance compares every phase with this row, and the instance whose conditional update of the row succeeds
/// announces the change. However many instances notice a phase closing, it is announced and audited once
/// (docs/decisions/0013-work-done-once.md).
/// </summary>
public class PhaseAnnouncement
{
    /// <summary>The actor of the audit entries written when a phase reaches an instant of its schedule: no one did it.</summary>
    public const string ScheduleActor = "schedule";

    public int PhaseId { get; set; }
    public PhaseState State { get; set; }
    public DateTime OpensAt { get; set; }
    public DateTime ClosesAt { get; set; }

    /// <summary>The announcement a phase calls for at <paramref name="now"/>.</summary>
    public static PhaseAnnouncement Of(int phaseId, PhaseSchedule schedule, DateTime now) =>
        new() { PhaseId = phaseId, State = schedule.StateAt(now), OpensAt = schedule.OpensAt, ClosesAt = schedule.ClosesAt };

    /// <summary>What changed since <paramref name="previous"/> was announced (none for a phase never announced: it is new).</summary>
    public PhaseChange ChangeSince(PhaseAnnouncement? previous) =>
        previous is null ? PhaseChange.StateChanged
        : previous.State != State ? (previous.OpensAt == OpensAt && previous.ClosesAt == ClosesAt ? PhaseChange.ReachedInstant : PhaseChange.StateChanged)
        : previous.OpensAt != OpensAt || previous.ClosesAt != ClosesAt ? PhaseChange.Rescheduled
        : PhaseChange.None;

    /// <summary>The audit action of a phase reaching an instant of its schedule, e.g. "phase.closed-on-schedule".</summary>
    public string ScheduleAuditAction => State switch
    {
        PhaseState.Open => "phase.opened-on-schedule",
        PhaseState.Closed => "phase.closed-on-schedule",
        _ => "phase.scheduled",
    };
}

public enum PhaseChange
{
    None,

    /// <summary>A new phase, or a state changed by a moderator moving its dates (the moderator's action is audited).</summary>
    StateChanged,

    /// <summary>The phase reached an instant of its schedule with no one touching it: audited as done by the schedule.</summary>
    ReachedInstant,

    /// <summary>Its dates moved, its state did not.</summary>
    Rescheduled,
}
