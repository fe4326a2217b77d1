using Forum.Core.Events;
using Forum.Data;
using Forum.Web.Accounts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Live;

/// <summary>
/// A hub connection keeps the principal of its handshake for as long as it stays open. This sweep
/// holds this process's connections to the database as it is now: it closes those whose ticket expired,
/// whose account was deleted or whose security stamp changed (roles withdrawn, password changed), and
/// takes out of each phase's group the connections that may no longer read it (theme withdrawn). It runs
/// at once when an account's stamp or a theme's publication changes here, and every minute for changes
/// made elsewhere and for expiries. SignalR's CloseOnAuthenticationExpiration is not used: it compares
/// with the machine's clock, while tickets are issued on the forum's (docs/decisions/0008).
/// </summary>
public sealed class LiveAccessSweep(LiveConnections connections, IHubContext<ForumHub, IForumClient> hub, IServiceScopeFactory scopes,
    TimeProvider time, ILogger<LiveAccessSweep> logger) : BackgroundService, Scaling.IInstanceEventHandler
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _poke = new(0);

    public ValueTask HandleAsync(ForumEvent forumEvent, CancellationToken cancellation)
    {
        if (forumEvent is ThemePublicationChanged or AccountSecurityChanged)
        {
            _poke.Release();
        }
        return ValueTask.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(Task.Delay(Interval, time, wake.Token), _poke.WaitAsync(wake.Token));
                await wake.CancelAsync();
                while (_poke.CurrentCount > 0)
                {
                    await _poke.WaitAsync(stoppingToken);
                }
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not check the live connections; trying again at the next sweep.");
            }
        }
    }

    /// <summary>One pass over this process's connections: two queries, whatever their number.</summary>
    public async Task SweepAsync(CancellationToken cancellation = default)
    {
        var live = connections.Snapshot();
        if (live.Count == 0)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
        var userIds = live.Select(c => c.UserId).OfType<string>().Distinct().ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DeletedAt, u.SecurityStamp }).ToDictionaryAsync(u => u.Id, cancellation);
        var phaseIds = live.SelectMany(c => c.Watched.Keys).Distinct().ToList();
        var published = await db.Phases.AsNoTracking().Where(p => phaseIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Theme!.IsPublished }).ToDictionaryAsync(p => p.Id, p => p.IsPublished, cancellation);

        var now = time.GetUtcNow();
        foreach (var connection in live)
        {
            if (connection.ExpiresAt <= now || (connection.UserId is { } userId
                && !(accounts.TryGetValue(userId, out var account) && SecurityStampCheck.IsCurrent(connection.Stamp, account.DeletedAt, account.SecurityStamp))))
            {
                // The page reconnects (phase-live.js) with what the browser holds now, and watches again under today's rules.
                connection.Context.Abort();
                continue;
            }
            foreach (var (phaseId, group) in connection.Watched)
            {
                if (!published.TryGetValue(phaseId, out var isPublished) || !Core.Phases.PhaseVisibility.CanRead(isPublished, connection.IsModerator))
                {
                    connections.NotWatching(connection.Context.ConnectionId, phaseId);
                    await hub.Groups.RemoveFromGroupAsync(connection.Context.ConnectionId, group, cancellation);
                }
            }
        }
    }
}
