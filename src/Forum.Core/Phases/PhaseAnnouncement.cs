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

    /// <summary>
    /// The closing instant the "closes in 48 hours" reminder was recorded for, claimed as the state is: by a
    /// conditional update. A closing moved later (or earlier) calls for a new reminder; the same one never twice.
    /// </summary>
    public DateTime? ReminderSentFor { get; set; }

    /// <summary>How long before its closing followers are reminded that a phase closes.</summary>
    public static readonly TimeSpan ReminderLead = TimeSpan.FromHours(48);

    /// <summary>
    /// A phase the announcer meets for the first time counts as new, and is announced if open, only when it was
    /// created this recently: an older one predates the announcer's table (an upgrade), and readers were told of
    /// it by other means, so it is recorded silently rather than announced again.
    /// </summary>
    public static readonly TimeSpan NewPhaseWindow = TimeSpan.FromDays(1);

    /// <summary>The announcement a phase calls for at <paramref name="now"/>.</summary>
    public static PhaseAnnouncement Of(int phaseId, PhaseSchedule schedule, DateTime now) =>
        new() { PhaseId = phaseId, State = schedule.StateAt(now), OpensAt = schedule.OpensAt, ClosesAt = schedule.ClosesAt };

    /// <summary>What changed since <paramref name="previous"/> was announced (none for a phase never announced: it is new).</summary>
    public PhaseChange ChangeSince(PhaseAnnouncement? previous) =>
        previous is null ? PhaseChange.StateChanged
        : previous.State != State ? (previous.OpensAt == OpensAt && previous.ClosesAt == ClosesAt ? PhaseChange.ReachedInstant : PhaseChange.StateChanged)
        : previous.OpensAt != OpensAt || previous.ClosesAt != ClosesAt ? PhaseChange.Rescheduled
        : PhaseChange.None;

    /// <summary>
    /// What readers are told of the change from <paramref name="previous"/> to this: a phase open for the first time
    /// gets its full announcement; open again after being closed (or after an earlier opening), a short "reopened"
    /// notice; its closing moved later while open, a short "extended" notice; anything else, nothing.
    /// </summary>
    /// <param name="openedBefore">The phase already had an opening announcement (it was open, then moved to the future).</param>
    /// <param name="isNew">Met for the first time and created recently (<see cref="NewPhaseWindow"/>).</param>
    public AnnouncementKind? AnnouncementSince(PhaseAnnouncement? previous, bool openedBefore, bool isNew)
    {
        if (State != PhaseState.Open)
        {
            return null;
        }
        if (previous is null)
        {
            return isNew ? (openedBefore ? AnnouncementKind.Reopened : AnnouncementKind.Opened) : null;
        }
        return previous.State switch
        {
            PhaseState.Scheduled => openedBefore ? AnnouncementKind.Reopened : AnnouncementKind.Opened,
            PhaseState.Closed => AnnouncementKind.Reopened,
            _ => ClosesAt > previous.ClosesAt ? AnnouncementKind.Extended : null,
        };
    }

    /// <summary>The phase closed while readers knew it open.</summary>
    public bool ClosedSince(PhaseAnnouncement? previous) => State == PhaseState.Closed && previous?.State == PhaseState.Open;

    /// <summary>When the reminder of this closing is due.</summary>
    public DateTime ReminderAt => ClosesAt - ReminderLead;

    /// <summary>Whether the "closes in 48 hours" reminder is due at <paramref name="now"/> and was not yet recorded for this closing.</summary>
    public bool NeedsReminder(DateTime? sentFor, DateTime now) =>
        State == PhaseState.Open && now >= ReminderAt && now < ClosesAt && sentFor != ClosesAt;

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
