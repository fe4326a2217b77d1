using Forum.Web.Accounts;
using Forum.Web.Errors;
using Forum.Web.Extensions;
using Forum.Web.Live;
using Forum.Web.Pages;
using Forum.Web.Security;
using Forum.Web.Startup;

var builder = WebApplication.CreateBuilder(args);
builder.AddForum();

var app = builder.Build();
app.UseForumForwardedHeaders();
app.UseStartupGate();
// Outside the exception handler, so that a page that threw (its status set, no body) gets its error page too.
app.UseForumErrorPages();
app.UseExceptionHandler();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
{
    // Browsers remember to use HTTPS only; sent on HTTPS responses (behind the production proxy).
    app.UseHsts();
}
app.UseStaticFiles();
app.UseSignalRClientFiles();
app.UseRouting();
app.UseCultureFromRoute();
app.UseAuthentication();
app.UseSecurityStampCheck();
app.UseSameOriginCheck();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();
app.MapForumEndpoints();

// The database is prepared once the server listens (Startup/ForumStartup), so that health probes answer meanwhile.
await app.RunAsync();
// Lets WebApplicationFactory<Program> in the functional tests find the entry point.
public partial class Program;
