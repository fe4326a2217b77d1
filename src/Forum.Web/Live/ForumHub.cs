using Forum.Core.Errors;
using Forum.Data;
using Forum.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Forum.Web.Live;

/// <summary>
/// Live updates. A page joins the group of the phase it shows and receives what happens there:
/// contributions posted, translated, edited, hidden or restored, statistics, phase opening and closing,
/// syntheses published. Joining follows the same rule as reading the phase through the API.
/// </summary>
public sealed class ForumHub(ForumDbContext db) : Hub<IForumClient>
{
    public const string Path = "/hubs/forum";

    public static string PhaseGroup(int phaseId) => $"phase-{phaseId}";

    // Watching only reads: visitors may follow a public phase; the phase's own reading rule applies.
    [AllowAnonymous]
    public async Task WatchPhase(int phaseId)
    {
        try
        {
            await PhaseAccess.RequireReadableAsync(db, phaseId, Context.User!);
        }
        catch (ForumException e)
        {
            // The caller gets the reason; other exceptions stay generic, as SignalR does by default.
            throw new HubException(e.Message);
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, PhaseGroup(phaseId));
    }

    [AllowAnonymous]
    public Task UnwatchPhase(int phaseId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, PhaseGroup(phaseId));
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
}
