using System.Threading.RateLimiting;
using Forum.Core.Telemetry;
using Microsoft.AspNetCore.RateLimiting;

namespace Forum.Web.Security;

/// <summary>
/// Which of ASP.NET Core's limits refused a request, for <see cref="ForumMetrics.RateLimitRefused"/>. The refusal context
/// does not say; but the middleware hands a refusal by a policy to that policy's own OnRejected, and to the options'
/// OnRejected only when the global limiter refused. Each gets a handler counting under its own name.
/// </summary>
public static class CountedRefusals
{
    public delegate ValueTask Refusal(OnRejectedContext context, CancellationToken cancellation);

    /// <summary><paramref name="answer"/>, after counting a refusal by <paramref name="limit"/>.</summary>
    public static Func<OnRejectedContext, CancellationToken, ValueTask> Counted(this ForumMetrics metrics, string limit, Refusal answer) =>
        (context, cancellation) =>
        {
            metrics.RateLimitRefused(limit);
            return answer(context, cancellation);
        };

    /// <summary>A policy of <paramref name="partitioner"/>'s partitions whose refusals are counted under <paramref name="limit"/>.</summary>
    public static IRateLimiterPolicy<TKey> CountedPolicy<TKey>(
        this ForumMetrics metrics, string limit, Func<HttpContext, RateLimitPartition<TKey>> partitioner, Refusal answer) =>
        new Policy<TKey>(partitioner, metrics.Counted(limit, answer));

    private sealed class Policy<TKey>(Func<HttpContext, RateLimitPartition<TKey>> partitioner, Func<OnRejectedContext, CancellationToken, ValueTask> onRejected)
        : IRateLimiterPolicy<TKey>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => onRejected;

        public RateLimitPartition<TKey> GetPartition(HttpContext httpContext) => partitioner(httpContext);
    }
}
