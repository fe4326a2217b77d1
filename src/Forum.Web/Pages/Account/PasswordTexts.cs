using Forum.Web.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Forum.Web.Pages.Account;

/// <summary>What the pages that set a password (registration, reset) say about it: its rules before, and its refusals after.</summary>
public static class PasswordTexts
{
    /// <summary>The password rules before they are broken: the configured Identity options, and the common-password check.</summary>
    public static string Hint(ForumPageModel page, PasswordOptions password)
    {
        var rules = new List<string> { page.T("account.password-hint", password.RequiredLength) };
        if (password.RequireLowercase)
        {
            rules.Add(page.T("account.password-needs-lower"));
        }
        if (password.RequireUppercase)
        {
            rules.Add(page.T("account.password-needs-upper"));
        }
        if (password.RequireDigit)
        {
            rules.Add(page.T("account.password-needs-digit"));
        }
        if (password.RequireNonAlphanumeric)
        {
            rules.Add(page.T("account.password-needs-symbol"));
        }
        if (password.RequiredUniqueChars > 1)
        {
            rules.Add(page.T("account.password-needs-unique", password.RequiredUniqueChars));
        }
        rules.Add(page.T("account.password-hint-common"));
        return string.Join(" ", rules);
    }

    /// <summary>The forum's own wording for the refusals people meet most; Identity's other refusals come localized (LocalizedIdentityErrors).</summary>
    public static string Message(ForumPageModel page, IdentityError error, int minimumLength) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => page.T("account.password-too-short", minimumLength),
        CommonPasswordValidator.Code => page.T("account.password-common"),
        CommonPasswordValidator.RepetitiveCode => page.T("account.password-repetitive"),
        CommonPasswordValidator.ContextCode => page.T("account.password-context"),
        CommonPasswordValidator.PredictableCode => page.T("account.password-predictable"),
        CommonPasswordValidator.ControlCharacterCode => page.T("error.text.control-character"),
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => page.T("account.email-invalid"),
        _ => error.Description,
    };
}
