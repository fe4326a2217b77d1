using Microsoft.AspNetCore.OutputCaching;

namespace Forum.Web.Caching;

/// <summary>
/// Pages of a phase's contribution list are read far more often than they change, so anonymous
/// reads are served from the output cache. Each cached page is tagged with its phase; every change
/// to that phase's contributions evicts the tag, so a reader never sees a stale list.
/// Signed-in requests (moderators' views of hidden posts among them) are never cached.
/// </summary>
public static class ContributionListCache
{
    public const string PolicyName = "contribution-list";

    /// <summary>The phase page for anonymous readers: the same phase tag, so it is evicted with the lists.</summary>
    public const string PhasePagePolicyName = "phase-page";

    /// <summary>Evicted when something every list depends on changes (a theme published or withdrawn).</summary>
    public const string AllListsTag = "contribution-lists";

    public static string PhaseTag(int phaseId) => $"phase-{phaseId}-contributions";

    public static IServiceCollection AddContributionListCache(this IServiceCollection services, TimeSpan duration) =>
        services.AddOutputCache(options =>
        {
            options.AddPolicy(PolicyName, policy =>
            {
                if (duration <= TimeSpan.Zero)
                {
                    policy.NoCache();
                    return;
                }
                policy.SetVaryByQuery("language", "lang", "cursor", "limit", "order", "includeHidden")
                    .Expire(duration)
                    .Tag(AllListsTag)
                    .AddPolicy<ApiPhaseTag>();
            });
            options.AddPolicy(PhasePagePolicyName, policy =>
            {
                if (duration <= TimeSpan.Zero)
                {
                    policy.NoCache();
                    return;
                }
                // "closes in 3 days" may lag by the cache's duration at most; every change of the phase evicts it at once.
                policy.SetVaryByQuery("language", "cursor")
                    .Expire(duration)
                    .Tag(AllListsTag)
                    .AddPolicy<PagePhaseTag>();
            });
        });

    public static ValueTask EvictPhaseAsync(this IOutputCacheStore cache, int phaseId) =>
        cache.EvictByTagAsync(PhaseTag(phaseId), CancellationToken.None);

    // The API names the phase "phaseId" in its routes, the page "id".
    private sealed class ApiPhaseTag() : PhaseTagPolicy("phaseId");

    private sealed class PagePhaseTag() : PhaseTagPolicy("id");

    private abstract class PhaseTagPolicy(string routeKey) : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (context.HttpContext.Request.RouteValues.TryGetValue(routeKey, out var id) && int.TryParse(id?.ToString(), out var phaseId))
            {
                context.Tags.Add(PhaseTag(phaseId));
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}
