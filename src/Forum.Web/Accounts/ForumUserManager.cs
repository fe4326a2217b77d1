using Forum.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>Every account, however it is created (registration, seeding, admin bootstrap), starts as a participant.</summary>
public sealed class ForumUserManager(
    IUserStore<ForumUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<ForumUser> passwordHasher,
    IEnumerable<IUserValidator<ForumUser>> userValidators,
    IEnumerable<IPasswordValidator<ForumUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<ForumUser>> logger)
    : UserManager<ForumUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> CreateAsync(ForumUser user)
    {
        var created = await base.CreateAsync(user);
        return created.Succeeded ? await AddToRoleAsync(user, Roles.Participant) : created;
    }
}
