using System.Security.Claims;
using Forum.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>
/// The sign-in ticket also carries the account's public name, so that the header greets people by the name
/// others see (<see cref="ForumUser.PublicName"/>), not by their e-mail address, without a query on every page.
/// </summary>
public sealed class ForumClaims(UserManager<ForumUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ForumUser, IdentityRole>(users, roles, options)
{
    public const string PublicName = "forum:public-name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ForumUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PublicName, user.PublicName));
        return identity;
    }
}
