using StackExchange.Redis;

namespace Forum.Web.Scaling;

/// <summary>
/// The one Redis connection of this instance, shared by the SignalR backplane, the output cache, the rate limits,
/// the leases and the event relay. It never blocks the start and never queues commands while Redis is away:
/// callers fail at once and fall back (docs/decisions/0013-work-done-once.md says what each one does).
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly string _configuration;
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;

    public RedisConnection(string configuration, string keyPrefix)
    {
        _configuration = configuration;
        KeyPrefix = keyPrefix;
        _multiplexer = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(Options("forum")));
    }

    /// <summary>The forum's connection settings, for a connection named <paramref name="clientName"/> unless the setting names one.</summary>
    public ConfigurationOptions Options(string clientName)
    {
        var options = ConfigurationOptions.Parse(_configuration);
        options.AbortOnConnectFail = false;
        // Without this a command waits out its timeout (5 s) while Redis is unreachable; every request would.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName ??= clientName;
        return options;
    }

    /// <summary>Before every key and channel of the forum's: several forums (or test runs) may share one Redis.</summary>
    public string KeyPrefix { get; }

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }
}
