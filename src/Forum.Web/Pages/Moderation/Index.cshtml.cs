using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Data;
using Forum.Web.Phases;
using Forum.Web.Themes;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Moderation;

/// <summary>The moderation dashboard: every theme (drafts too) with its phases, and the forms to add a theme or a phase.</summary>
public sealed class IndexModel(UiTexts texts, ForumLanguages languages, ForumClock clock, ThemeService themes, PhaseService phases, Reports.ReportService reports,
    Mail.UndeliverableMail mail)
    : ModerationPageModel(texts, languages, clock)
{
    public IReadOnlyList<ThemeView> Themes { get; private set; } = [];

    /// <summary>Reports waiting in the moderation queue.</summary>
    public int OpenReports { get; private set; }

    /// <summary>E-mails the sender gave up on; shown only when there are some.</summary>
    public int UndeliverableMail { get; private set; }

    public sealed class ThemeForm
    {
        public string? Slug { get; set; }
        public string? Language { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public bool Published { get; set; }
    }

    public sealed class PhaseForm
    {
        public string? ThemeSlug { get; set; }
        public string? Language { get; set; }
        public string? Title { get; set; }
        public string? Question { get; set; }
        public DateTime? OpensAt { get; set; }
        public DateTime? ClosesAt { get; set; }
    }

    [BindProperty] public ThemeForm NewTheme { get; set; } = new();
    [BindProperty] public PhaseForm NewPhase { get; set; } = new();

    public async Task OnGetAsync()
    {
        OpenReports = await reports.OpenCountAsync();
        UndeliverableMail = await mail.CountAsync();
        var withPhases = new List<ThemeView>();
        foreach (var theme in await themes.ListAsync(Culture, includeDrafts: true, User) ?? [])
        {
            withPhases.Add(await themes.ReadAsync(theme.Slug, Culture, User));
        }
        Themes = withPhases;
    }

    public Task<IActionResult> OnPostThemeAsync() =>
        SubmitAsync("NewTheme", () => themes.CreateAsync(
            new ThemeInput(NewTheme.Slug, Themes.Count + 1, NewTheme.Published, NewTheme.Language,
                NewTheme.Language is null ? null : new() { [NewTheme.Language] = new ThemeTextInput(NewTheme.Title, NewTheme.Description) }, null),
            User), _ => Flash("flash.theme-created"), "slug", "originalLanguage", "title", "description");

    public Task<IActionResult> OnPostPhaseAsync() =>
        SubmitAsync("NewPhase", () => phases.CreateAsync(NewPhase.ThemeSlug ?? "",
            new PhaseInput(null, NewPhase.Language, NewPhase.OpensAt, NewPhase.ClosesAt,
                NewPhase.Language is null ? null : new() { [NewPhase.Language] = new PhaseTextInput(NewPhase.Title, NewPhase.Question) }, null),
            User), phase => Flash("flash.phase-created", phase.Number), "originalLanguage", "title", "question", "opensAt", "closesAt");

    /// <summary>Creates and says so on the dashboard; a refusal shows the form again, everything typed kept, the reason at its top.</summary>
    private Task<IActionResult> SubmitAsync<T>(string form, Func<Task<T>> create, Action<T> done, params string[] fields) =>
        SubmitFormAsync(form, async () =>
        {
            done(await create());
            return Redirect($"/{Culture}/moderation");
        }, async () =>
        {
            await OnGetAsync();
            return Page();
        }, fields);
}
