using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Web.Accounts;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Account;

/// <summary>
/// The link of a confirmation message. Opening it (GET) only shows a button; confirming takes a POST, because mail
/// scanners and link previews open the links in messages on their own, and a confirmation must be the person's act.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.RateLimitPolicies.AccountPolicy)]
public sealed class ConfirmModel(UiTexts texts, ForumLanguages languages, ForumClock clock, AccountMail mail) : ForumPageModel(texts, languages, clock)
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    /// <summary>Set when the link confirms a change of address: the new address.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ChangedEmail { get; set; }

    /// <summary>Null before the button is pressed; then whether the link worked.</summary>
    public bool? Confirmed { get; private set; }

    public void OnGet()
    {
    }

    [OpenToVisitors]
    public async Task<IActionResult> OnPostAsync()
    {
        Confirmed = await mail.ConfirmAsync(UserId, Code, ChangedEmail);
        if (Confirmed == false)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
