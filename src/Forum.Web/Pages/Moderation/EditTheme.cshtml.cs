using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Themes;
using Forum.Core.Time;
using Forum.Web.Themes;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Moderation;

/// <summary>Edits a theme: public or not, its order, and its title and description in every language.</summary>
public sealed class EditThemeModel(UiTexts texts, ForumLanguages languages, ForumClock clock, ThemeService themes)
    : ModerationPageModel(texts, languages, clock)
{
    public const string Form = "Edit";

    /// <summary>The theme as stored now: what the form starts from, and, after a refused save, what is shown beside the moderator's text.</summary>
    public Theme Theme { get; private set; } = null!;

    public sealed class ThemeEdit
    {
        public bool Published { get; set; }
        public int Position { get; set; }
        public Guid? Version { get; set; }
        public Dictionary<string, ThemeTextInput> Texts { get; set; } = [];
    }

    [BindProperty] public ThemeEdit Edit { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var theme = await themes.FindForEditAsync(slug);
        if (theme is null)
        {
            return NotFound();
        }
        Theme = theme;
        return Page();
    }

    public Task<IActionResult> OnPostAsync(string slug) =>
        SubmitFormAsync(Form, async () =>
        {
            var texts = Edit.Texts.Where(t => !string.IsNullOrWhiteSpace(t.Value.Title) || !string.IsNullOrWhiteSpace(t.Value.Description)).ToDictionary(t => t.Key, t => t.Value);
            await themes.EditAsync(slug, new ThemeInput(null, Edit.Position, Edit.Published, null, texts, Edit.Version), User);
            Flash("flash.theme-saved");
            return Redirect($"/{Culture}/moderation");
        }, () => OnGetAsync(slug), "position");
}
