using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Web.Themes;

namespace Forum.Web.Pages.Reading;

public sealed class HomeModel(UiTexts texts, ForumLanguages languages, ForumClock clock, ThemeService themes) : ForumPageModel(texts, languages, clock)
{
    public IReadOnlyList<ThemeView> Themes { get; private set; } = [];

    public async Task OnGetAsync() => Themes = await themes.ListAsync(Culture, includeDrafts: false, User) ?? [];
}
