using System.Security.Cryptography;
using System.Text;
using Forum.Data;
using Forum.Data.Accounts;
using Forum.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>
/// Counts wrong passwords twice: per account name and client address, which locks that address out
/// of that account at <see cref="AccountOptions.MaxFailedLogins"/>, and per account name alone, which
/// locks the account for everybody only at the much higher <see cref="AccountOptions.MaxFailedLoginsPerAccount"/>.
/// So a stranger cannot lock the owner out with a few guesses, yet guessing from many addresses stays
/// bounded. Names are counted whether or not an account has them, so a lockout reveals nothing.
/// Counts live in the database: they survive restarts and are shared by several instances.
/// </summary>
public sealed class SignInThrottle(IServiceScopeFactory scopes, TimeProvider time, IOptions<AccountOptions> options, IHttpContextAccessor http)
{
    /// <summary>A count with no new failure for this long starts again from zero.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromDays(1);

    /// <summary>The client's address as a limit key: an IPv6 client counts by its /64.</summary>
    private string ClientAddress => ClientAddressKey.For(http.HttpContext);

    private static string Hash(params string[] parts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))));

    private string PairKey(string normalizedName) => Hash("address", normalizedName, ClientAddress);

    private static string AccountKey(string normalizedName) => Hash("account", normalizedName);

    public async Task<bool> IsLockedOutAsync(string normalizedName)
    {
        var now = time.GetUtcNow().UtcDateTime;
        string pair = PairKey(normalizedName), account = AccountKey(normalizedName);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
        return await db.SignInFailures.AnyAsync(f => (f.Key == pair || f.Key == account) && f.LockedUntil != null && f.LockedUntil > now);
    }

    /// <summary>Counts one wrong password under both keys.</summary>
    public async Task FailedAsync(string normalizedName)
    {
        var limits = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
        await CountAsync(db, PairKey(normalizedName), limits.MaxFailedLogins);
        await CountAsync(db, AccountKey(normalizedName), limits.MaxFailedLoginsPerAccount);
    }

    /// <summary>The right password from this address: its count starts again (the account-wide one does not, or the owner's log-ins would reset a siege).</summary>
    public async Task SucceededAsync(string normalizedName)
    {
        var pair = PairKey(normalizedName);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
        await db.SignInFailures.Where(f => f.Key == pair && (f.LockedUntil == null || f.LockedUntil <= time.GetUtcNow().UtcDateTime)).ExecuteDeleteAsync();
    }

    /// <summary>One statement per count, so that simultaneous wrong guesses are all counted.</summary>
    private async Task CountAsync(ForumDbContext db, string key, int bound)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var forgotten = now - Memory;
        DateTime? lockedUntil = now.AddMinutes(options.Value.LockoutMinutes);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            // restart: the count is old, or its lockout has ended; n: the count with this failure.
            // n reaching the bound locks the key and starts the count again (SQL reads every right-hand side before the update).
            var updated = await db.SignInFailures.Where(f => f.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(f => f.LockedUntil, f =>
                    (f.LastFailureAt < forgotten || (f.LockedUntil != null && f.LockedUntil <= now) ? 1 : f.Failures + 1) >= bound ? lockedUntil
                    : f.LockedUntil != null && f.LockedUntil > now ? f.LockedUntil : null)
                .SetProperty(f => f.Failures, f =>
                    (f.LastFailureAt < forgotten || (f.LockedUntil != null && f.LockedUntil <= now) ? 1 : f.Failures + 1) >= bound ? 0
                    : f.LastFailureAt < forgotten || (f.LockedUntil != null && f.LockedUntil <= now) ? 1 : f.Failures + 1)
                .SetProperty(f => f.LastFailureAt, now));
            if (updated > 0)
            {
                return;
            }
            var row = new SignInFailureCount { Key = key, Failures = bound <= 1 ? 0 : 1, LastFailureAt = now, LockedUntil = bound <= 1 ? lockedUntil : null };
            db.SignInFailures.Add(row);
            try
            {
                await db.SaveChangesAsync();
                // New rows are what makes the table grow: sweep the forgotten ones now and then.
                await db.SignInFailures.Where(f => f.LastFailureAt < forgotten && (f.LockedUntil == null || f.LockedUntil < now)).ExecuteDeleteAsync();
                return;
            }
            catch (DbUpdateException)
            {
                // Another request inserted it first: count on its row.
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }
}
