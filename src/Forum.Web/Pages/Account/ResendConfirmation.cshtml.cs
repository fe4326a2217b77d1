using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Data.Accounts;
using Forum.Web.Accounts;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Account;

/// <summary>Sends a confirmation link again; the same answer whether the address has an account or not (ADR 0007).</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.RateLimitPolicies.AccountPolicy)]
public sealed class ResendConfirmationModel(UiTexts texts, ForumLanguages languages, ForumClock clock, AccountMail mail, UserManager<ForumUser> users)
    : ForumPageModel(texts, languages, clock)
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    /// <summary>A signed-in person finds their own address already filled in.</summary>
    public async Task OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            Email = (await users.GetUserAsync(User))?.Email;
        }
    }

    [OpenToVisitors]
    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || !Email.Contains('@'))
        {
            Refuse("Email", "Email", T("account.email-invalid"));
            return Page();
        }
        await mail.ResendAsync(Email);
        Sent = true;
        return Page();
    }
}
