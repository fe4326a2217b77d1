using Forum.Web.Api;
using Forum.Web.Feeds;
using Forum.Web.Health;
using Forum.Web.Live;
using Forum.Web.Notifications;
using Forum.Web.Pages;

namespace Forum.Web.Extensions;

public static class ForumEndpoints
{
    /// <summary>Every route of the forum: the OpenAPI document, the pages and feeds, the API and the live hub.</summary>
    public static WebApplication MapForumEndpoints(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapCultureRoot();
        app.MapRazorPages();
        app.MapFeeds();
        app.MapForumApi();
        app.MapAccountsApi();
        app.MapPrivacyApi();
        app.MapThemesApi();
        app.MapPhasesApi();
        app.MapContributionsApi();
        app.MapMachineTranslationApi();
        app.MapEditsApi();
        app.MapReportsApi();
        app.MapMailApi();
        app.MapStatisticsApi();
        app.MapSynthesesApi();
        app.MapExportsApi();
        app.MapDraftSummariesApi();
        app.MapNotificationsApi();
        app.MapTranslationDeskApi();
        app.MapHub<ForumHub>(ForumHub.Path);
        app.MapForumHealth();
        return app;
    }
}
