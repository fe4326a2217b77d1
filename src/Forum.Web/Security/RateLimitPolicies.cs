using System.Security.Claims;
using System.Threading.RateLimiting;
using Forum.Core;
using Forum.Core.Errors;
using Forum.Core.Telemetry;
using Forum.Web.Authorization;
using Forum.Web.Errors;
using Forum.Web.Scaling;
using Microsoft.AspNetCore.RateLimiting;

namespace Forum.Web.Security;

/// <summary>
/// Per-user limits, shared by the API and the pages: one on writing (contributions, replies,
/// translations), one on reporting; and per-address limits through ASP.NET Core's rate limiter: on
/// every request that changes something, and a tighter one on log-in and registration attempts (not on showing their pages). A refusal is a 429 with Retry-After and a ProblemDetails body.
/// </summary>
public abstract class UserLimiter(RateLimitStore store, string limit, int permitsPerMinute, ForumMetrics metrics) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _limiter =
        PartitionedRateLimiter.Create<string, string>(user => store.PerMinute(limit, user, permitsPerMinute));

    /// <summary>Takes one permit from the user's allowance, or refuses with when to try again.</summary>
    public async Task CheckAsync(ClaimsPrincipal user)
    {
        using var lease = await _limiter.AcquireAsync(user.Id());
        if (!lease.IsAcquired)
        {
            metrics.RateLimitRefused(limit);
            throw ForumException.RateLimited(lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window);
        }
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>Contributions, replies and translations per user.</summary>
public sealed class WriteLimiter(RateLimitStore store, ForumOptions options, ForumMetrics metrics)
    : UserLimiter(store, "writes", options.RateLimits.WritesPerMinute, metrics);

/// <summary>Reports per user, apart from writing: reporting a wave of spam must not stop someone from posting.</summary>
public sealed class ReportLimiter(RateLimitStore store, ForumOptions options, ForumMetrics metrics)
    : UserLimiter(store, "reports", options.RateLimits.ReportsPerMinute, metrics);

/// <summary>The per-address limits of ASP.NET Core's rate limiter, the per-user limiters, and the answer past a limit.</summary>
public static class RateLimitPolicies
{
    public const string AccountPolicy = "accounts";

    /// <summary>So many permits a minute for each client address (see <see cref="ClientAddressKey"/>).</summary>
    private static RateLimitPartition<string> PerAddress(RateLimitStore store, string limit, HttpContext context, int permitsPerMinute) =>
        store.PerMinute(limit, ClientAddressKey.For(context), permitsPerMinute);

    private static bool IsPageView(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null;

    public static IServiceCollection AddForumRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<WriteLimiter>();
        services.AddSingleton<ReportLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<ForumOptions, RateLimitStore, ForumMetrics>((limiter, options, store, metrics) =>
        {
            var limits = options.RateLimits;
            // Reading is never limited here (the output cache carries it); anything else counts against the sender's address.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("reading")
                    : PerAddress(store, "address-writes", context, limits.WritesPerAddressPerMinute));
            // Attempts count (form posts, API calls); showing the log-in or registration form does not, or reading it would lock people out.
            limiter.AddPolicy(AccountPolicy, metrics.CountedPolicy("accounts", context => IsPageView(context)
                ? RateLimitPartition.GetNoLimiter("page-view")
                : PerAddress(store, "address-accounts", context, limits.AccountAttemptsPerMinute), AnswerAsync));
            limiter.OnRejected = metrics.Counted("address", AnswerAsync);
            static async ValueTask AnswerAsync(OnRejectedContext context, CancellationToken _)
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var refusal = ForumException.RateLimited(retryAfter);
                if (ErrorPages.IsPageRequest(context.HttpContext.Request))
                {
                    // Status and Retry-After only: the error pages write the page in the person's language.
                    ForumProblems.SetStatus(context.HttpContext.Response, refusal);
                    return;
                }
                await ForumProblems.WriteAsync(context.HttpContext, refusal);
            }
        });
        return services;
    }
}
