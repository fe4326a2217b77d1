using System.Security.Cryptography;
using System.Text;
using Forum.Data;
using Forum.Data.Accounts;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>
/// Identity's refresh tokens are valid until they expire, however often they are used: one stolen
/// token would renew itself for two weeks. Before Identity's /refresh runs, this records the token
/// as consumed in the database; the primary key makes a second use fail, across restarts and
/// instances. A token refused by Identity afterwards (stamp changed) stays consumed, which is fine.
/// </summary>
public sealed class SingleUseRefreshTokens : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<RefreshRequest>().FirstOrDefault() is not { RefreshToken: { Length: > 0 } token })
        {
            return await next(context);
        }
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var protector = services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        // Only genuine, unexpired tokens are recorded: anything else Identity refuses by itself, and garbage fills no table.
        if (protector.Unprotect(token)?.Properties.ExpiresUtc is not { } expires || expires <= now)
        {
            return await next(context);
        }
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var db = services.GetRequiredService<ForumDbContext>();
        var consumed = new ConsumedRefreshToken { Hash = hash, ExpiresAt = expires.UtcDateTime };
        db.ConsumedRefreshTokens.Add(consumed);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            db.Entry(consumed).State = EntityState.Detached;
            if (await db.ConsumedRefreshTokens.AnyAsync(t => t.Hash == hash))
            {
                return TypedResults.Challenge();
            }
            throw;
        }
        // Expired tokens need no record: they are refused for their age.
        await db.ConsumedRefreshTokens.Where(t => t.ExpiresAt < now.UtcDateTime).ExecuteDeleteAsync();
        return await next(context);
    }
}
