using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;

namespace Forum.Web.Scaling;

/// <summary>
/// The output cache in Redis, so that a change evicts its pages on every instance. While Redis cannot be
/// reached the forum serves uncached rather than failing: a read misses, a store is skipped. An eviction lost
/// that way can leave a page stale for the cache's duration at most (Forum:ListCacheSeconds), and only if
/// Redis kept its data through the outage.
/// </summary>
public sealed class ResilientOutputCacheStore(IOutputCacheStore redis, ILogger<ResilientOutputCacheStore> logger) : IOutputCacheStore
{
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await redis.GetAsync(key, cancellationToken);
        }
        catch (RedisException e)
        {
            logger.LogDebug("Output cache read skipped: {Message}", e.Message);
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        try
        {
            await redis.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (RedisException e)
        {
            logger.LogDebug("Output cache store skipped: {Message}", e.Message);
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            await redis.EvictByTagAsync(tag, cancellationToken);
        }
        catch (RedisException e)
        {
            logger.LogWarning("Could not evict the cached pages tagged {Tag}: {Message}", tag, e.Message);
        }
    }
}
