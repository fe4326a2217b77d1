using System.Globalization;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Phases;
using Forum.Core.Time;
using Forum.Data;
using Forum.Synthesis.Statistics;
using Forum.Synthesis.Syntheses;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Phases;

/// <summary>A title, per language, of something the announcement names (a theme, a synthesis).</summary>
public sealed record TitleIn(string Language, string Title);

/// <summary>The phase before the announced one, with its counts: final once it is closed.</summary>
public sealed record PreviousPhaseFacts(int Number, ContributionStatistics Statistics, bool Final);

/// <summary>The theme's latest published synthesis: its number and its title in each language it is written in.</summary>
public sealed record SynthesisFacts(int Number, IReadOnlyList<TitleIn> Versions);

/// <summary>Everything an announcement says, read once, so that composing it in each language is pure.</summary>
public sealed record AnnouncementFacts(
    AnnouncementKind Kind,
    int PhaseNumber,
    string PhaseOriginalLanguage,
    IReadOnlyList<PhaseText> PhaseTexts,
    string ThemeOriginalLanguage,
    IReadOnlyList<TitleIn> ThemeTitles,
    DateTime OpensAt,
    DateTime ClosesAt,
    PreviousPhaseFacts? Previous,
    SynthesisFacts? Synthesis);

/// <summary>
/// Writes a phase's announcement in one forum language from its facts: the full announcement of an opening
/// (theme and dates, the question, the previous phase's counts, the latest synthesis, the moderators' note in
/// that language), or the short notice of a reopening or an extension (title and new dates). Every sentence
/// comes from localization/; a text the phase lacks in the language is taken in its original language.
/// </summary>
public sealed class AnnouncementComposer(UiTexts texts, LanguageSentences sentences, ForumLanguages languages)
{
    public OpeningAnnouncementText Compose(AnnouncementFacts facts, string language, TimeZoneInfo zone, DateTime now)
    {
        var phase = LocalizedText.Pick(facts.PhaseTexts, t => t.Language, language, facts.PhaseOriginalLanguage).Text;
        var theme = LocalizedText.Pick(facts.ThemeTitles, t => t.Language, language, facts.ThemeOriginalLanguage).Text.Title;
        var culture = languages.IsSupported(language) ? languages.CultureOf(language) : CultureInfo.GetCultureInfo(language);
        var dates = DateRanges.Format(facts.OpensAt, facts.ClosesAt, zone, culture, now);
        var kind = facts.Kind.ToString().ToLowerInvariant();
        var title = Format(language, $"announcement.title.{kind}", facts.PhaseNumber, phase.Title);
        var paragraphs = new List<string> { Format(language, $"announcement.{kind}", facts.PhaseNumber, theme, dates) };
        if (facts.Kind == AnnouncementKind.Opened)
        {
            paragraphs.Add(Format(language, "announcement.question", phase.Question));
            if (facts.Previous is { } previous)
            {
                paragraphs.Add(Format(language, "announcement.previous", previous.Number,
                    sentences.Statistics(previous.Statistics, language, languages.Codes, previous.Final)));
            }
            if (facts.Synthesis is { Versions.Count: > 0 } synthesis)
            {
                var shown = languages.ShownFor(synthesis.Versions, v => v.Language, language);
                var inOrder = synthesis.Versions.Select(v => v.Language).OrderBy(l => languages.Codes.ToList().IndexOf(l)).ToList();
                paragraphs.Add(Format(language, "announcement.synthesis", synthesis.Number, shown.Title,
                    sentences.AvailableIn(inOrder, language)));
            }
            // The note is written per language: a language without one has none, rather than another language's.
            if (facts.PhaseTexts.FirstOrDefault(t => t.Language == language)?.AnnouncementNote is { Length: > 0 } note)
            {
                paragraphs.Add(texts.Get(language, "announcement.note"));
                paragraphs.AddRange(Paragraphs(note));
            }
        }
        return new OpeningAnnouncementText { Language = language, Title = title, Body = string.Join("\n\n", paragraphs) };
    }

    /// <summary>The paragraphs of a plain-text body: separated by blank lines, each on one line.</summary>
    public static IReadOnlyList<string> Paragraphs(string body) =>
        body.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => string.Join(' ', p.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            .Where(p => p.Length > 0).ToList();

    private string Format(string language, string key, params object[] values) =>
        string.Format(CultureInfo.GetCultureInfo(language), texts.Get(language, key), values);
}

/// <summary>An announcement as a reader sees it: in their language when it has one.</summary>
public sealed record AnnouncementView(long Id, int PhaseId, AnnouncementKind Kind, DateTimeOffset At, string Language, string Title, IReadOnlyList<string> Paragraphs);

/// <summary>
/// The phases' announcements: composed in every forum language when the announcer claims a change (inside its
/// transaction: whoever stores them stores them once), and read back for the theme page, its feed and live pages.
/// </summary>
public sealed class OpeningAnnouncements(ForumDbContext db, AnnouncementComposer composer, ForumLanguages languages, ForumClock clock, StatisticsReader statistics)
{
    /// <summary>The announcement of <paramref name="kind"/> for the phase as it is now, in every forum language; the caller stores it.</summary>
    public async Task<OpeningAnnouncement> ComposeAsync(int phaseId, AnnouncementKind kind, CancellationToken cancellation)
    {
        var now = clock.UtcNow;
        var phase = await db.Phases.AsNoTracking().Include(p => p.Texts).Include(p => p.Theme!).ThenInclude(t => t.Texts)
            .FirstAsync(p => p.Id == phaseId, cancellation);
        var theme = phase.Theme!;
        PreviousPhaseFacts? previous = null;
        SynthesisFacts? synthesis = null;
        if (kind == AnnouncementKind.Opened)
        {
            var before = await db.Phases.AsNoTracking().Where(p => p.ThemeId == phase.ThemeId && p.Number < phase.Number)
                .OrderByDescending(p => p.Number).FirstOrDefaultAsync(cancellation);
            if (before is not null && await statistics.ForPhaseAsync(before.Id, cancellation) is { } counted)
            {
                previous = new PreviousPhaseFacts(before.Number, counted.Statistics, before.StateAt(now) == PhaseState.Closed);
            }
            var latest = await db.Set<PhaseSynthesis>().AsNoTracking().Include(s => s.Versions)
                .Where(s => s.Status == SynthesisStatus.Published && db.Phases.Any(p => p.Id == s.PhaseId && p.ThemeId == phase.ThemeId))
                .OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id).FirstOrDefaultAsync(cancellation);
            if (latest is not null)
            {
                synthesis = new SynthesisFacts(latest.Number, latest.Versions.Select(v => new TitleIn(v.Language, v.Title)).ToList());
            }
        }
        var facts = new AnnouncementFacts(kind, phase.Number, phase.OriginalLanguage, phase.Texts, theme.OriginalLanguage,
            theme.Texts.Select(t => new TitleIn(t.Language, t.Title)).ToList(), phase.OpensAt, phase.ClosesAt, previous, synthesis);
        return new OpeningAnnouncement
        {
            ThemeId = phase.ThemeId,
            PhaseId = phase.Id,
            Kind = kind,
            At = now,
            Texts = languages.Codes.Select(code => composer.Compose(facts, code, clock.Zone, now)).ToList(),
        };
    }

    /// <summary>The theme's latest announcements, newest first, each in <paramref name="culture"/> or else the forum's first language it has.</summary>
    public async Task<IReadOnlyList<AnnouncementView>> LatestAsync(int themeId, string culture, int count, CancellationToken cancellation = default)
    {
        var stored = await db.OpeningAnnouncements.AsNoTracking().Include(a => a.Texts)
            .Where(a => a.ThemeId == themeId).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(count)
            .ToListAsync(cancellation);
        return stored.Where(a => a.Texts.Count > 0).Select(a => View(a, culture)).ToList();
    }

    public AnnouncementView View(OpeningAnnouncement announcement, string culture)
    {
        var text = languages.ShownFor(announcement.Texts, t => t.Language, culture);
        return new AnnouncementView(announcement.Id, announcement.PhaseId, announcement.Kind, clock.ToLocal(announcement.At), text.Language, text.Title,
            AnnouncementComposer.Paragraphs(text.Body));
    }
}
