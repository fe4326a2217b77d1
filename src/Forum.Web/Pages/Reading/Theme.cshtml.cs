using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Phases;
using Forum.Core.Time;
using Forum.Synthesis.Statistics;
using Forum.Synthesis.Syntheses;
using Forum.Web.Phases;
using Forum.Web.Themes;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Reading;

public sealed class ThemeModel(
    UiTexts texts, ForumLanguages languages, ForumClock clock, ThemeService themes, SynthesisService syntheses, LanguageSentences sentences,
    OpeningAnnouncements announcements)
    : ForumPageModel(texts, languages, clock)
{
    public ThemeView Theme { get; private set; } = null!;

    /// <summary>The phase put forward: the open one, else the latest closed one; never a scheduled one.</summary>
    public PhaseView? Featured { get; private set; }

    /// <summary>The next phase to open, announced by its date.</summary>
    public PhaseView? Next { get; private set; }

    /// <summary>The featured phase's published syntheses.</summary>
    public IReadOnlyList<SynthesisView> Syntheses { get; private set; } = [];

    /// <summary>The theme's latest phase announcements, newest first, in the reader's language when written in it.</summary>
    public IReadOnlyList<AnnouncementView> Announcements { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        try
        {
            (Theme, Featured, Next) = await themes.ReadFrontAsync(slug, Culture, User);
        }
        catch (ForumException e) when (e.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }
        if (Featured is { } featured)
        {
            Syntheses = await PublishedSyntheses.OfAsync(featured.Id, syntheses, sentences, this);
        }
        Announcements = await announcements.LatestAsync(Theme.Id, Culture, AnnouncementsBlock.Shown);
        return Page();
    }
}
