using Forum.Core.Errors;

namespace Forum.Core.Phases;

/// <summary>
/// When a phase takes contributions: from <see cref="OpensAt"/> (inclusive) to <see cref="ClosesAt"/>
/// (exclusive), both UTC. The state is always derived from these dates and the current instant;
/// moderators' overrides (open now, close now, reopen, extend) move the dates, so a phase never
/// holds a state that contradicts its dates and the scheduler needs no separate flag.
/// </summary>
public readonly record struct PhaseSchedule
{
    public PhaseSchedule(DateTime opensAt, DateTime closesAt)
    {
        if (closesAt <= opensAt)
        {
            throw ForumException.Invalid("closesAt", "phase.closes-before-opens",
                "A phase must close after it opens.");
        }
        OpensAt = opensAt;
        ClosesAt = closesAt;
    }

    public DateTime OpensAt { get; }
    public DateTime ClosesAt { get; }

    public PhaseState StateAt(DateTime now) =>
        now < OpensAt ? PhaseState.Scheduled
        : now < ClosesAt ? PhaseState.Open
        : PhaseState.Closed;

    public bool Overlaps(PhaseSchedule other) => OpensAt < other.ClosesAt && other.OpensAt < ClosesAt;

    /// <summary>The schedule changes a moderator may make now, in the order a page offers them.</summary>
    public IReadOnlyList<ScheduleAction> ActionsAt(DateTime now) => StateAt(now) switch
    {
        PhaseState.Scheduled => [ScheduleAction.OpenNow, ScheduleAction.Extend],
        PhaseState.Open => [ScheduleAction.CloseNow, ScheduleAction.Extend],
        _ => [ScheduleAction.Reopen],
    };

    /// <summary>Opens a scheduled phase at once; it keeps its planned closing date.</summary>
    public PhaseSchedule OpenNow(DateTime now)
    {
        RequireState(now, ScheduleAction.OpenNow, PhaseState.Scheduled, "open", "opened");
        return new PhaseSchedule(now, ClosesAt);
    }

    /// <summary>Closes an open phase at once.</summary>
    public PhaseSchedule CloseNow(DateTime now)
    {
        RequireState(now, ScheduleAction.CloseNow, PhaseState.Open, "close", "closed");
        return new PhaseSchedule(OpensAt, now);
    }

    /// <summary>Opens a closed phase again until <paramref name="until"/>.</summary>
    public PhaseSchedule Reopen(DateTime now, DateTime until)
    {
        RequireState(now, ScheduleAction.Reopen, PhaseState.Closed, "reopen", "reopened");
        RequireFuture(now, until);
        return new PhaseSchedule(OpensAt, until);
    }

    /// <summary>Moves the closing date of a scheduled or open phase later.</summary>
    public PhaseSchedule Extend(DateTime now, DateTime until)
    {
        if (!ActionsAt(now).Contains(ScheduleAction.Extend))
        {
            throw ForumException.Conflict("phase.not-extendable",
                "This phase is closed; reopen it instead of extending it.");
        }
        if (until <= ClosesAt)
        {
            throw ForumException.Invalid("until", "phase.extend-not-later",
                "The new closing date must be later than the current one.");
        }
        return new PhaseSchedule(OpensAt, until);
    }

    private void RequireState(DateTime now, ScheduleAction wanted, PhaseState expected, string action, string done)
    {
        var state = StateAt(now);
        if (!ActionsAt(now).Contains(wanted))
        {
            throw ForumException.Conflict($"phase.cannot-{action}",
                $"Only a {expected.ToString().ToLowerInvariant()} phase can be {done}; this one is {state.ToString().ToLowerInvariant()}.");
        }
    }

    private static void RequireFuture(DateTime now, DateTime until)
    {
        if (until <= now)
        {
            throw ForumException.Invalid("until", "phase.until-in-past", "The new closing date must be in the future.");
        }
    }
}

/// <summary>A moderator's change to a phase's schedule.</summary>
public enum ScheduleAction
{
    OpenNow,
    CloseNow,
    Extend,
    Reopen,
}
