using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Web.Accounts;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Account;

/// <summary>Asks for a reset link; always the same answer, so that the page tells nobody which addresses have an account (ADR 0007).</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.RateLimitPolicies.AccountPolicy)]
public sealed class ForgotPasswordModel(UiTexts texts, ForumLanguages languages, ForumClock clock, AccountMail mail) : ForumPageModel(texts, languages, clock)
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    [OpenToVisitors]
    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || !Email.Contains('@'))
        {
            Refuse("Email", "Email", T("account.email-invalid"));
            return Page();
        }
        await mail.ForgotPasswordAsync(Email);
        Sent = true;
        return Page();
    }
}
