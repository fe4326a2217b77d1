using System.Collections.Concurrent;
using System.Security.Claims;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Forum.Web.Live;

/// <summary>
/// The hub connections of this process, with whom they were opened for and which phases they watch, so
/// that <see cref="LiveAccessSweep"/> can close or trim them. Each process only ever holds its own
/// sockets, so this map stays right with several instances behind a backplane: each sweeps its own.
/// </summary>
public sealed class LiveConnections
{
    public sealed class Connection(HubCallerContext context, string? userId, string? stamp, bool isModerator, DateTimeOffset? expiresAt)
    {
        public HubCallerContext Context { get; } = context;
        public string? UserId { get; } = userId;
        public string? Stamp { get; } = stamp;

        /// <summary>When the ticket of the handshake (bearer token or cookie) expires, on the forum's clock.</summary>
        public DateTimeOffset? ExpiresAt { get; } = expiresAt;

        /// <summary>From the connection's ticket: true only while <see cref="Stamp"/> is the account's (role changes rotate it).</summary>
        public bool IsModerator { get; } = isModerator;

        /// <summary>Watched phases and the group each was joined through.</summary>
        public ConcurrentDictionary<int, string> Watched { get; } = new();
    }

    private readonly ConcurrentDictionary<string, Connection> _all = new();

    public void Opened(HubCallerContext context, string? stampClaimType)
    {
        var user = context.User ?? new ClaimsPrincipal();
        var signedIn = user.Identity?.IsAuthenticated == true;
        _all[context.ConnectionId] = new Connection(context,
            signedIn ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null,
            signedIn && stampClaimType is not null ? user.FindFirstValue(stampClaimType) : null,
            signedIn && user.IsModerator(),
            signedIn ? context.GetHttpContext()?.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.ExpiresUtc : null);
    }

    public void Closed(string connectionId) => _all.TryRemove(connectionId, out _);

    public void Watching(string connectionId, int phaseId, string group)
    {
        if (_all.TryGetValue(connectionId, out var connection))
        {
            connection.Watched[phaseId] = group;
        }
    }

    public void NotWatching(string connectionId, int phaseId)
    {
        if (_all.TryGetValue(connectionId, out var connection))
        {
            connection.Watched.TryRemove(phaseId, out _);
        }
    }

    public IReadOnlyList<Connection> Snapshot() => _all.Values.ToList();
}

/// <summary>Keeps <see cref="LiveConnections"/> up to date as connections open and close.</summary>
public sealed class LiveConnectionsFilter(LiveConnections connections, IOptions<IdentityOptions> identity) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        connections.Opened(context.Context, identity.Value.ClaimsIdentity.SecurityStampClaimType);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        connections.Closed(context.Context.ConnectionId);
        await next(context, exception);
    }
}
