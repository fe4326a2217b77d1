using System.Security.Claims;
using Forum.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>
/// Bearer tokens are checked only for their signature and lifetime, and cookies re-check the security
/// stamp only every half hour: a deleted account's tokens and cookies would keep working until then.
/// Every signed-in request therefore looks the account up (one primary-key read) and is treated as
/// anonymous when the account is deleted or gone, or when its security stamp changed since the ticket
/// was issued (roles withdrawn, password changed): a demoted moderator loses the queue at once.
/// </summary>
public sealed class DeletedAccountCheck(ForumDbContext db, IOptions<IdentityOptions> identity) : IClaimsTransformation
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
