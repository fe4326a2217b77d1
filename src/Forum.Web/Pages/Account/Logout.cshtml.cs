using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Data.Accounts;
using Forum.Web.Accounts;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Account;

/// <summary>
/// Logging out is a form post (with antiforgery), never a link a third party could make someone follow.
/// It ends the session on the server too: a new security stamp makes SecurityStampCheck refuse
/// every cookie and token issued before, so a copied cookie dies with the session (ADR 0007). It logs
/// the person out of their other devices as well, which is the price of keeping no session store.
/// </summary>
public sealed class LogoutModel(UiTexts texts, ForumLanguages languages, ForumClock clock, SignInManager<ForumUser> signIn, UserManager<ForumUser> users)
    : ForumPageModel(texts, languages, clock)
{
    public IActionResult OnGet() => LocalRedirect($"/{Culture}");

    [OpenToVisitors]
    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        return LocalRedirect($"/{Culture}");
    }
}
