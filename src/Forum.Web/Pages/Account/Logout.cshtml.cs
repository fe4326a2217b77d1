using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Data.Accounts;
using Forum.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Account;

/// <summary>Logging out is a form post (with antiforgery), never a link a third party could make someone follow.</summary>
public sealed class LogoutModel(UiTexts texts, ForumLanguages languages, ForumClock clock, SignInManager<ForumUser> signIn) : ForumPageModel(texts, languages, clock)
{
    public IActionResult OnGet() => LocalRedirect($"/{Culture}");

    [OpenToVisitors]
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect($"/{Culture}");
    }
}
