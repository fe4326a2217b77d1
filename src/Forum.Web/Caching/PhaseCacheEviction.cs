using Forum.Core.Events;
using Forum.Synthesis.Statistics;
using Forum.Synthesis.Syntheses;
using Microsoft.AspNetCore.OutputCaching;

namespace Forum.Web.Caching;

/// <summary>
/// The one place where cached pages, lists and feeds are evicted: on every event about what they show,
/// whoever caused it: a post, a translation, an edit, a moderator's action, a synthesis published, the
/// phase opening or closing at its instant, a theme changed, an author renamed. Events leave after the
/// commit, so nothing stale is cached again from a transaction still open.
/// </summary>
public sealed class PhaseCacheEviction(IOutputCacheStore cache) : IForumEventBatchHandler
{
    public ValueTask HandleAsync(ForumEvent forumEvent, CancellationToken cancellation) => HandleAsync([forumEvent], cancellation);

    /// <summary>A change raises several events about the same pages (a post changes the counts too): each tag is evicted once.</summary>
    public async ValueTask HandleAsync(IReadOnlyList<ForumEvent> forumEvents, CancellationToken cancellation)
    {
        foreach (var tag in forumEvents.Select(TagOf).OfType<string>().Distinct())
        {
            await cache.EvictByTagAsync(tag, CancellationToken.None);
        }
    }

    private static string? TagOf(ForumEvent forumEvent) => forumEvent switch
    {
        ContributionPosted e => ContributionListCache.PhaseTag(e.PhaseId),
        ContributionTranslated e => ContributionListCache.PhaseTag(e.PhaseId),
        ContributionEdited e => ContributionListCache.PhaseTag(e.PhaseId),
        ContributionHidden e => ContributionListCache.PhaseTag(e.PhaseId),
        ContributionRestored e => ContributionListCache.PhaseTag(e.PhaseId),
        StatisticsChanged e => ContributionListCache.PhaseTag(e.PhaseId),
        // A new phase joins its theme's feed, which was tagged only with the phases it had.
        PhaseSaved => ContributionListCache.AllListsTag,
        PhaseStateChanged e => ContributionListCache.PhaseTag(e.PhaseId),
        PhaseRescheduled e => ContributionListCache.PhaseTag(e.PhaseId),
        // The theme's feed, tagged with its phases, carries the announcement.
        AnnouncementPublished e => ContributionListCache.PhaseTag(e.PhaseId),
        SynthesisPublished e => ContributionListCache.PhaseTag(e.PhaseId),
        SynthesisUnpublished e => ContributionListCache.PhaseTag(e.PhaseId),
        // Its titles and whether it is published show in lists and feeds; themes change rarely.
        ThemeChanged => ContributionListCache.AllListsTag,
        // The name shows beside everything its author wrote, in any phase; names change rarely.
        AuthorRenamed => ContributionListCache.AllListsTag,
        _ => null,
    };
}
