using System.Security.Claims;
using Forum.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>
/// Checks on every signed-in request that the ticket (bearer token or cookie) still speaks for its account:
/// the account exists, is not deleted, and has the security stamp the ticket was issued with. Otherwise the
/// request is treated as anonymous. Bearer tokens are checked only for their signature and lifetime, and
/// cookies re-check the stamp only every half hour: without this a withdrawn role, a changed password, a
/// log-out or a deleted account would leave old tickets working until then. One primary-key read a request.
/// </summary>
public sealed class SecurityStampCheck(ForumDbContext db, IOptions<IdentityOptions> identity) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return principal;
        }
        var account = await db.Users.Where(u => u.Id == id).Select(u => new { u.DeletedAt, u.SecurityStamp }).FirstOrDefaultAsync();
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return account is not null && IsCurrent(stamp, account.DeletedAt, account.SecurityStamp) ? principal : new ClaimsPrincipal(new ClaimsIdentity());
    }

    /// <summary>
    /// The one rule: a ticket speaks for its account while the account exists, is not deleted, and has the
    /// stamp the ticket was issued with. Also used by the live hub, whose connections outlive their request.
    /// </summary>
    public static bool IsCurrent(string? ticketStamp, DateTime? deletedAt, string? accountStamp) =>
        deletedAt is null && (ticketStamp is null || ticketStamp == accountStamp);
}

public static class SecurityStampCheckExtensions
{
    /// <summary>
    /// After authentication: a ticket whose account <see cref="SecurityStampCheck"/> refused counts as
    /// no ticket at all, so that protected endpoints answer 401 (sign in), not 403 (not allowed).
    /// </summary>
    public static IApplicationBuilder UseSecurityStampCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
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
