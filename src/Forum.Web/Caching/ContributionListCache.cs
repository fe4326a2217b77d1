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

    /// <summary>The Atom feeds: several megabytes of HTML each, so built once per change, not once per feed reader.</summary>
    public const string FeedPolicyName = "feed";

    /// <summary>Evicted when something every list depends on changes (a theme published or withdrawn).</summary>
    public const string AllListsTag = "contribution-lists";

    /// <summary>Every query value the API's lists and statistics read.</summary>
    internal static readonly string[] ApiQueryKeys = ["language", "lang", "cursor", "limit", "order", "includeHidden"];

    /// <summary>Every query value the phase page reads: its filter and page, and the live script's card fragment (a handler).</summary>
    internal static readonly string[] PageQueryKeys = ["language", "cursor", "before", "handler", "contributionId"];

    public static string PhaseTag(int phaseId) => $"phase-{phaseId}-contributions";

    public static IServiceCollection AddContributionListCache(this IServiceCollection services)
    {
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<Core.ForumOptions>((options, forum) =>
        {
            // "closes in 3 days" may lag by the cache's duration at most; every change of the phase evicts it at once.
            var duration = TimeSpan.FromSeconds(forum.ListCacheSeconds);
            options.AddPolicy(PolicyName, policy => Configure<ApiListPolicy>(policy, duration, ApiQueryKeys));
            options.AddPolicy(PhasePagePolicyName, policy => Configure<PhasePagePolicy>(policy, duration, PageQueryKeys));
            options.AddPolicy(FeedPolicyName, policy => Configure<FeedPolicy>(policy, duration, []));
        });
        return services;
    }

    private static void Configure<TPolicy>(OutputCachePolicyBuilder policy, TimeSpan duration, string[] queryKeys)
        where TPolicy : IOutputCachePolicy
    {
        if (duration <= TimeSpan.Zero)
        {
            policy.NoCache();
            return;
        }
        policy.SetVaryByQuery(queryKeys).Expire(duration).Tag(AllListsTag).AddPolicy<TPolicy>();
    }

    /// <summary>
    /// Tags the response being cached with phases it shows besides the one in its route (a theme's feed
    /// spans all its phases), so that a change in any of them evicts it.
    /// </summary>
    public static void TagPhases(HttpContext context, IEnumerable<int> phaseIds)
    {
        if (context.Features.Get<IOutputCacheFeature>()?.Context is { } cached)
        {
            foreach (var phaseId in phaseIds)
            {
                cached.Tags.Add(PhaseTag(phaseId));
            }
        }
    }

    public static ValueTask EvictPhaseAsync(this IOutputCacheStore cache, int phaseId) =>
        cache.EvictByTagAsync(PhaseTag(phaseId), CancellationToken.None);

    /// <summary>
    /// Tags an entry with its phase (the API names it "phaseId" in its routes, the page "id"), and keeps
    /// a cached entry exactly what its URL asks for: the key varies by every query value the endpoint
    /// reads, and a request carrying any other query value is neither served from nor stored in the
    /// cache. A fragment (the page's card handler) can then never stand in for the page, and a query
    /// the endpoint might read in future cannot silently share an entry.
    /// </summary>
    private sealed class ApiListPolicy() : PhaseListPolicy("phaseId", ApiQueryKeys);

    private sealed class PhasePagePolicy() : PhaseListPolicy("id", PageQueryKeys);

    // A feed reads no query value at all: whatever query comes with it, the feed is the same, so the query is left out of the key.
    private sealed class FeedPolicy() : PhaseListPolicy("id", [], queryMatters: false);

    private abstract class PhaseListPolicy(string routeKey, string[] queryKeys, bool queryMatters = true) : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var request = context.HttpContext.Request;
            foreach (var key in queryMatters ? request.Query.Keys : [])
            {
                if (!queryKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    context.AllowCacheLookup = false;
                    context.AllowCacheStorage = false;
                    return ValueTask.CompletedTask;
                }
            }
            if (request.RouteValues.TryGetValue(routeKey, out var id) && int.TryParse(id?.ToString(), out var phaseId))
            {
                context.Tags.Add(PhaseTag(phaseId));
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}
