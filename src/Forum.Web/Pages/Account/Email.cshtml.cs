using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Web.Accounts;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Account;

/// <summary>
/// A change of address: the current password, then a link to the new address and a notice to the old one
/// (AccountMail.RequestAddressChangeAsync). The account keeps its address until the new one is confirmed.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.RateLimitPolicies.AccountPolicy)]
public sealed class EmailModel(UiTexts texts, ForumLanguages languages, ForumClock clock, AccountMail mail) : ForumPageModel(texts, languages, clock)
{
    public sealed class Form
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }

    [BindProperty]
    public Form Address { get; set; } = new();

    [HandlerPolicy(Policies.Participant)]
    public IActionResult OnGet() => Page();

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostAsync() => SubmitFormAsync("Address", async () =>
    {
        await mail.RequestAddressChangeAsync(User.Id(), Address.Email, Address.Password);
        Flash("account.email-change.sent", Address.Email!.Trim());
        return LocalRedirect($"/{Culture}/account");
    }, () => Task.FromResult<IActionResult>(Page()), "email", "password");
}
