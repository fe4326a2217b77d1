using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Web.Accounts;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Forum.Web.Pages.Account;

/// <summary>
/// The link of a reset message: a new password, under the same rules and hints as at registration. A wrong, used or
/// expired code and an address without an account get the same answer. The new password ends every session of the account.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.RateLimitPolicies.AccountPolicy)]
public sealed class ResetModel(UiTexts texts, ForumLanguages languages, ForumClock clock, AccountMail mail, IOptions<IdentityOptions> identity)
    : ForumPageModel(texts, languages, clock)
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>The link did not work: the page offers to ask for a new one instead of the form.</summary>
    public bool LinkFailed { get; private set; }

    public int MinimumLength => identity.Value.Password.RequiredLength;

    public string PasswordHint => PasswordTexts.Hint(this, identity.Value.Password);

    public void OnGet()
    {
    }

    [OpenToVisitors]
    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Password))
        {
            Refuse("Input", "Input.Password", T("account.password-required"));
            return Page();
        }
        var result = await mail.ResetPasswordAsync(Email, Code, Password);
        if (result.Succeeded)
        {
            Flash("account.reset.done");
            return LocalRedirect($"/{Culture}/account/login");
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        RefusedWithLink(result);
        return Page();
    }

    private void RefusedWithLink(IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            if (error.Code == nameof(IdentityErrorDescriber.InvalidToken))
            {
                LinkFailed = true;
                ModelState.AddModelError("Input", T("account.reset.failed"));
            }
            else
            {
                ModelState.AddModelError("Input.Password", PasswordTexts.Message(this, error, MinimumLength));
            }
        }
    }
}
