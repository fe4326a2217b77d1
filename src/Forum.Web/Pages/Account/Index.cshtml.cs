using System.Security.Claims;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Data.Accounts;
using Forum.Web.Accounts;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Forum.Web.Pages.Account;

/// <summary>The signed-in person's account: what the forum holds about them, a download of all of it, and deleting the account.</summary>
public sealed class IndexModel(
    UiTexts texts, ForumLanguages languages, ForumClock clock, UserManager<ForumUser> users, SignInManager<ForumUser> signIn,
    AccountErasure erasure, IOptions<PrivacyOptions> privacy)
    : ForumPageModel(texts, languages, clock)
{
    public sealed class DeleteForm
    {
        public string? Password { get; set; }
        public bool Confirm { get; set; }
    }

    [BindProperty]
    public DeleteForm Input { get; set; } = new();

    public ForumUser? Account { get; private set; }

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public bool Deleted { get; private set; }

    public bool RemovesContributions => privacy.Value.DeletedAccountContributions == DeletedAccountContributions.Remove;

    [HandlerPolicy(Policies.Participant)]
    public async Task<IActionResult> OnGetAsync() => await ShowAsync();

    [HandlerPolicy(Policies.Participant)]
    public async Task<IActionResult> OnPostDeleteAsync()
    {
        if (!Input.Confirm)
        {
            ModelState.AddModelError("Input.Confirm", T("account.delete-confirm-required"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }
        return await SubmitFormAsync("Input.Password", async () =>
        {
            await erasure.DeleteAsync(User.Id(), Input.Password);
            await signIn.SignOutAsync();
            // This very answer already reads as signed out.
            HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
            Deleted = true;
            return Page();
        }, ShowAsync);
    }

    private async Task<IActionResult> ShowAsync()
    {
        Account = await users.GetUserAsync(User);
        if (Account is null)
        {
            return NotFound();
        }
        Roles = (await users.GetRolesAsync(Account)).Order().ToList();
        return Page();
    }
}
