namespace Forum.Web.Pages.Reading;

/// <summary>One step of a trail; <see cref="Language"/> is that of its label (a title may be in another language than the page).</summary>
public sealed record Crumb(string Label, string Href, string? Language);

/// <summary>The trail from the list of themes to the page shown, its last step being the page.</summary>
public sealed record Breadcrumbs(IReadOnlyList<Crumb> Steps, ForumPageModel Page)
{
    public static Breadcrumbs To(ForumPageModel page, Themes.ThemeView theme, Phases.PhaseView phase, params Crumb[] more) =>
        new([
            new Crumb(page.T("nav.themes"), $"/{page.Culture}", page.Culture),
            new Crumb(theme.Title, $"/{page.Culture}/themes/{theme.Slug}", theme.Text.Language),
            new Crumb(page.T("phase.number", phase.Number), $"/{page.Culture}/phases/{phase.Id}", page.Culture),
            .. more,
        ], page);
}
