using Forum.Core.Events;
using Forum.Core.Time;
using Forum.Web.Phases;
using Forum.Core.Storage;

namespace Forum.Web.Live;

/// <summary>
/// Wakes at the next opening or closing instant of any phase, or when a phase is saved here, and has the
/// <see cref="PhaseAnnouncer"/> announce what changed. A phase's state follows its dates (docs/decisions/0002),
/// so nothing needs applying at those instants and nothing is lost across a restart. Every instance runs one;
/// the announcer's claim in the database lets one of them announce each change.
/// </summary>
public sealed class PhaseWatcher(IServiceScopeFactory scopes, ForumClock clock, TimeProvider time, PhaseSavedAlarm alarm, StartupGate startup,
    ILogger<PhaseWatcher> logger) : BackgroundService
{
    // The longest sleep: a safety net should a wake-up be missed, and a bound for far-off instants.
    private static readonly TimeSpan LongestSleep = TimeSpan.FromHours(1);

    // 1 from a wake-up until its look is done (and before the first look).
    private int _looking = 1;

    /// <summary>No look running and none asked for: what a phase change asked of the watcher is done (the tests wait for it).</summary>
    public bool IsIdle => Volatile.Read(ref _looking) == 0 && !alarm.IsPoked;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await startup.WaitAsync(stoppingToken))
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = LongestSleep;
            try
            {
                sleep = await LookAsync(stoppingToken);
                Volatile.Write(ref _looking, 0);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not read the phases; trying again in a minute.");
                sleep = TimeSpan.FromMinutes(1);
                Volatile.Write(ref _looking, 0);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            try
            {
                // Whichever comes first: the next instant, or a phase saved.
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = Task.Delay(sleep, time, wake.Token);
                var poked = alarm.WaitAsync(wake.Token);
                await Task.WhenAny(delay, poked);
                Volatile.Write(ref _looking, 1);
                await wake.CancelAsync();
                alarm.Reset();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Announces what changed and returns how long to sleep until the next instant.</summary>
    private async Task<TimeSpan> LookAsync(CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var next = await scope.ServiceProvider.GetRequiredService<PhaseAnnouncer>().AnnounceChangesAsync(cancellation);
        var untilNext = next is { } instant ? instant - clock.UtcNow : LongestSleep;
        return untilNext < LongestSleep ? (untilNext > TimeSpan.Zero ? untilNext : TimeSpan.Zero) : LongestSleep;
    }
}

/// <summary>
/// Wakes the <see cref="PhaseWatcher"/> when a phase is saved. A handler of its own, so that the
/// watcher, which publishes, is not among the publisher's handlers: no dependency goes round in a circle.
/// </summary>
public sealed class PhaseSavedAlarm : Background.WorkAlarm<PhaseSaved>, Scaling.IInstanceEventHandler;
