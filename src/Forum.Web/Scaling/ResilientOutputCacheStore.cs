using Microsoft.AspNetCore.OutputCaching;

namespace Forum.Web.Scaling;

/// <summary>
/// The output cache in Redis, so that a change evicts its pages on every instance. While Redis cannot be
/// reached the forum serves uncached rather than failing: a read misses, a store is skipped. An eviction lost
/// that way can leave a page stale for the cache's duration at most (Forum:ListCacheSeconds), and only if
/// Redis kept its data through the outage. Any failure of the store counts as one: the cache is only ever a shortcut.
/// </summary>
public sealed class ResilientOutputCacheStore(IOutputCacheStore redis, RedisOutage outage) : IOutputCacheStore
{
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await redis.GetAsync(key, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            outage.Report("output cache read", e);
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        try
        {
            await redis.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            outage.Report("output cache store", e);
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            await redis.EvictByTagAsync(tag, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            outage.Report($"evicting the cached pages tagged {tag}", e);
        }
    }
}
