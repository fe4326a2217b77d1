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

    /// <summary>Evicted when something every list depends on changes (a theme published or withdrawn).</summary>
    public const string AllListsTag = "contribution-lists";

    public static string PhaseTag(int phaseId) => $"phase-{phaseId}-contributions";

    public static IServiceCollection AddContributionListCache(this IServiceCollection services, TimeSpan duration) =>
        services.AddOutputCache(options => options.AddPolicy(PolicyName, policy =>
        {
            if (duration <= TimeSpan.Zero)
            {
                policy.NoCache();
                return;
            }
            policy.SetVaryByQuery("language", "lang", "cursor", "limit", "order", "includeHidden")
                .Expire(duration)
                .Tag(AllListsTag)
                .AddPolicy<PhaseTagPolicy>();
        }));

    public static ValueTask EvictPhaseAsync(this IOutputCacheStore cache, int phaseId) =>
        cache.EvictByTagAsync(PhaseTag(phaseId), CancellationToken.None);

    private sealed class PhaseTagPolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (context.HttpContext.Request.RouteValues.TryGetValue("phaseId", out var id) && int.TryParse(id?.ToString(), out var phaseId))
            {
                context.Tags.Add(PhaseTag(phaseId));
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}
