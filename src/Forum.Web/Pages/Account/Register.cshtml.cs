using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Text;
using Forum.Core.Time;
using Forum.Data.Accounts;
using Forum.Web.Accounts;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Forum.Web.Pages.Account;

/// <summary>
/// Registration answers the same whether the address is new or already has an account (ADR 0007):
/// both go on to the log-in page, nobody is signed in here, and an existing account is left untouched.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.RateLimitPolicies.AccountPolicy)]
public sealed class RegisterModel(UiTexts texts, ForumLanguages languages, ForumClock clock, UserManager<ForumUser> users, IOptions<IdentityOptions> identity,
    AccountMail mail)
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

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public int MinimumLength => identity.Value.Password.RequiredLength;

    /// <summary>The password rules before they are broken.</summary>
    public string PasswordHint => PasswordTexts.Hint(this, identity.Value.Password);

    /// <summary>The form's fields by the ids the page gives them, for the error summary's links.</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldIds =
        new Dictionary<string, string> { ["email"] = "email", ["displayname"] = "name", ["password"] = "password" };

    /// <summary>Someone already signed in goes on to where they were heading: a second account is not what they came for.</summary>
    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl, Culture)) : Page();

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
        else if (TextRules.HoldsDirectionOverride(Input.DisplayName))
        {
            ModelState.AddModelError("Input.DisplayName", T($"error.{TextRules.DirectionOverrideRule}.name"));
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
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var user = new ForumUser
        {
            UserName = email, Email = email, DisplayName = TextRules.IsBlank(Input.DisplayName) ? null : Input.DisplayName.Trim(), PreferredLanguage = Culture,
        };
        var result = await users.CreateAsync(user, Input.Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password") ? "Input.Password" : "Input.Email", Message(error));
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        // The confirmation link, or to an address that already had an account a notice to its owner: the same answer here.
        await mail.AfterRegistrationAsync(user);
        // On to the log-in page, which then returns people to the page they came from.
        var back = LoginModel.LocalReturnUrl(ReturnUrl);
        return LocalRedirect($"/{Culture}/account/login?registered=true" + (back is null ? "" : "&returnUrl=" + Uri.EscapeDataString(back)));
    }

    private string Message(IdentityError error) => PasswordTexts.Message(this, error, MinimumLength);
}
