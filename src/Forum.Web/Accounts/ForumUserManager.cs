using Forum.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>
/// Every account, however it is created (registration, seeding, admin bootstrap), starts as a participant.
/// Wrong passwords, wherever they are typed (log-in, password change, account deletion), are counted
/// by <see cref="SignInThrottle"/> per account and client address, on the forum's clock (Identity reads
/// the system clock), so that they follow the same time as everything else and tests can move it.
/// Registering an address that already has an account answers as a registration does, and changes nothing.
/// </summary>
public sealed class ForumUserManager(
    IUserStore<ForumUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<ForumUser> passwordHasher,
    IEnumerable<IUserValidator<ForumUser>> userValidators,
    IEnumerable<IPasswordValidator<ForumUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<ForumUser>> logger,
    TimeProvider time,
    SignInThrottle throttle,
    Core.Languages.ForumLanguages languages,
    IHttpContextAccessor http)
    : UserManager<ForumUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public const string LockedOutCode = "LockedOut";

    public override async Task<IdentityResult> CreateAsync(ForumUser user)
    {
        user.RegisteredAt ??= time.GetUtcNow().UtcDateTime;
        var created = await base.CreateAsync(user);
        return created.Succeeded ? await AddToRoleAsync(user, Roles.Participant) : created;
    }

    /// <summary>
    /// The password is judged first, so its answer never depends on the address. An address already
    /// taken gets the same success, after the same hashing work, and nothing is written (ADR 0007).
    /// </summary>
    public override async Task<IdentityResult> CreateAsync(ForumUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        // The register page sets the page's language; Identity's API register leaves it to the request's preference.
        user.PreferredLanguage ??= http.HttpContext is { } context ? Pages.CultureRoutes.Preferred(context.Request, languages) : languages.Default;
        var valid = await ValidatePasswordAsync(user, password);
        if (!valid.Succeeded)
        {
            return valid;
        }
        if (await IsTakenAsync(user))
        {
            return PretendCreated(user, password);
        }
        var created = await base.CreateAsync(user, password);
        // Two registrations of one address at once: the one that lost answers like the other.
        return !created.Succeeded && created.Errors.All(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail))
            ? IdentityResult.Success
            : created;
    }

    private async Task<bool> IsTakenAsync(ForumUser user) =>
        (user.Email is { } email && await FindByEmailAsync(email) is not null)
        || (user.UserName is { } name && await FindByNameAsync(name) is not null);

    private IdentityResult PretendCreated(ForumUser user, string password)
    {
        PasswordHasher.HashPassword(user, password);
        // Identity's register endpoint makes a confirmation token for the user it was handed, which needs a stamp.
        user.SecurityStamp ??= Guid.NewGuid().ToString("N");
        // The owner is told that someone tried, by the message the registration sends next (AccountMail.ConfirmationAsync).
        Logger.LogInformation("Registration of an address that already has an account: nothing created.");
        return IdentityResult.Success;
    }

    /// <summary>A wrong current password counts towards the lockout, and a locked account cannot change its password.</summary>
    public override async Task<IdentityResult> ChangePasswordAsync(ForumUser user, string currentPassword, string newPassword)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await IsLockedOutAsync(user))
        {
            return IdentityResult.Failed(new IdentityError { Code = LockedOutCode, Description = "Too many wrong passwords: this account is locked for a while." });
        }
        if (!await CheckPasswordAsync(user, currentPassword))
        {
            await AccessFailedAsync(user);
            return IdentityResult.Failed(ErrorDescriber.PasswordMismatch());
        }
        await ResetAccessFailedCountAsync(user);
        return await base.ChangePasswordAsync(user, currentPassword, newPassword);
    }

    private string ThrottleName(ForumUser user) => user.NormalizedUserName ?? NormalizeName(user.UserName) ?? user.Id;

    public override async Task<IdentityResult> AccessFailedAsync(ForumUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await throttle.FailedAsync(ThrottleName(user));
        return IdentityResult.Success;
    }

    public override async Task<IdentityResult> ResetAccessFailedCountAsync(ForumUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await throttle.SucceededAsync(ThrottleName(user));
        return IdentityResult.Success;
    }

    /// <summary>Locked by the counts, or for good (a deleted account).</summary>
    public override async Task<bool> IsLockedOutAsync(ForumUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (user.LockoutEnabled && user.LockoutEnd is { } end && end >= time.GetUtcNow())
            || await throttle.IsLockedOutAsync(ThrottleName(user));
    }
}
