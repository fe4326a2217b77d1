namespace Forum.Core.Notifications;

/// <summary>
/// A person following a theme or a phase (exactly one of <see cref="ThemeId"/> and <see cref="PhaseId"/>).
/// Writing in a phase follows it; undoing that keeps the row with <see cref="StoppedAt"/> set, a remembered
/// "not following", so that writing there again does not follow the person a second time. Following again
/// by the button clears it. A stopped row counts as not following everywhere.
/// </summary>
public class Follow
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public int? ThemeId { get; set; }
    public int? PhaseId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When the person stopped following; null while following.</summary>
    public DateTime? StoppedAt { get; set; }

    public bool IsFollowing => StoppedAt is null;

    public static Follow OfTheme(string userId, int themeId, DateTime now) => new() { UserId = userId, ThemeId = themeId, CreatedAt = now };

    public static Follow OfPhase(string userId, int phaseId, DateTime now) => new() { UserId = userId, PhaseId = phaseId, CreatedAt = now };

    /// <summary>The button: follows, also after an earlier stop.</summary>
    public void Resume(DateTime now)
    {
        if (StoppedAt is not null)
        {
            StoppedAt = null;
            CreatedAt = now;
        }
    }

    /// <summary>The button or the account page: stops, and remembers it.</summary>
    public void Stop(DateTime now) => StoppedAt ??= now;

    /// <summary>
    /// Writing in a phase follows it only when the person has no row for it yet: neither following nor having
    /// stopped. Null when nothing is to be added.
    /// </summary>
    public static Follow? ByWriting(Follow? existing, string userId, int phaseId, DateTime now) =>
        existing is null ? OfPhase(userId, phaseId, now) : null;
}
