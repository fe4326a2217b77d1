using System.Collections.Concurrent;
using Forum.Core.Storage;
using Medallion.Threading;
using Medallion.Threading.Redis;

namespace Forum.Web.Scaling;

/// <summary>
/// Named leases for work that must run on one instance at a time: the start-up (migrations, seeding, the statistics
/// rebuild) and each phase's draft summaries. In Redis when the forum has one (DistributedLock.Redis: a key that
/// expires 30 s after its holder stops renewing it, so the work of an instance that died passes on within that
/// time), in this process otherwise. See docs/decisions/0013-work-done-once.md.
/// </summary>
public sealed class Leases(IDistributedLockProvider locks, string keyPrefix, RedisOutage outage, ILogger<Leases> logger) : IWorkLeases
{
    // How long to keep asking an unreachable Redis for a lease before going on without it.
    private static readonly TimeSpan LongestWaitForRedis = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Takes the lease, waiting as long as another instance holds it. While Redis cannot be reached it asks again for
    /// 20 s, then goes on without a lease: an instance started during an outage must still come up, and what runs under
    /// a lease is safe to repeat (ADR 0013).
    /// </summary>
    public async Task<IAsyncDisposable> TakeAsync(string name, CancellationToken cancellation)
    {
        var unreachableSince = DateTime.UtcNow;
        while (true)
        {
            try
            {
                return await locks.AcquireLockAsync(keyPrefix + name, cancellationToken: cancellation);
            }
            catch (Exception e) when (RedisOutage.IsOutage(e) && !cancellation.IsCancellationRequested)
            {
                if (DateTime.UtcNow - unreachableSince > LongestWaitForRedis)
                {
                    logger.LogWarning("Redis could not be reached for {Seconds} s to take the lease {Lease} ({Message}); going on without it.",
                        LongestWaitForRedis.TotalSeconds, name, e.Message);
                    return NoLease.Instance;
                }
                outage.Report($"taking the lease {name}", e);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
            }
        }
    }

    private sealed class NoLease : IAsyncDisposable
    {
        public static readonly NoLease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Takes the lease if no one holds it now; null if someone does. Without Redis reachable, runs without one.</summary>
    public async Task<(bool Free, IAsyncDisposable? Lease)> TryTakeAsync(string name, CancellationToken cancellation)
    {
        try
        {
            var lease = await locks.TryAcquireLockAsync(keyPrefix + name, TimeSpan.Zero, cancellation);
            return (lease is not null, lease);
        }
        catch (Exception e) when (RedisOutage.IsOutage(e))
        {
            // Doing the work twice is better than not at all: what needs a lease here is also safe to repeat.
            outage.Report($"taking the lease {name}, done without it", e);
            return (true, null);
        }
    }

    /// <summary>The key of the lease named <paramref name="name"/> in Redis (a test holds one to see an instance wait).</summary>
    public static string RedisKey(string keyPrefix, string name) => keyPrefix + "lease:" + name;

    public static Leases InRedis(RedisConnection redis, IServiceProvider services) => new(
        new RedisDistributedSynchronizationProvider(redis.Multiplexer.GetDatabase(), options => options.Expiry(TimeSpan.FromSeconds(30))),
        RedisKey(redis.KeyPrefix, ""), services.GetRequiredService<RedisOutage>(), services.GetRequiredService<ILogger<Leases>>());
}

/// <summary>Leases for one instance alone: a semaphore per name.</summary>
public sealed class InProcessLocks : IDistributedLockProvider
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _semaphores = new();

    public IDistributedLock CreateLock(string name) => new Lock(name, _semaphores.GetOrAdd(name, _ => new SemaphoreSlim(1, 1)));

    private sealed class Lock(string name, SemaphoreSlim semaphore) : IDistributedLock
    {
        public string Name => name;

        public IDistributedSynchronizationHandle Acquire(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
            TryAcquire(timeout ?? Timeout.InfiniteTimeSpan, cancellationToken) ?? throw new TimeoutException($"The lease {name} is taken.");

        public async ValueTask<IDistributedSynchronizationHandle> AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
            await TryAcquireAsync(timeout ?? Timeout.InfiniteTimeSpan, cancellationToken) ?? throw new TimeoutException($"The lease {name} is taken.");

        public IDistributedSynchronizationHandle? TryAcquire(TimeSpan timeout = default, CancellationToken cancellationToken = default) =>
            semaphore.Wait(timeout, cancellationToken) ? new Handle(semaphore) : null;

        public async ValueTask<IDistributedSynchronizationHandle?> TryAcquireAsync(TimeSpan timeout = default, CancellationToken cancellationToken = default) =>
            await semaphore.WaitAsync(timeout, cancellationToken) ? new Handle(semaphore) : null;
    }

    private sealed class Handle(SemaphoreSlim semaphore) : IDistributedSynchronizationHandle
    {
        private int _released;

        public CancellationToken HandleLostToken => CancellationToken.None;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
