using System.Net;
using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;
using Forum.FunctionalTests.Security;

namespace Forum.FunctionalTests.Reports;

/// <summary>On a forum of its own with low limits: 2 reports a minute per user.</summary>
public class ReportRateLimitTests(LowLimitsForumApp app) : IClassFixture<LowLimitsForumApp>
{
    [Fact]
    public async Task Reporting_too_fast_gets_429_with_Retry_After_on_the_API_and_the_page_and_writing_is_counted_apart()
    {
        var admin = await app.AdminAsync();
        var phase = await admin.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await author.PostContributionAsync(phase, "en", $"Post {i}", "Text."))["id"]!.GetValue<long>());
        }
        var email = $"reporter-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, "Lilac-Harbour-42");
        var reporter = await app.Anonymous().LoginAsync(email, "Lilac-Harbour-42");

        await reporter.PostOkAsync($"/api/contributions/{ids[0]}/reports", new { reason = "spam" }, HttpStatusCode.Created);
        await reporter.PostOkAsync($"/api/contributions/{ids[1]}/reports", new { reason = "spam" }, HttpStatusCode.Created);
        var refused = await reporter.PostAsync($"/api/contributions/{ids[2]}/reports", new { reason = "spam" });
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate.limited");
        int.Parse(refused.Headers.GetValues("Retry-After").Single()).Should().BeInRange(1, 60);

        using var browser = Forms.NewBrowser(app);
        var login = await browser.GetStringAsync("/en/account/login");
        (await browser.PostAsync("/en/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = "Lilac-Harbour-42", ["__RequestVerificationToken"] = Forms.Token(login),
        }))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = await browser.GetStringAsync($"/en/contributions/{ids[2]}");
        var fromPage = await browser.PostAsync($"/en/contributions/{ids[2]}?handler=Report", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Reporting.Reason"] = "abuse", ["Reporting.Comment"] = "Rude.", ["__RequestVerificationToken"] = Forms.Token(page),
        }));
        fromPage.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the page shares the user's allowance");
        fromPage.Headers.Contains("Retry-After").Should().BeTrue();
        (await fromPage.Content.ReadAsStringAsync()).Should().Contain("wait a minute and try again").And.Contain("Rude.");

        var queue = (await admin.GetJsonAsync("/api/reports?limit=100"))["items"]!.AsArray();
        queue.Should().HaveCount(2, "the refused reports stored nothing");
        await reporter.PostContributionAsync(phase, "fr", "Toujours là", "Signaler beaucoup n'empêche pas d'écrire.");
    }
}
