namespace Forum.Core.Events;

/// <summary>A phase was stored (created, or its dates or texts changed); whoever follows phase states looks again.</summary>
public sealed record PhaseSaved(int PhaseId) : ForumEvent;

/// <summary>A phase's state changed because its opening or closing instant passed, or a moderator moved it.</summary>
public sealed record PhaseStateChanged(int PhaseId, Phases.PhaseState State, DateTime OpensAt, DateTime ClosesAt) : ForumEvent;

/// <summary>A phase's dates moved without changing its state (an extension, a new schedule).</summary>
public sealed record PhaseRescheduled(int PhaseId, Phases.PhaseState State, DateTime OpensAt, DateTime ClosesAt) : ForumEvent;
