using System.Security.Claims;
using Forum.Data.Accounts;

namespace Forum.Web.Authorization;

public static class UserExtensions
{
    /// <summary>The signed-in user's id; endpoints that call this require a policy, so it is always there.</summary>
    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user.");

    /// <summary>The roles that make the moderation team.</summary>
    public static readonly string[] ModerationRoles = [Roles.Moderator, Roles.Admin];

    public static bool IsModerator(this ClaimsPrincipal user) => ModerationRoles.Any(user.IsInRole);
}
