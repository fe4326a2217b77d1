using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Text;
using Forum.Core.Time;
using Forum.Data.Accounts;
using Forum.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.RateLimits.AccountPolicy)]
public sealed class RegisterModel(UiTexts texts, ForumLanguages languages, ForumClock clock, UserManager<ForumUser> users, SignInManager<ForumUser> signIn)
    : ForumPageModel(texts, languages, clock)
{
    public sealed class Form
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
        public string? DisplayName { get; set; }
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    public void OnGet()
    {
    }

    [OpenToVisitors]
    public async Task<IActionResult> OnPostAsync()
    {
        var email = Input.Email?.Trim();
        if (string.IsNullOrEmpty(email) || !email.Contains('@') || TextRules.FirstForbidden(email) >= 0)
        {
            ModelState.AddModelError("Input.Email", T("account.email-invalid"));
        }
        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", T("account.password-required"));
        }
        if (Input.DisplayName is { } name && TextRules.FirstForbidden(name) >= 0)
        {
            ModelState.AddModelError("Input.DisplayName", T($"error.{TextRules.ControlCharacterRule}"));
        }
        else if (Input.DisplayName?.Trim() is { Length: > 80 })
        {
            ModelState.AddModelError("Input.DisplayName", T("account.name-too-long"));
        }
        else if (Input.DisplayName?.Trim() == ForumUser.DeletedName)
        {
            ModelState.AddModelError("Input.DisplayName", T("error.account.name-reserved"));
        }
        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }
        var user = new ForumUser { UserName = email, Email = email, DisplayName = string.IsNullOrWhiteSpace(Input.DisplayName) ? null : Input.DisplayName.Trim() };
        var result = await users.CreateAsync(user, Input.Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                // Identity's messages are in English; they sit next to the field they concern.
                ModelState.AddModelError(error.Code.Contains("Password") ? "Input.Password" : "Input.Email", error.Description);
            }
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect($"/{Culture}");
    }
}
