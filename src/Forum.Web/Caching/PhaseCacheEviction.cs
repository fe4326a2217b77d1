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
public sealed class PhaseCacheEviction(IOutputCacheStore cache) : IForumEventHandler
{
    public ValueTask HandleAsync(ForumEvent forumEvent, CancellationToken cancellation) => forumEvent switch
    {
        ContributionPosted e => cache.EvictPhaseAsync(e.PhaseId),
        ContributionTranslated e => cache.EvictPhaseAsync(e.PhaseId),
        ContributionEdited e => cache.EvictPhaseAsync(e.PhaseId),
        ContributionHidden e => cache.EvictPhaseAsync(e.PhaseId),
        ContributionRestored e => cache.EvictPhaseAsync(e.PhaseId),
        StatisticsChanged e => cache.EvictPhaseAsync(e.PhaseId),
        // A new phase joins its theme's feed, which was tagged only with the phases it had.
        PhaseSaved => cache.EvictByTagAsync(ContributionListCache.AllListsTag, CancellationToken.None),
        PhaseStateChanged e => cache.EvictPhaseAsync(e.PhaseId),
        PhaseRescheduled e => cache.EvictPhaseAsync(e.PhaseId),
        SynthesisPublished e => cache.EvictPhaseAsync(e.PhaseId),
        SynthesisUnpublished e => cache.EvictPhaseAsync(e.PhaseId),
        // Its titles and whether it is published show in lists and feeds; themes change rarely.
        ThemeChanged => cache.EvictByTagAsync(ContributionListCache.AllListsTag, CancellationToken.None),
        // The name shows beside everything its author wrote, in any phase; names change rarely.
        AuthorRenamed => cache.EvictByTagAsync(ContributionListCache.AllListsTag, CancellationToken.None),
        _ => ValueTask.CompletedTask,
    };
}
