using Forum.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>
/// Every account, however it is created (registration, seeding, admin bootstrap), starts as a participant.
/// Lockouts are counted on the forum's clock (Identity reads the system clock), so that they follow
/// the same time as everything else and tests can move it.
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
    TimeProvider time)
    : UserManager<ForumUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> CreateAsync(ForumUser user)
    {
        user.RegisteredAt ??= time.GetUtcNow().UtcDateTime;
        var created = await base.CreateAsync(user);
        return created.Succeeded ? await AddToRoleAsync(user, Roles.Participant) : created;
    }

    public override async Task<IdentityResult> AccessFailedAsync(ForumUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.AccessFailedCount + 1 < Options.Lockout.MaxFailedAccessAttempts)
        {
            return await base.AccessFailedAsync(user);
        }
        user.AccessFailedCount = 0;
        user.LockoutEnd = time.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan);
        Logger.LogInformation("Account {UserId} locked out until {LockoutEnd:u}.", user.Id, user.LockoutEnd);
        return await UpdateUserAsync(user);
    }

    public override Task<bool> IsLockedOutAsync(ForumUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.LockoutEnabled && user.LockoutEnd is { } end && end >= time.GetUtcNow());
    }
}
