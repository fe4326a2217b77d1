namespace Forum.Core.Phases;

public enum PhaseState
{
    Scheduled,
    Open,
    Closed,
}
