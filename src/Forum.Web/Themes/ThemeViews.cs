using Forum.Core.Themes;
using Forum.Web.Languages;
using Forum.Web.Phases;

namespace Forum.Web.Themes;

public sealed record ThemeTextInput(string? Title, string? Description);

public sealed record ThemeInput(string? Slug, int Position, bool Published, string? OriginalLanguage, Dictionary<string, ThemeTextInput>? Texts, Guid? Version);

public sealed record ThemeView(
    int Id, string Slug, int Position, bool Published, string Title, string Description,
    Localized Text, Guid Version, IReadOnlyList<PhaseView>? Phases)
{
    internal static ThemeView Of(Theme theme, string? lang, IReadOnlyList<PhaseView>? phases)
    {
        var (text, localized) = Localized.Pick(theme.Texts, t => t.Language, lang, theme.OriginalLanguage);
        return new ThemeView(theme.Id, theme.Slug, theme.Position, theme.IsPublished, text.Title, text.Description, localized,
            theme.ConcurrencyToken, phases);
    }
}

/// <summary>A theme's page: the theme, the phase it puts forward (open, else the latest closed) and the next scheduled one.</summary>
public sealed record ThemeFront(ThemeView Theme, PhaseView? Featured, PhaseView? Next);
