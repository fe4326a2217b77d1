using System.Collections.Concurrent;
using System.Threading.Channels;
using Forum.Core;
using Forum.Core.Events;
using Forum.Core.Phases;
using Forum.Core.Storage;
using Forum.Synthesis.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Forum.Synthesis.Summaries;

/// <summary>
/// Recomputes draft summaries in the background, never on a request: a change to a phase queues it,
/// the worker waits a little so a burst of posts costs one computation, then recomputes. On start it
/// catches up with every phase whose drafts are missing or stale, so a restart loses nothing.
/// </summary>
public sealed class DraftSummaryWorker(IServiceScopeFactory scopes, ForumOptions options, TimeProvider time, StartupGate startup, IWorkLeases leases,
    ILogger<DraftSummaryWorker> logger)
    : BackgroundService, IForumEventHandler
{
    private readonly Channel<int> _queue = Channel.CreateUnbounded<int>();
    // Phase → when to compute it. A phase already queued keeps its time, so a steady stream of posts
    // still gets a fresh draft every delay rather than never.
    private readonly ConcurrentDictionary<int, DateTimeOffset> _queued = new();

    // A phase is not recomputed sooner than this many times its last computation after it ended, so a
    // large phase under constant posting spends at most a tenth of the time on its drafts.
    private const int QuietFactor = 10;
    private static readonly TimeSpan RefreshStep = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<int, DateTimeOffset> _earliestNext = new();

    // Phases a moderator asked to recompute: done even if their drafts look current.
    private readonly ConcurrentDictionary<int, bool> _asked = new();

    public ValueTask HandleAsync(ForumEvent forumEvent, CancellationToken cancellation)
    {
        if (forumEvent is StatisticsChanged changed)
        {
            Queue(changed.PhaseId, TimeSpan.FromSeconds(options.SummaryDelaySeconds), afterQuietTime: true);
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Asks for a phase's drafts to be recomputed after <paramref name="delay"/>, and with <paramref name="afterQuietTime"/>
    /// not before the quiet time of its last computation (changes wait, a moderator's refresh does not).
    /// Asking again before it runs keeps the earlier time.
    /// </summary>
    public void Queue(int phaseId, TimeSpan delay = default, bool afterQuietTime = false)
    {
        var due = time.GetUtcNow() + delay;
        if (afterQuietTime && _earliestNext.TryGetValue(phaseId, out var earliest) && earliest > due)
        {
            due = earliest;
        }
        if (_queued.TryAdd(phaseId, due))
        {
            _queue.Writer.TryWrite(phaseId);
            return;
        }
        _queued.AddOrUpdate(phaseId, due, (_, queued) => queued < due ? queued : due);
    }

    /// <summary>A moderator's refresh: now, and computed even if the drafts look current.</summary>
    public void Refresh(int phaseId)
    {
        _asked[phaseId] = true;
        Queue(phaseId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            if (!await startup.WaitAsync(stoppingToken))
            {
                return;
            }
            await CatchUpAsync(stoppingToken);
            await foreach (var phaseId in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                // Waits in short steps, so that a moderator's refresh, which moves the time earlier, is not held up.
                for (var wait = _queued.GetValueOrDefault(phaseId) - time.GetUtcNow(); wait > TimeSpan.Zero; wait = _queued.GetValueOrDefault(phaseId) - time.GetUtcNow())
                {
                    await Task.Delay(wait < RefreshStep ? wait : RefreshStep, time, stoppingToken);
                }
                // Changes arriving from now on queue the phase again.
                _queued.TryRemove(phaseId, out _);
                await ComputeAsync(phaseId, _asked.TryRemove(phaseId, out _), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellation)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var data = scope.ServiceProvider.GetRequiredService<IForumData>();
            var drafts = scope.ServiceProvider.GetRequiredService<DraftSummaries>();
            var phases = await data.Db.Set<Phase>().AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellation);
            foreach (var phaseId in phases)
            {
                if (await drafts.IsOutdatedAsync(phaseId, cancellation))
                {
                    Queue(phaseId);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not check draft summaries on start; changes will queue their phases.");
        }
    }

    /// <summary>
    /// Under the phase's lease, and only if its drafts are outdated (or a moderator asked): of several instances asked
    /// at once (each hears its own changes, and all catch up on start), one computes and the others find it done.
    /// </summary>
    private async Task ComputeAsync(int phaseId, bool evenIfCurrent, CancellationToken cancellation)
    {
        try
        {
            await using var lease = await leases.TakeAsync($"drafts:phase:{phaseId}", cancellation);
            await using var scope = scopes.CreateAsyncScope();
            if (!evenIfCurrent && !await scope.ServiceProvider.GetRequiredService<DraftSummaries>().IsOutdatedAsync(phaseId, cancellation))
            {
                logger.LogInformation("Draft summaries of phase {Phase} are current (computed by another instance).", phaseId);
                return;
            }
            var started = time.GetTimestamp();
            var timings = await scope.ServiceProvider.GetRequiredService<DraftSummaries>().ComputeAsync(phaseId, cancellation);
            var took = time.GetElapsedTime(started);
            _earliestNext[phaseId] = time.GetUtcNow() + took * QuietFactor;
            scope.ServiceProvider.GetRequiredService<Forum.Core.Telemetry.ForumMetrics>().SummaryComputed();
            logger.LogInformation("Draft summaries of phase {Phase} computed: {Timings}", phaseId,
                string.Join("; ", timings.Select(t =>
                    $"{t.Language} {t.Contributions} contributions{(t.Available > t.Contributions ? $" (sampled from {t.Available})" : "")} read in {t.Reading.TotalMilliseconds:F0} ms, summarized in {t.Summarizing.TotalMilliseconds:F0} ms")));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Draft summaries of phase {Phase} failed; the next change will try again.", phaseId);
        }
    }
}
