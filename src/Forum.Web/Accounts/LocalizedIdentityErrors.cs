using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Web.Pages;
using Microsoft.AspNetCore.Identity;

namespace Forum.Web.Accounts;

/// <summary>
/// Identity's refusals in the language of the page that asked (identity.* texts): a French registration
/// hears "Cette adresse … est déjà utilisée" rather than Identity's English. Requests without a culture in
/// their address (the API) keep Identity's own English descriptions; their clients read the code and the rule.
/// </summary>
public sealed class LocalizedIdentityErrors(IHttpContextAccessor http, UiTexts texts, ForumLanguages languages) : IdentityErrorDescriber
{
    private string? Culture =>
        http.HttpContext?.GetRouteValue(CultureRoutes.RouteKey) is string culture && languages.IsSupported(culture) ? culture : null;

    private IdentityError Localized(IdentityError english, string key, params object[] values)
    {
        if (Culture is not { } culture || texts.Find(culture, key) is not { } text)
        {
            return english;
        }
        return new IdentityError { Code = english.Code, Description = string.Format(languages.CultureOf(culture), text, values) };
    }

    public override IdentityError DefaultError() => Localized(base.DefaultError(), "identity.default-error");
    public override IdentityError ConcurrencyFailure() => Localized(base.ConcurrencyFailure(), "identity.concurrency-failure");
    public override IdentityError PasswordMismatch() => Localized(base.PasswordMismatch(), "identity.password-mismatch");
    public override IdentityError InvalidToken() => Localized(base.InvalidToken(), "identity.invalid-token");
    public override IdentityError RecoveryCodeRedemptionFailed() => Localized(base.RecoveryCodeRedemptionFailed(), "identity.recovery-code-redemption-failed");
    public override IdentityError LoginAlreadyAssociated() => Localized(base.LoginAlreadyAssociated(), "identity.login-already-associated");
    public override IdentityError InvalidUserName(string? userName) => Localized(base.InvalidUserName(userName), "identity.invalid-user-name", userName ?? "");
    public override IdentityError InvalidEmail(string? email) => Localized(base.InvalidEmail(email), "identity.invalid-email", email ?? "");
    public override IdentityError DuplicateUserName(string userName) => Localized(base.DuplicateUserName(userName), "identity.duplicate-user-name", userName);
    public override IdentityError DuplicateEmail(string email) => Localized(base.DuplicateEmail(email), "identity.duplicate-email", email);
    public override IdentityError InvalidRoleName(string? role) => Localized(base.InvalidRoleName(role), "identity.invalid-role-name", role ?? "");
    public override IdentityError DuplicateRoleName(string role) => Localized(base.DuplicateRoleName(role), "identity.duplicate-role-name", role);
    public override IdentityError UserAlreadyHasPassword() => Localized(base.UserAlreadyHasPassword(), "identity.user-already-has-password");
    public override IdentityError UserLockoutNotEnabled() => Localized(base.UserLockoutNotEnabled(), "identity.user-lockout-not-enabled");
    public override IdentityError UserAlreadyInRole(string role) => Localized(base.UserAlreadyInRole(role), "identity.user-already-in-role", role);
    public override IdentityError UserNotInRole(string role) => Localized(base.UserNotInRole(role), "identity.user-not-in-role", role);
    public override IdentityError PasswordTooShort(int length) => Localized(base.PasswordTooShort(length), "identity.password-too-short", length);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Localized(base.PasswordRequiresUniqueChars(uniqueChars), "identity.password-requires-unique-chars", uniqueChars);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Localized(base.PasswordRequiresNonAlphanumeric(), "identity.password-requires-non-alphanumeric");
    public override IdentityError PasswordRequiresDigit() => Localized(base.PasswordRequiresDigit(), "identity.password-requires-digit");
    public override IdentityError PasswordRequiresLower() => Localized(base.PasswordRequiresLower(), "identity.password-requires-lower");
    public override IdentityError PasswordRequiresUpper() => Localized(base.PasswordRequiresUpper(), "identity.password-requires-upper");
}
