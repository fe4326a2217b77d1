using Forum.Core.Phases;
using Forum.Core.Time;
using Forum.Web.Languages;

namespace Forum.Web.Phases;

/// <param name="AnnouncementNote">The moderators' note for the opening announcement in this language; absent or blank: none (an edit sends every text).</param>
public sealed record PhaseTextInput(string? Title, string? Question, string? AnnouncementNote = null);

/// <summary>Dates without an offset are wall-clock times in the forum's time zone.</summary>
public sealed record PhaseInput(int? Number, string? OriginalLanguage, DateTime? OpensAt, DateTime? ClosesAt, Dictionary<string, PhaseTextInput>? Texts, Guid? Version);

public sealed record PhaseActionInput(string? Reason, DateTime? Until, Guid? Version);

public sealed record PhaseView(
    int Id, string ThemeSlug, int Number, PhaseState State, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, string TimeZone,
    string Title, string Question, Localized Text, Guid Version)
{
    internal static PhaseView Of(Phase phase, string themeSlug, string? lang, ForumClock clock)
    {
        var (text, localized) = Localized.Pick(phase.Texts, t => t.Language, lang, phase.OriginalLanguage);
        return new PhaseView(phase.Id, themeSlug, phase.Number, phase.StateAt(clock.UtcNow),
            clock.ToLocal(phase.OpensAt), clock.ToLocal(phase.ClosesAt), clock.Zone.Id,
            text.Title, text.Question, localized, phase.ConcurrencyToken);
    }
}

public sealed record AuditView(long Id, DateTimeOffset At, string ActorId, string Action, int? PhaseId, long? ContributionId, string? Reason, string? Details);
