using StackExchange.Redis;

namespace Forum.Web.Scaling;

/// <summary>
/// Says in the log that Redis cannot be reached, once a minute at most and without a stack trace: while it is away
/// every request would otherwise add lines for a condition the forum expects and serves through (README, "Running
/// several instances"). Every part that uses Redis reports its failures here.
/// </summary>
public sealed class RedisOutage(ILogger<RedisOutage> logger)
{
    private static readonly long Interval = (long)TimeSpan.FromMinutes(1).TotalMilliseconds;

    private long _lastReport = long.MinValue;
    private int _since;

    /// <summary>Whether <paramref name="failure"/> is Redis being away (a timeout or a lost connection included).</summary>
    public static bool IsOutage(Exception failure) =>
        failure is RedisException or RedisTimeoutException || failure.InnerException is RedisException;

    public void Report(string what, Exception failure)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastReport);
        if (now - last < Interval || Interlocked.CompareExchange(ref _lastReport, now, last) != last)
        {
            Interlocked.Increment(ref _since);
            return;
        }
        var others = Interlocked.Exchange(ref _since, 0);
        logger.LogWarning("Redis cannot be reached ({What}: {Message}); {Others} other failures since the last report. "
            + "The forum serves from its database; live updates between instances pause and rate limits count per instance.", what, failure.Message, others);
    }
}
