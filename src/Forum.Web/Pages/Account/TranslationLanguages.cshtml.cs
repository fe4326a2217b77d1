using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Web.Authorization;
using Forum.Web.Translation;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Account;

/// <summary>The languages the signed-in person reads and writes, chosen on the account page, for the translation desk.</summary>
public sealed class TranslationLanguagesModel(UiTexts texts, ForumLanguages languages, ForumClock clock, TranslationDesk desk) : ForumPageModel(texts, languages, clock)
{
    [BindProperty(Name = "Languages")]
    public List<string?> Chosen { get; set; } = [];

    /// <summary>The form lives on the account page.</summary>
    [HandlerPolicy(Policies.Participant)]
    public IActionResult OnGet() => LocalRedirect($"/{Culture}/account#translation-languages");

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostAsync() => SubmitFormAsync("TranslationLanguages", async () =>
    {
        var chosen = await desk.SetLanguagesAsync(User, Chosen);
        if (chosen.Count == 0)
        {
            Flash("account.translation-languages.cleared");
        }
        else
        {
            Flash("account.translation-languages.saved", string.Join(", ", chosen.Select(LanguageName)));
        }
        return LocalRedirect($"/{Culture}/account#translation-languages");
    }, () => Task.FromResult<IActionResult>(Page()));
}
