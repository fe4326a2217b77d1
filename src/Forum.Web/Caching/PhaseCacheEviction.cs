using Forum.Core.Events;
using Forum.Synthesis.Statistics;
using Forum.Synthesis.Syntheses;
using Microsoft.AspNetCore.OutputCaching;

namespace Forum.Web.Caching;

/// <summary>
/// Evicts a phase's cached lists and page on every event about it, whoever caused it: a post, a
/// translation, an edit, a moderator's action, a synthesis published, or the phase opening or closing at its instant.
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
        _ => ValueTask.CompletedTask,
    };
}
