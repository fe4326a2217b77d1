using System.Net;
using System.Net.Http.Json;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Security;

/// <summary>A refusal for want of a sign-in or of a role names its rule and says why, like every other refusal.</summary>
public sealed class AuthRefusalTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task A_visitor_writing_through_the_API_is_told_to_sign_in()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/themes", new { slug = "visitor-theme" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        problem["detail"]?.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_participant_calling_a_moderator_endpoint_is_told_their_role_does_not_allow_it()
    {
        var participant = await app.ParticipantAsync();

        var response = await participant.PostAsync("/api/themes", new { slug = "participant-theme" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        problem["detail"]?.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_participant_asking_for_drafts_is_refused_with_the_same_rule()
    {
        var participant = await app.ParticipantAsync();

        var response = await participant.Http.GetAsync("/api/themes?includeDrafts=true");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Fact]
    public async Task A_signed_in_browser_calling_a_moderator_endpoint_gets_the_same_answer_as_a_token()
    {
        using var browser = Forms.NewBrowser(app);
        await Forms.RegisterAndLogInAsync(browser, "en", $"cookie-{Guid.NewGuid():N}@tests.localhost", "Lilac-Harbour-42");

        var response = await browser.GetAsync("/api/reports");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
    }
}
