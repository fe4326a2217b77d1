using System.Threading.RateLimiting;
using RedisRateLimiting;

namespace Forum.Web.Scaling;

/// <summary>
/// Where the forum's rate limits count: in this process alone, or in Redis (RedisRateLimiting) so that 20 writes a
/// minute mean 20 whichever instances receive them. While Redis cannot be reached each instance counts on its own
/// rather than refusing everyone or letting everything through.
/// </summary>
public sealed class RateLimitStore(RedisConnection? redis, RedisOutage outage)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>A fixed one-minute window of <paramref name="permitsPerMinute"/> for <paramref name="key"/> under the limit named <paramref name="limit"/>.</summary>
    public RateLimitPartition<string> PerMinute(string limit, string key, int permitsPerMinute)
    {
        var local = new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = Window, QueueLimit = 0 };
        var partition = $"{limit}:{key}";
        if (redis is null)
        {
            return RateLimitPartition.GetFixedWindowLimiter(partition, _ => local);
        }
        return RateLimitPartition.Get(partition, name => new RedisOrLocalLimiter(
            new RedisFixedWindowRateLimiter<string>($"{redis.KeyPrefix}rate:{name}", new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis.Multiplexer,
                PermitLimit = permitsPerMinute,
                Window = Window,
            }),
            new FixedWindowRateLimiter(local), outage));
    }

    /// <summary>Counts in Redis; while Redis fails, in this process.</summary>
    private sealed class RedisOrLocalLimiter(RateLimiter redis, RateLimiter local, RedisOutage outage) : RateLimiter
    {
        public override TimeSpan? IdleDuration => local.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

        // Asking Redis takes a round trip: callers then ask AcquireAsync, as ASP.NET Core's middleware does.
        protected override RateLimitLease AttemptAcquireCore(int permitCount) => NotYet.Lease;

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            try
            {
                return await redis.AcquireAsync(permitCount, cancellationToken);
            }
            catch (Exception e) when (RedisOutage.IsOutage(e))
            {
                outage.Report("a rate limit, counted in this instance meanwhile", e);
                return await local.AcquireAsync(permitCount, cancellationToken);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                redis.Dispose();
                local.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    private sealed class NotYet : RateLimitLease
    {
        public static readonly NotYet Lease = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
