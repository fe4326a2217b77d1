using System.Text.Json;
using Forum.Core.Events;
using StackExchange.Redis;

namespace Forum.Web.Scaling;

/// <summary>A handler that keeps something of this instance's own (its connections, its watcher) in step, and so must hear the events of every instance.</summary>
public interface IInstanceEventHandler : IForumEventHandler;

/// <summary>
/// Carries to the other instances, through Redis, the events that change what each instance holds for itself: a
/// theme's publication or an account's security (whose live connections to close), a phase saved (when to look at
/// its dates again). Everything else needs no relay: readers on other instances get live messages through the
/// SignalR backplane, and cached pages are evicted in Redis. At most once, as live messages are: a relay lost while
/// Redis is away is made up by the sweep and the watcher's own timers.
/// </summary>
public sealed class EventRelay(RedisConnection redis, IEnumerable<IInstanceEventHandler> handlers, RedisOutage outage, ILogger<EventRelay> logger)
    : BackgroundService, IForumEventHandler
{
    private static readonly Dictionary<string, Type> Relayed = new[] { typeof(ThemePublicationChanged), typeof(AccountSecurityChanged), typeof(PhaseSaved) }
        .ToDictionary(t => t.Name);

    private readonly string _origin = Guid.NewGuid().ToString("N");
    private RedisChannel Channel => RedisChannel.Literal(redis.KeyPrefix + "events");

    public async ValueTask HandleAsync(ForumEvent forumEvent, CancellationToken cancellation)
    {
        var type = forumEvent.GetType();
        if (!Relayed.ContainsKey(type.Name))
        {
            return;
        }
        var message = JsonSerializer.Serialize(new Relay(_origin, type.Name, JsonSerializer.SerializeToElement(forumEvent, type)));
        try
        {
            await redis.Multiplexer.GetSubscriber().PublishAsync(Channel, message);
        }
        catch (Exception e) when (RedisOutage.IsOutage(e))
        {
            outage.Report($"relaying {type.Name} to the other instances", e);
        }
    }

    /// <summary>Subscribes once Redis answers; the client subscribes again by itself after a reconnection.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(Channel);
                queue.OnMessage(async message => await ReceiveAsync(message.Message));
                return;
            }
            catch (Exception e) when (RedisOutage.IsOutage(e))
            {
                outage.Report("subscribing to the other instances' events", e);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private async Task ReceiveAsync(RedisValue message)
    {
        try
        {
            var relay = JsonSerializer.Deserialize<Relay>(message.ToString());
            if (relay is null || relay.Origin == _origin || !Relayed.TryGetValue(relay.Type, out var type)
                || relay.Event.Deserialize(type) is not ForumEvent forumEvent)
            {
                return;
            }
            foreach (var handler in handlers)
            {
                await handler.HandleAsync(forumEvent, CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not read an event relayed by another instance.");
        }
    }

    private sealed record Relay(string Origin, string Type, JsonElement Event);
}
