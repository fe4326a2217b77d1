using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Data.Accounts;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Account;

/// <summary>The language of the forum's messages to the signed-in person, chosen on the account page.</summary>
public sealed class LanguageModel(UiTexts texts, ForumLanguages languages, ForumClock clock, UserManager<ForumUser> users) : ForumPageModel(texts, languages, clock)
{
    [BindProperty]
    public string? PreferredLanguage { get; set; }

    /// <summary>The form lives on the account page.</summary>
    [HandlerPolicy(Policies.Participant)]
    public IActionResult OnGet() => LocalRedirect($"/{Culture}/account");

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostAsync() => SubmitFormAsync("Language", async () =>
    {
        var code = ForumLanguages.Require(PreferredLanguage?.Trim().ToLowerInvariant(), "preferredLanguage");
        var user = await users.GetUserAsync(User) ?? throw Core.Errors.ForumException.NotFound("user", User.Id());
        user.PreferredLanguage = code;
        await users.UpdateAsync(user);
        Flash("account.language.saved", LanguageName(code));
        return LocalRedirect($"/{Culture}/account");
    }, () => Task.FromResult<IActionResult>(Page()));
}
