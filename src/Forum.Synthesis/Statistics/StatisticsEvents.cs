using Forum.Core.Events;

namespace Forum.Synthesis.Statistics;

/// <summary>A phase's statistics changed (a contribution posted, translated, hidden or restored).</summary>
public sealed record StatisticsChanged(int PhaseId) : ForumEvent;
