using System.Security.Claims;
using Forum.Core.Errors;
using Forum.Data;
using Forum.Web.Accounts;
using Forum.Web.Authorization;
using Forum.Web.Phases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forum.Web.Live;

/// <summary>
/// Live updates. A page joins the group of the phase it shows and receives what happens there:
/// contributions posted, translated, edited, hidden or restored, statistics, phase opening and closing,
/// syntheses published. Joining follows the same rule as reading the phase through the API, checked
/// against the account as it is now (docs/decisions/0008).
/// </summary>
public sealed class ForumHub(ForumDbContext db, LiveConnections connections, IOptions<IdentityOptions> identity) : Hub<IForumClient>
{
    public const string Path = "/hubs/forum";

    /// <summary>Readers of a phase: they receive its events only while its theme is published.</summary>
    public static string PhaseGroup(int phaseId) => $"phase-{phaseId}";

    /// <summary>The moderation team watching a phase: they receive its events whether or not its theme is published.</summary>
    public static string PhaseTeamGroup(int phaseId) => $"phase-{phaseId}-team";

    // Watching only reads: visitors may follow a public phase; the phase's own reading rule applies.
    [AllowAnonymous]
    public async Task WatchPhase(int phaseId)
    {
        // The connection's principal is the one of its handshake: roles withdrawn since then must not count.
        if (await IsModeratorNowAsync() is not { } isModerator)
        {
            Context.Abort();
            throw new HubException("Your sign-in changed since this connection opened: connect again.");
        }
        try
        {
            await PhaseAccess.RequireReadableAsync(db, phaseId, isModerator);
        }
        catch (ForumException e)
        {
            // The caller gets the reason; other exceptions stay generic, as SignalR does by default.
            throw new HubException(e.Message);
        }
        var group = isModerator ? PhaseTeamGroup(phaseId) : PhaseGroup(phaseId);
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        connections.Watching(Context.ConnectionId, phaseId, group);
    }

    [AllowAnonymous]
    public async Task UnwatchPhase(int phaseId)
    {
        connections.NotWatching(Context.ConnectionId, phaseId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, PhaseGroup(phaseId));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, PhaseTeamGroup(phaseId));
    }

    /// <summary>Whether the caller is on the moderation team, read from the database; null when its ticket no longer speaks for the account.</summary>
    private async Task<bool?> IsModeratorNowAsync()
    {
        var user = Context.User;
        if (user?.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return false;
        }
        var account = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.DeletedAt, u.SecurityStamp }).FirstOrDefaultAsync();
        if (account is null || !SecurityStampCheck.IsCurrent(user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType), account.DeletedAt, account.SecurityStamp))
        {
            return null;
        }
        var roles = await db.UserRoles.Where(r => r.UserId == id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, role) => role.Name).ToListAsync();
        return roles.Any(r => UserExtensions.ModerationRoles.Contains(r));
    }
}

/// <summary>What the server calls on connected pages; each message carries the phase it concerns.</summary>
public interface IForumClient
{
    Task ContributionPosted(LiveMessages.ContributionMessage message);
    Task ContributionTranslated(LiveMessages.ContributionMessage message);
    Task ContributionEdited(LiveMessages.ContributionMessage message);
    Task ContributionHidden(LiveMessages.ContributionMessage message);
    Task ContributionRestored(LiveMessages.ContributionMessage message);
    Task StatisticsChanged(LiveMessages.StatisticsMessage message);
    Task PhaseStateChanged(LiveMessages.PhaseMessage message);
    Task PhaseRescheduled(LiveMessages.PhaseMessage message);
    Task SynthesisPublished(LiveMessages.SynthesisMessage message);
    Task SynthesisUnpublished(LiveMessages.SynthesisMessage message);
    Task AnnouncementPublished(LiveMessages.AnnouncementMessage message);
}
