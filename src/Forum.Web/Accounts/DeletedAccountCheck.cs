using System.Security.Claims;
using Forum.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Accounts;

/// <summary>
/// Bearer tokens are checked only for their signature and lifetime, and cookies re-check the security
/// stamp only every half hour: a deleted account's tokens and cookies would keep working until then.
/// Every signed-in request therefore looks the account up (one primary-key read) and is treated as
/// anonymous when the account is deleted or gone.
/// </summary>
public sealed class DeletedAccountCheck(ForumDbContext db) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return principal;
        }
        var active = await db.Users.AnyAsync(u => u.Id == id && u.DeletedAt == null);
        return active ? principal : new ClaimsPrincipal(new ClaimsIdentity());
    }
}

public static class DeletedAccountCheckExtensions
{
    /// <summary>
    /// After authentication: a ticket whose account <see cref="DeletedAccountCheck"/> refused counts as
    /// no ticket at all, so that protected endpoints answer 401 (sign in), not 403 (not allowed).
    /// </summary>
    public static IApplicationBuilder UseDeletedAccountCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IAuthenticateResultFeature>() is { AuthenticateResult.Succeeded: true } feature
            && context.User.Identity?.IsAuthenticated != true)
        {
            feature.AuthenticateResult = AuthenticateResult.NoResult();
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        await next();
    });
}
