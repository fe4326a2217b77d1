using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Phases;
using Forum.Core.Time;
using Forum.Web.Phases;
using Forum.Web.Themes;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Reading;

public sealed class ThemeModel(UiTexts texts, ForumLanguages languages, ForumClock clock, ThemeService themes) : ForumPageModel(texts, languages, clock)
{
    public ThemeView Theme { get; private set; } = null!;

    /// <summary>The phase to put first: the open one, else the next to open, else the last.</summary>
    public PhaseView? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        try
        {
            Theme = await themes.ReadAsync(slug, Culture, User);
        }
        catch (ForumException e) when (e.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }
        var phases = Theme.Phases ?? [];
        Current = phases.FirstOrDefault(p => p.State == PhaseState.Open)
            ?? phases.FirstOrDefault(p => p.State == PhaseState.Scheduled)
            ?? phases.LastOrDefault();
        return Page();
    }
}
