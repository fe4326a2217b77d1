using Forum.Web.Accounts;
using Forum.Web.Api;
using Forum.Web.Extensions;
using Forum.Web.Live;
using Forum.Web.Pages;
using Forum.Web.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddForum();

var app = builder.Build();
app.UseForumForwardedHeaders();
app.UseExceptionHandler();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
{
    // Browsers remember to use HTTPS only; sent on HTTPS responses (behind the production proxy).
    app.UseHsts();
}
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseBrowserPackages();
app.UseRouting();
app.UseCultureFromRoute();
app.UseAuthentication();
app.UseDeletedAccountCheck();
app.UseSameOriginCheck();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();

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
app.MapEditsApi();
app.MapReportsApi();
app.MapStatisticsApi();
app.MapSynthesesApi();
app.MapExportsApi();
app.MapDraftSummariesApi();
app.MapHub<ForumHub>(ForumHub.Path);

await app.InitializeForumDatabaseAsync();
await app.RunAsync();
