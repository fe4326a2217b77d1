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
