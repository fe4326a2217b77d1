using System.Threading.RateLimiting;
using Forum.Core.Errors;
using Forum.Core.Telemetry;
using Forum.Web.Scaling;

namespace Forum.Web.MachineTranslation;

/// <summary>
/// Calls to the provider per client address and minute (Forum:MachineTranslation:PerAddressPerMinute), through the
/// same store as the forum's other limits (shared across instances with Redis). Cached answers cost nothing and are not counted.
/// </summary>
public sealed class MachineTranslationLimiter(RateLimitStore store, MachineTranslationOptions options, ForumMetrics metrics) : IDisposable
{
    private const string Limit = "machine-translations";

    private readonly PartitionedRateLimiter<string> _limiter =
        PartitionedRateLimiter.Create<string, string>(address => store.PerMinute(Limit, address, options.PerAddressPerMinute));

    public async Task CheckAsync(string address)
    {
        using var lease = await _limiter.AcquireAsync(address);
        if (!lease.IsAcquired)
        {
            metrics.RateLimitRefused(Limit);
            throw ForumException.RateLimited(lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1));
        }
    }

    public void Dispose() => _limiter.Dispose();
}
