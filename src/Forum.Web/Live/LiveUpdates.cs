using System.Threading.Channels;
using Forum.Core.Events;
using Forum.Core.Languages;
using Forum.Core.Time;
using Forum.Synthesis.Statistics;
using Forum.Synthesis.Syntheses;
using Microsoft.AspNetCore.SignalR;

namespace Forum.Web.Live;

/// <summary>
/// Pushes forum events to the pages watching each phase. Events are queued and sent by a background
/// loop, so a request never waits for the push; statistics of a phase changed several times in a
/// row are read and sent once.
/// </summary>
public sealed class LiveUpdates(IHubContext<ForumHub, IForumClient> hub, IServiceScopeFactory scopes, ForumClock clock, ILogger<LiveUpdates> logger)
    : BackgroundService, IForumEventHandler
{
    private readonly Channel<ForumEvent> _queue = Channel.CreateUnbounded<ForumEvent>(new UnboundedChannelOptions { SingleReader = true });

    public ValueTask HandleAsync(ForumEvent forumEvent, CancellationToken cancellation)
    {
        _queue.Writer.TryWrite(forumEvent);
        return ValueTask.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ForumEvent>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (_queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }
                await SendAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(List<ForumEvent> batch)
    {
        foreach (var forumEvent in batch.Where(e => e is not StatisticsChanged))
        {
            try
            {
                await SendOneAsync(forumEvent);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not push {Event}.", forumEvent);
            }
        }
        foreach (var phaseId in batch.OfType<StatisticsChanged>().Select(s => s.PhaseId).Distinct())
        {
            try
            {
                await SendStatisticsAsync(phaseId);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not push the statistics of phase {Phase}.", phaseId);
            }
        }
    }

    private Task SendOneAsync(ForumEvent forumEvent)
    {
        IForumClient Phase(int id) => hub.Clients.Group(ForumHub.PhaseGroup(id));
        return forumEvent switch
        {
            ContributionPosted e => Phase(e.PhaseId).ContributionPosted(new(e.PhaseId, e.ContributionId, e.ParentId, e.Languages)),
            ContributionTranslated e => Phase(e.PhaseId).ContributionTranslated(new(e.PhaseId, e.ContributionId, null, e.Languages)),
            ContributionEdited e => Phase(e.PhaseId).ContributionEdited(new(e.PhaseId, e.ContributionId, null, [e.Language])),
            ContributionHidden e => Phase(e.PhaseId).ContributionHidden(new(e.PhaseId, e.ContributionId, null, [])),
            ContributionRestored e => Phase(e.PhaseId).ContributionRestored(new(e.PhaseId, e.ContributionId, null, [])),
            PhaseStateChanged e => Phase(e.PhaseId).PhaseStateChanged(new(e.PhaseId, e.State, clock.ToLocal(e.OpensAt), clock.ToLocal(e.ClosesAt))),
            PhaseRescheduled e => Phase(e.PhaseId).PhaseRescheduled(new(e.PhaseId, e.State, clock.ToLocal(e.OpensAt), clock.ToLocal(e.ClosesAt))),
            SynthesisPublished e => Phase(e.PhaseId).SynthesisPublished(new(e.PhaseId, e.SynthesisId, e.Number, e.Languages)),
            SynthesisUnpublished e => Phase(e.PhaseId).SynthesisUnpublished(new(e.PhaseId, e.SynthesisId, e.Number, [])),
            _ => Task.CompletedTask,
        };
    }

    private async Task SendStatisticsAsync(int phaseId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (await services.GetRequiredService<StatisticsReader>().ForPhaseAsync(phaseId) is not { } subject)
        {
            return;
        }
        var s = subject.Statistics;
        var languages = services.GetRequiredService<ForumLanguages>();
        var sentences = services.GetRequiredService<LanguageSentences>();
        await hub.Clients.Group(ForumHub.PhaseGroup(phaseId)).StatisticsChanged(new(phaseId, s.Contributions, s.Replies, s.Contributors, s.Combinations,
            languages.Codes.ToDictionary(c => c, c => sentences.Statistics(s, c, languages.Codes))));
    }
}
