using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Data;
using Forum.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Web.Pages.Reading;

public sealed class HomeModel(UiTexts texts, ForumLanguages languages, ForumClock clock, ForumDbContext db) : ForumPageModel(texts, languages, clock)
{
    public IReadOnlyList<ThemesApi.ThemeView> Themes { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (await ThemesApi.ListThemes(db, ForumLanguages, User, Culture) is { Result: Ok<List<ThemesApi.ThemeView>> ok })
        {
            Themes = ok.Value!;
        }
    }
}
