using System.Threading.Channels;
using Forum.Core.Events;
using Forum.Core.Languages;
using Forum.Core.Telemetry;
using Forum.Core.Time;
using Forum.Synthesis.Statistics;
using Forum.Synthesis.Syntheses;
using Forum.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.SignalR;

namespace Forum.Web.Live;

/// <summary>
/// Pushes forum events to the pages watching each phase. Events are queued and sent by a background
/// loop, so a request never waits for the push; statistics of a phase changed several times in a
/// row are read and sent once.
/// </summary>
public sealed class LiveUpdates(IHubContext<ForumHub, IForumClient> hub, IServiceScopeFactory scopes, ForumClock clock, ForumMetrics metrics,
    Scaling.RedisOutage outage, ILogger<LiveUpdates> logger)
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
        Func<int, IForumClient> audience;
        try
        {
            audience = await AudiencesAsync(batch);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not read who may follow the phases of {Count} events; they are not pushed.", batch.Count);
            return;
        }
        foreach (var forumEvent in batch.Where(e => e is not StatisticsChanged))
        {
            try
            {
                await SendOneAsync(forumEvent, audience);
            }
            catch (Exception e) when (Scaling.RedisOutage.IsOutage(e))
            {
                outage.Report("live messages", e);
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
                await SendStatisticsAsync(phaseId, audience);
            }
            catch (Exception e) when (Scaling.RedisOutage.IsOutage(e))
            {
                outage.Report("live messages", e);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not push the statistics of phase {Phase}.", phaseId);
            }
        }
    }

    /// <summary>
    /// Who hears of each phase, decided when the event leaves, from the database: the moderation team
    /// always, readers only while the theme is published. A theme withdrawn a moment ago is silent at once,
    /// whichever instance its readers are connected to.
    /// </summary>
    private async Task<Func<int, IForumClient>> AudiencesAsync(List<ForumEvent> batch)
    {
        var phaseIds = batch.Select(PhaseOf).OfType<int>().Distinct().ToList();
        await using var scope = scopes.CreateAsyncScope();
        var published = await scope.ServiceProvider.GetRequiredService<ForumDbContext>().Phases.AsNoTracking()
            .Where(p => phaseIds.Contains(p.Id)).Select(p => new { p.Id, p.Theme!.IsPublished })
            .ToDictionaryAsync(p => p.Id, p => p.IsPublished);
        return id => Core.Phases.PhaseVisibility.CanRead(published.GetValueOrDefault(id), isModerator: false)
            ? hub.Clients.Groups(ForumHub.PhaseGroup(id), ForumHub.PhaseTeamGroup(id))
            : hub.Clients.Group(ForumHub.PhaseTeamGroup(id));
    }

    private static int? PhaseOf(ForumEvent forumEvent) => forumEvent switch
    {
        ContributionPosted e => e.PhaseId,
        ContributionTranslated e => e.PhaseId,
        ContributionEdited e => e.PhaseId,
        ContributionHidden e => e.PhaseId,
        ContributionRestored e => e.PhaseId,
        StatisticsChanged e => e.PhaseId,
        PhaseStateChanged e => e.PhaseId,
        PhaseRescheduled e => e.PhaseId,
        SynthesisPublished e => e.PhaseId,
        SynthesisUnpublished e => e.PhaseId,
        AnnouncementPublished e => e.PhaseId,
        _ => null,
    };

    private async Task SendOneAsync(ForumEvent forumEvent, Func<int, IForumClient> phase)
    {
        var (kind, sending) = forumEvent switch
        {
            ContributionPosted e => (nameof(IForumClient.ContributionPosted),
                phase(e.PhaseId).ContributionPosted(new(e.PhaseId, e.ContributionId, e.ParentId, e.Languages))),
            ContributionTranslated e => (nameof(IForumClient.ContributionTranslated),
                phase(e.PhaseId).ContributionTranslated(new(e.PhaseId, e.ContributionId, null, e.Languages))),
            ContributionEdited e => (nameof(IForumClient.ContributionEdited),
                phase(e.PhaseId).ContributionEdited(new(e.PhaseId, e.ContributionId, null, [e.Language]))),
            ContributionHidden e => (nameof(IForumClient.ContributionHidden),
                phase(e.PhaseId).ContributionHidden(new(e.PhaseId, e.ContributionId, null, []))),
            ContributionRestored e => (nameof(IForumClient.ContributionRestored),
                phase(e.PhaseId).ContributionRestored(new(e.PhaseId, e.ContributionId, null, []))),
            PhaseStateChanged e => (nameof(IForumClient.PhaseStateChanged),
                phase(e.PhaseId).PhaseStateChanged(new(e.PhaseId, e.State, clock.ToLocal(e.OpensAt), clock.ToLocal(e.ClosesAt)))),
            PhaseRescheduled e => (nameof(IForumClient.PhaseRescheduled),
                phase(e.PhaseId).PhaseRescheduled(new(e.PhaseId, e.State, clock.ToLocal(e.OpensAt), clock.ToLocal(e.ClosesAt)))),
            SynthesisPublished e => (nameof(IForumClient.SynthesisPublished),
                phase(e.PhaseId).SynthesisPublished(new(e.PhaseId, e.SynthesisId, e.Number, e.Languages))),
            SynthesisUnpublished e => (nameof(IForumClient.SynthesisUnpublished),
                phase(e.PhaseId).SynthesisUnpublished(new(e.PhaseId, e.SynthesisId, e.Number, []))),
            AnnouncementPublished e => (nameof(IForumClient.AnnouncementPublished), SendAnnouncementAsync(e, phase)),
            // Events readers are not told of.
            _ => (null, Task.CompletedTask),
        };
        await sending;
        if (kind is not null)
        {
            metrics.LiveMessageSent(kind);
        }
    }

    /// <summary>
    /// The theme page has no live connection; the readers of the announced phase's page are told, with a banner
    /// leading to the announcement on the theme page.
    /// </summary>
    private async Task SendAnnouncementAsync(AnnouncementPublished announced, Func<int, IForumClient> audience)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
        var slug = await db.Themes.AsNoTracking().Where(t => t.Id == announced.ThemeId).Select(t => t.Slug).FirstOrDefaultAsync();
        var titles = await db.OpeningAnnouncements.AsNoTracking().Where(a => a.Id == announced.AnnouncementId)
            .SelectMany(a => a.Texts).ToDictionaryAsync(t => t.Language, t => t.Title);
        if (slug is null || titles.Count == 0)
        {
            return;
        }
        await audience(announced.PhaseId).AnnouncementPublished(new(announced.PhaseId, announced.AnnouncementId, slug, titles));
    }

    private async Task SendStatisticsAsync(int phaseId, Func<int, IForumClient> audience)
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
        // A closed phase's counts are final: its sentence says so, as the page does.
        var phase = await services.GetRequiredService<ForumDbContext>().Phases.AsNoTracking().FirstOrDefaultAsync(p => p.Id == phaseId);
        var final = phase?.StateAt(clock.UtcNow) == Core.Phases.PhaseState.Closed;
        await audience(phaseId).StatisticsChanged(new(phaseId, s.Contributions, s.Replies, s.Contributors, s.Combinations,
            languages.Codes.ToDictionary(c => c, c => sentences.Statistics(s, c, languages.Codes, final))));
        metrics.LiveMessageSent(nameof(IForumClient.StatisticsChanged));
    }
}
