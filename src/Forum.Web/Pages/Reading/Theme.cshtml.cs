using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Phases;
using Forum.Core.Time;
using Forum.Data;
using Forum.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Reading;

public sealed class ThemeModel(UiTexts texts, ForumLanguages languages, ForumClock clock, ForumDbContext db) : ForumPageModel(texts, languages, clock)
{
    public ThemesApi.ThemeView Theme { get; private set; } = null!;

    /// <summary>The phase to put first: the open one, else the next to open, else the last.</summary>
    public PhasesApi.PhaseView? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        try
        {
            Theme = (await ThemesApi.GetTheme(slug, Culture, db, ForumLanguages, User, Clock)).Value!;
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
