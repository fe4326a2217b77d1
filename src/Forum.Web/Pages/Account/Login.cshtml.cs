using System.ComponentModel.DataAnnotations;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Data.Accounts;
using Forum.Web.Accounts;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.RateLimitPolicies.AccountPolicy)]
public sealed class LoginModel(UiTexts texts, ForumLanguages languages, ForumClock clock, SignInManager<ForumUser> signIn) : ForumPageModel(texts, languages, clock)
{
    public sealed class Form
    {
        [Required] public string? Email { get; set; }
        [Required] public string? Password { get; set; }

        /// <summary>Keep the session across browser restarts (two weeks); off by default, as on a shared computer.</summary>
        public bool RememberMe { get; set; }
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Just registered (or tried to register an address that has an account: the same answer).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Registered { get; set; }

    /// <summary>The form's fields by the ids the page gives them, for the error summary's links.</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldIds = new Dictionary<string, string> { ["email"] = "email", ["password"] = "password" };

    /// <summary>Someone already signed in (in another tab, say) goes on to where they were heading rather than being asked again.</summary>
    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl(ReturnUrl, Culture)) : Page();

    [OpenToVisitors]
    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email) || string.IsNullOrWhiteSpace(Input.Password))
        {
            ModelState.AddModelError("Input.Email", T("account.fill-both"));
            return Page();
        }
        // An unknown address gets the same answers, after the same work, as a wrong password (ForumSignInManager).
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: Input.RememberMe, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("Input.Email", T("account.locked-out"));
            return Page();
        }
        if (!result.Succeeded)
        {
            ModelState.AddModelError("Input.Password", T("account.wrong-credentials"));
            return Page();
        }
        return LocalRedirect(SafeReturnUrl(ReturnUrl, Culture));
    }

    /// <summary>Only a path of this site: an open redirect would let a link send people elsewhere after logging in.</summary>
    public static string SafeReturnUrl(string? url, string culture) => LocalReturnUrl(url) ?? $"/{culture}";

    /// <summary>
    /// A path of this site to come back to, or null: never another site (an open redirect), nor the log-in,
    /// registration or log-out pages themselves (coming back to them would ask again).
    /// </summary>
    public static string? LocalReturnUrl(string? url) =>
        url is { Length: > 1 } && url[0] == '/' && url[1] != '/' && url[1] != '\\' && !url.Any(char.IsControl)
            && !System.Text.RegularExpressions.Regex.IsMatch(url, "^/[a-z]{2}/account/(login|register|logout)(?:[/?#]|$)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            ? url
            : null;
}
