using Forum.Core.Events;
using Forum.Core.Phases;
using Forum.Core.Time;
using Forum.Data;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Live;

/// <summary>
/// Tells pages when a phase opens or closes. A phase's state follows its dates (docs/decisions/0002),
/// so nothing needs applying at those instants and nothing is lost across a restart; this service
/// wakes at the next opening or closing instant, or when a phase is saved, compares every phase with
/// what it saw last, and raises the changes.
/// </summary>
public sealed class PhaseWatcher(IServiceScopeFactory scopes, ForumClock clock, TimeProvider time, PhaseSavedAlarm alarm, ForumEventPublisher events,
    ILogger<PhaseWatcher> logger) : BackgroundService
{
    private sealed record Seen(PhaseState State, DateTime OpensAt, DateTime ClosesAt);

    // The longest sleep: a safety net should a wake-up be missed, and a bound for far-off instants.
    private static readonly TimeSpan LongestSleep = TimeSpan.FromHours(1);

    private Dictionary<int, Seen>? _seen;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = LongestSleep;
            try
            {
                sleep = await LookAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not read the phases; trying again in a minute.");
                sleep = TimeSpan.FromMinutes(1);
            }
            try
            {
                // Whichever comes first: the next instant, or a phase saved.
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = Task.Delay(sleep, time, wake.Token);
                var poked = alarm.WaitAsync(wake.Token);
                await Task.WhenAny(delay, poked);
                await wake.CancelAsync();
                await alarm.ResetAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Raises what changed since the last look and returns how long to sleep until the next instant.</summary>
    private async Task<TimeSpan> LookAsync(CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
        var phases = await db.Phases.AsNoTracking().Select(p => new { p.Id, p.OpensAt, p.ClosesAt }).ToListAsync(cancellation);
        var now = clock.UtcNow;
        var seen = phases.ToDictionary(p => p.Id, p => new Seen(new PhaseSchedule(p.OpensAt, p.ClosesAt).StateAt(now), p.OpensAt, p.ClosesAt));
        if (_seen is not null)
        {
            foreach (var (id, current) in seen.OrderBy(s => s.Key))
            {
                if (!_seen.TryGetValue(id, out var before) || before.State != current.State)
                {
                    await events.PublishAsync(new PhaseStateChanged(id, current.State, current.OpensAt, current.ClosesAt), cancellation);
                }
                else if (before.OpensAt != current.OpensAt || before.ClosesAt != current.ClosesAt)
                {
                    await events.PublishAsync(new PhaseRescheduled(id, current.State, current.OpensAt, current.ClosesAt), cancellation);
                }
            }
        }
        _seen = seen;

        var next = phases.SelectMany(p => new[] { p.OpensAt, p.ClosesAt }).Where(t => t > now).DefaultIfEmpty(DateTime.MaxValue).Min();
        var untilNext = next == DateTime.MaxValue ? LongestSleep : next - now;
        return untilNext < LongestSleep ? untilNext : LongestSleep;
    }
}

/// <summary>
/// Wakes the <see cref="PhaseWatcher"/> when a phase is saved. A handler of its own, so that the
/// watcher, which publishes, is not among the publisher's handlers: no dependency goes round in a circle.
/// </summary>
public sealed class PhaseSavedAlarm : IForumEventHandler
{
    private readonly SemaphoreSlim _poke = new(0);

    public ValueTask HandleAsync(ForumEvent forumEvent, CancellationToken cancellation)
    {
        if (forumEvent is PhaseSaved)
        {
            _poke.Release();
        }
        return ValueTask.CompletedTask;
    }

    public Task WaitAsync(CancellationToken cancellation) => _poke.WaitAsync(cancellation);

    /// <summary>Several saves while the watcher looked are one reason to look again.</summary>
    public async Task ResetAsync(CancellationToken cancellation)
    {
        while (_poke.CurrentCount > 0)
        {
            await _poke.WaitAsync(cancellation);
        }
    }
}
