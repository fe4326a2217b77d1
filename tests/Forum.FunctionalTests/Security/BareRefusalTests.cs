using System.Net;
using System.Net.Http.Json;
using System.Text;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Security;

/// <summary>
/// Refusals that no endpoint writes itself (no such route, a body the server will not read, Identity's log-in)
/// and inputs found by an outside probe: each answers a ProblemDetails with a rule and a detail, never a 500.
/// </summary>
public sealed class BareRefusalTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task An_address_nothing_answers_names_its_rule()
    {
        var response = await app.CreateClient().GetAsync("/api/no-such-thing");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "request.not-found");
        problem["detail"]?.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_body_that_is_not_json_names_its_rule()
    {
        var participant = await app.ParticipantAsync();
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();

        var response = await participant.Http.PostAsync($"/api/phases/{phase}/contributions",
            new StringContent("language=en&title=T&body=B", Encoding.UTF8, "text/plain"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "request.unsupported-media-type");
        problem["detail"]?.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_failed_log_in_names_its_rule_and_keeps_identity_s_detail()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/account/login",
            new { email = $"nobody-{Guid.NewGuid():N}@tests.localhost", password = "Wrong-Password-1" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.failed");
        problem["detail"]?.GetValue<string>().Should().Be("Failed");
    }

    [Fact]
    public async Task A_synthesis_with_an_empty_version_is_refused_not_a_server_error()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();

        var response = await moderator.PostRawAsync($"/api/phases/{phase}/syntheses", """{"versions":[null]}""");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "synthesis.version-missing");
        problem["field"]?.GetValue<string>().Should().Be("versions");
        (await moderator.GetJsonAsync($"/api/phases/{phase}/syntheses?includeDrafts=true")).AsArray().Should().BeEmpty("nothing was written");
    }

    [Fact]
    public async Task An_e_mail_address_longer_than_254_characters_is_refused_at_registration()
    {
        var tooLong = new string('a', 243) + "@tests.local"; // 255 characters
        var fits = new string('b', 242) + "@tests.local"; // 254

        var refused = await app.CreateClient().PostAsJsonAsync("/api/account/register", new { email = tooLong, password = "Lilac-Harbour-42" });
        var accepted = await app.CreateClient().PostAsJsonAsync("/api/account/register", new { email = fits, password = "Lilac-Harbour-42" });

        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "account.email-too-long");
        problem["field"]?.GetValue<string>().Should().Be("email");
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
