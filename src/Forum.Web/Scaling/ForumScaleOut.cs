using Forum.Core;
using Forum.Core.Storage;
using Forum.Data;
using Forum.Web.Health;
using Forum.Web.Live;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Forum.Web.Scaling;

/// <summary>
/// What lets several instances behave as one. Always: the data-protection keys live in the database, so a cookie,
/// token or form issued by one instance is accepted by every other (and survives a redeploy). With Forum:Redis:
/// the SignalR backplane, the output cache, the rate limits, the leases and the event relay go through Redis.
/// Without it everything stays in this process, as one instance needs.
/// </summary>
public static class ForumScaleOut
{
    public static IServiceCollection AddForumScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName("forum").PersistKeysToDbContext<ForumDbContext>();
        // Its hosted service reads the key ring as the host starts, before the start-up has migrated the table that
        // holds it; the start-up reads it instead, last, under its lease (so that instances started together make one key).
        foreach (var keyRingLoader in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
        {
            services.Remove(keyRingLoader);
        }

        services.AddSingleton<RedisOutage>();
        var section = configuration.GetSection(ForumOptions.SectionName);
        var connectionString = section[nameof(ForumOptions.Redis)];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            services.AddSingleton<RateLimitStore>(sp => new RateLimitStore(null, sp.GetRequiredService<RedisOutage>()));
            services.AddSingleton<IWorkLeases>(sp => new Leases(new InProcessLocks(), "", sp.GetRequiredService<RedisOutage>(), sp.GetRequiredService<ILogger<Leases>>()));
            return services;
        }

        var redis = new RedisConnection(connectionString, section[nameof(ForumOptions.RedisKeyPrefix)] ?? new ForumOptions().RedisKeyPrefix);
        // Created by a factory, so that the container disposes it at the end.
        services.AddSingleton(_ => redis);
        services.AddSingleton<RateLimitStore>(sp => new RateLimitStore(redis, sp.GetRequiredService<RedisOutage>()));
        services.AddSingleton<IWorkLeases>(sp => Leases.InRedis(redis, sp));

        // A connection of its own: the backplane disposes the one it is given when the host stops, while the
        // others still use theirs.
        services.AddSignalR().AddStackExchangeRedis(backplane =>
        {
            backplane.Configuration = redis.Options("forum-signalr");
            backplane.Configuration.ChannelPrefix = RedisChannel.Literal(redis.KeyPrefix + "signalr");
        });

        services.AddStackExchangeRedisOutputCache(cache =>
        {
            cache.InstanceName = redis.KeyPrefix + "pages:";
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis.Multiplexer);
        });
        var store = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.RemoveAll<IOutputCacheStore>();
        services.AddSingleton<IOutputCacheStore>(sp => new ResilientOutputCacheStore(
            (IOutputCacheStore)(store.ImplementationFactory?.Invoke(sp) ?? store.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, store.ImplementationType!)),
            sp.GetRequiredService<RedisOutage>()));

        services.AddSingleton<EventRelay>();
        services.AddSingleton<Core.Events.IForumEventHandler>(sp => sp.GetRequiredService<EventRelay>());
        services.AddHostedService(sp => sp.GetRequiredService<EventRelay>());

        // Without Redis an instance still serves everything from the database: Degraded, still ready (ForumHealth).
        services.AddHealthChecks().AddCheck("redis", new RedisCheck(redis), HealthStatus.Degraded, [ForumHealth.Ready]);
        return services;
    }
}

/// <summary>
/// Degraded while this instance's connection to Redis is down: the client reconnects by itself, so its state is the
/// answer, and a probe neither waits for a timeout nor writes a stack trace in the log.
/// </summary>
internal sealed class RedisCheck(RedisConnection redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.Multiplexer.IsConnected
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "Redis cannot be reached: live updates between instances pause, rate limits count per instance."));
}
