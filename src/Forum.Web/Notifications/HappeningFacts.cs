using Forum.Core.Notifications;
using Forum.Core.Phases;
using Forum.Data;
using Forum.Data.Accounts;
using Forum.Synthesis.Statistics;
using Forum.Synthesis.Syntheses;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Notifications;

/// <summary>
/// What the letters about one happening need, read once for all its recipients: the theme and phase in every
/// language, and the reply, translation, synthesis, announcement or statistics it concerns.
/// </summary>
public sealed class HappeningFacts
{
    public required Happening Happening { get; init; }
    public required bool ThemePublished { get; init; }
    public required IReadOnlyDictionary<string, string> ThemeTitles { get; init; }
    public required string ThemeOriginal { get; init; }
    public Phase? Phase { get; init; }
    public IReadOnlyDictionary<string, string> PhaseTitles { get; init; } = new Dictionary<string, string>();

    /// <summary>The reply or the translated contribution; hidden ones are never shown.</summary>
    public ContributionFacts? Contribution { get; init; }

    /// <summary>Who is told of a reply or a translation: the author of the contribution answered or translated.</summary>
    public string? AuthorToTell { get; init; }

    public string? ActorName { get; init; }
    public string? TranslationLanguage { get; init; }
    public PhaseSynthesis? Synthesis { get; init; }
    public OpeningAnnouncement? Announcement { get; init; }
    public ContributionStatistics? Statistics { get; init; }

    /// <summary>Nothing may be said of it (its contribution hidden, its theme withdrawn, what it names gone).</summary>
    public bool Silent =>
        !ThemePublished
        || (Happening.Kind is NotificationKind.Reply or NotificationKind.Translation && (Contribution is null || !Audience.MayMention(Contribution.IsHidden)))
        || (Happening.Kind is NotificationKind.SynthesisPublished && Synthesis is not { Status: SynthesisStatus.Published })
        || (Happening.Kind is NotificationKind.PhaseOpened && Announcement is null && Happening.AnnouncementId is not null)
        || Phase is null && Happening.PhaseId is not null;

    public sealed record ContributionFacts(long Id, bool IsHidden, string OriginalLanguage, IReadOnlyDictionary<string, string> Bodies);

    public static async Task<HappeningFacts> LoadAsync(ForumDbContext db, StatisticsReader statistics, Happening happening, CancellationToken cancellation)
    {
        var theme = await db.Themes.AsNoTracking().Include(t => t.Texts).FirstOrDefaultAsync(t => t.Id == happening.ThemeId, cancellation);
        var phase = happening.PhaseId is { } phaseId
            ? await db.Phases.AsNoTracking().Include(p => p.Texts).FirstOrDefaultAsync(p => p.Id == phaseId, cancellation)
            : null;
        ContributionFacts? contribution = null;
        string? authorToTell = null, translationLanguage = null;
        if (happening.ContributionId is { } contributionId)
        {
            var row = await db.Contributions.AsNoTracking().Include(c => c.Versions).FirstOrDefaultAsync(c => c.Id == contributionId, cancellation);
            if (row is not null)
            {
                contribution = new ContributionFacts(row.Id, row.IsHidden, row.OriginalLanguage, row.Versions.ToDictionary(v => v.Language, v => v.Body));
                authorToTell = happening.Kind == NotificationKind.Reply
                    ? await db.Contributions.Where(c => c.Id == row.ParentId).Select(c => c.AuthorId).FirstOrDefaultAsync(cancellation)
                    : row.AuthorId;
                if (happening.VersionId is { } versionId)
                {
                    translationLanguage = row.Versions.FirstOrDefault(v => v.Id == versionId)?.Language;
                }
            }
        }
        string? actorName = null;
        if (happening.ActorId is { } actorId)
        {
            var actor = await db.Users.AsNoTracking().Where(u => u.Id == actorId).Select(u => new { u.DisplayName, u.UserName }).FirstOrDefaultAsync(cancellation);
            actorName = actor is null ? null : ForumUser.PublicNameOf(actor.DisplayName, actor.UserName);
        }
        var synthesis = happening.SynthesisId is { } synthesisId
            ? await db.Set<PhaseSynthesis>().AsNoTracking().Include(s => s.Versions).FirstOrDefaultAsync(s => s.Id == synthesisId, cancellation)
            : null;
        var announcement = happening.AnnouncementId is { } announcementId
            ? await db.OpeningAnnouncements.AsNoTracking().Include(a => a.Texts).FirstOrDefaultAsync(a => a.Id == announcementId, cancellation)
            : null;
        var counts = happening.Kind == NotificationKind.PhaseClosed && phase is not null
            ? (await statistics.ForPhaseAsync(phase.Id, cancellation))?.Statistics
            : null;
        return new HappeningFacts
        {
            Happening = happening,
            ThemePublished = theme?.IsPublished == true,
            ThemeTitles = theme?.Texts.ToDictionary(t => t.Language, t => t.Title) ?? [],
            ThemeOriginal = theme?.OriginalLanguage ?? "",
            Phase = phase,
            PhaseTitles = phase?.Texts.ToDictionary(t => t.Language, t => t.Title) ?? [],
            Contribution = contribution,
            AuthorToTell = authorToTell,
            ActorName = actorName,
            TranslationLanguage = translationLanguage,
            Synthesis = synthesis,
            Announcement = announcement,
            Statistics = counts,
        };
    }
}
