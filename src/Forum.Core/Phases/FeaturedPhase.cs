namespace Forum.Core.Phases;

/// <summary>
/// Which of a theme's phases its page puts forward. The open phase, where people can write now;
/// else the latest closed one, whose syntheses are the theme's news. A scheduled phase cannot be read
/// or joined yet, so it is never put forward: the page announces the next one's opening instead.
/// </summary>
public static class FeaturedPhase
{
    /// <param name="phasesInOrder">The theme's phases in their order (by number, which follows their dates).</param>
    public static (T? Featured, T? Next) Choose<T>(IReadOnlyList<T> phasesInOrder, Func<T, PhaseState> stateOf)
        where T : class
    {
        var featured = phasesInOrder.FirstOrDefault(p => stateOf(p) == PhaseState.Open)
            ?? phasesInOrder.LastOrDefault(p => stateOf(p) == PhaseState.Closed);
        var next = phasesInOrder.FirstOrDefault(p => stateOf(p) == PhaseState.Scheduled);
        return (featured, next);
    }
}
