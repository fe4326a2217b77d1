using System.Security.Cryptography;
using Forum.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>
/// A log-in with an unknown address does what a wrong password for an account does: hashes the
/// password it was given (the slow part, ~50 ms), counts the failure under the same keys and
/// answers Failed or LockedOut by the same counts, so neither the answer nor its time tells whether
/// the address has an account. Both log-ins (API and page) come through here.
/// </summary>
public sealed class ForumSignInManager(
    UserManager<ForumUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ForumUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ForumUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ForumUser> confirmation,
    SignInThrottle throttle)
    : SignInManager<ForumUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? _decoyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is { } user)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }
        var name = UserManager.NormalizeName(userName);
        if (await throttle.IsLockedOutAsync(name))
        {
            return SignInResult.LockedOut;
        }
        var decoy = new ForumUser();
        // Hashed with the same hasher and settings as real passwords, so the check costs what a real one does.
        _decoyHash ??= UserManager.PasswordHasher.HashPassword(decoy, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        UserManager.PasswordHasher.VerifyHashedPassword(decoy, _decoyHash, password);
        if (!lockoutOnFailure)
        {
            return SignInResult.Failed;
        }
        await throttle.FailedAsync(name);
        return await throttle.IsLockedOutAsync(name) ? SignInResult.LockedOut : SignInResult.Failed;
    }
}
