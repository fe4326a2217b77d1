using System.Net;
using Forum.Data;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.FunctionalTests.Contributions;

/// <summary>Each refused request gets a ProblemDetails naming the problem, and nothing is written.</summary>
public class BadInputTests(ForumApp app) : IClassFixture<ForumApp>
{
    private async Task<(int Contributions, int Versions, int Phases)> CountsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
        return (await db.Contributions.CountAsync(), await db.ContributionVersions.CountAsync(), await db.Phases.CountAsync());
    }

    private async Task<JsonNodeProblem> RefusedAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string? rule = null)
    {
        var before = await CountsAsync();
        var problem = await (await send()).ShouldBeProblemAsync(status, rule);
        (await CountsAsync()).Should().Be(before, "a refused request writes nothing");
        return new JsonNodeProblem(problem);
    }

    public sealed record JsonNodeProblem(System.Text.Json.Nodes.JsonNode Node)
    {
        public string? Field => Node["field"]?.GetValue<string>();
    }

    [Fact]
    public async Task An_unknown_language_is_refused()
    {
        var phaseId = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var participant = await app.ParticipantAsync();
        var problem = await RefusedAsync(() => participant.PostAsync($"/api/phases/{phaseId}/contributions", new { language = "de", title = "Titel", body = "Text" }),
            HttpStatusCode.BadRequest, "language.unknown");
        problem.Field.Should().Be("language");
    }

    [Fact]
    public async Task A_second_version_in_a_language_that_has_one_is_refused()
    {
        var phaseId = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var participant = await app.ParticipantAsync();
        var id = (await participant.PostContributionAsync(phaseId, "fr", "Titre", "Texte"))["id"]!.GetValue<long>();
        await RefusedAsync(() => participant.PostAsync($"/api/contributions/{id}/translations", new { language = "fr", title = "Autre", body = "Autre" }),
            HttpStatusCode.Conflict, "version.language-taken");
    }

    [Theory]
    [InlineData("", "Body", "title.required", "title")]
    [InlineData("Title", "", "body.required", "body")]
    [InlineData("Title", "   ", "body.required", "body")]
    [InlineData(201, "Body", "title.too-long", "title")]
    [InlineData("Title", 60_001, "body.too-long", "body")]
    public async Task Empty_or_oversized_titles_and_bodies_are_refused(object title, object body, string rule, string field)
    {
        var phaseId = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var participant = await app.ParticipantAsync();
        var titleText = title is int t ? new string('t', t) : (string)title;
        var bodyText = body is int b ? new string('b', b) : (string)body;
        var problem = await RefusedAsync(() => participant.PostAsync($"/api/phases/{phaseId}/contributions", new { language = "en", title = titleText, body = bodyText }),
            HttpStatusCode.BadRequest, rule);
        problem.Field.Should().Be(field);
        problem.Node["errors"]![field].Should().NotBeNull();
    }

    [Fact]
    public async Task Posting_or_replying_to_a_scheduled_or_closed_phase_is_refused()
    {
        var moderator = await app.ModeratorAsync();
        var theme = await moderator.CreateThemeAsync();
        var slug = theme["slug"]!.GetValue<string>();
        var scheduled = (await moderator.CreatePhaseAsync(slug, 2, "2026-10-01T09:00", "2026-10-20T18:00"))["id"]!.GetValue<int>();
        var open = (await moderator.CreatePhaseAsync(slug, 1, "2026-08-25T09:00", "2026-09-21T18:00"))["id"]!.GetValue<int>();
        var participant = await app.ParticipantAsync();
        var parent = (await participant.PostContributionAsync(open, "en", "Open", "Posted while open"))["id"]!.GetValue<long>();

        var early = await RefusedAsync(() => participant.PostAsync($"/api/phases/{scheduled}/contributions", new { language = "en", title = "Early", body = "Too early" }),
            HttpStatusCode.Conflict, "phase.not-open");
        early.Node["detail"]!.GetValue<string>().Should().Contain("not opened yet");

        await moderator.PostOkAsync($"/api/phases/{open}/close", new { reason = "Done" });
        await RefusedAsync(() => participant.PostAsync($"/api/phases/{open}/contributions", new { language = "en", title = "Late", body = "Too late" }),
            HttpStatusCode.Conflict, "phase.not-open");
        await RefusedAsync(() => participant.PostAsync($"/api/contributions/{parent}/replies", new { language = "en", body = "Too late" }),
            HttpStatusCode.Conflict, "phase.not-open");
    }

    [Fact]
    public async Task A_reply_to_a_contribution_of_another_phase_is_refused()
    {
        var moderator = await app.ModeratorAsync();
        var theme = await moderator.CreateThemeAsync();
        var slug = theme["slug"]!.GetValue<string>();
        var first = (await moderator.CreatePhaseAsync(slug, 1, "2026-08-25T09:00", "2026-09-21T18:00"))["id"]!.GetValue<int>();
        var other = await moderator.CreateOpenPhaseAsync();
        var participant = await app.ParticipantAsync();
        var parent = (await participant.PostContributionAsync(first, "en", "Here", "In phase one"))["id"]!.GetValue<long>();

        var problem = await RefusedAsync(() => participant.PostAsync($"/api/phases/{other}/contributions", new { language = "en", body = "Elsewhere", replyTo = parent }),
            HttpStatusCode.BadRequest, "reply.other-phase");
        problem.Field.Should().Be("replyTo");
    }

    [Fact]
    public async Task A_phase_that_closes_before_it_opens_is_refused()
    {
        var moderator = await app.ModeratorAsync();
        var slug = (await moderator.CreateThemeAsync())["slug"]!.GetValue<string>();
        var problem = await RefusedAsync(() => moderator.PostAsync($"/api/themes/{slug}/phases", ForumClient.PhaseBody(1, "2026-10-10T09:00", "2026-10-01T09:00")),
            HttpStatusCode.BadRequest, "phase.closes-before-opens");
        problem.Field.Should().Be("closesAt");
    }

    [Fact]
    public async Task Overlapping_phases_are_refused_naming_the_phase_in_the_way()
    {
        var moderator = await app.ModeratorAsync();
        var slug = (await moderator.CreateThemeAsync())["slug"]!.GetValue<string>();
        await moderator.CreatePhaseAsync(slug, 1, "2026-10-01T09:00", "2026-10-10T18:00");
        var problem = await RefusedAsync(() => moderator.PostAsync($"/api/themes/{slug}/phases", ForumClient.PhaseBody(2, "2026-10-10T12:00", "2026-10-20T18:00")),
            HttpStatusCode.Conflict, "phase.overlap");
        problem.Node["detail"]!.GetValue<string>().Should().Contain("phase 1");
    }

    [Fact]
    public async Task A_time_skipped_by_daylight_saving_is_refused()
    {
        var moderator = await app.ModeratorAsync();
        var slug = (await moderator.CreateThemeAsync())["slug"]!.GetValue<string>();
        await RefusedAsync(() => moderator.PostAsync($"/api/themes/{slug}/phases", ForumClient.PhaseBody(1, "2027-03-28T02:30", "2027-04-10T18:00")),
            HttpStatusCode.BadRequest, "time.skipped-by-dst");
    }

    [Theory]
    [InlineData("GET", "/api/phases/999999")]
    [InlineData("GET", "/api/themes/no-such-theme")]
    [InlineData("GET", "/api/contributions/999999")]
    [InlineData("GET", "/api/phases/999999/contributions")]
    [InlineData("POST", "/api/phases/999999/contributions")]
    [InlineData("POST", "/api/contributions/999999/translations")]
    [InlineData("POST", "/api/contributions/999999/replies")]
    public async Task Unknown_ids_get_404(string method, string url)
    {
        var participant = await app.ParticipantAsync();
        await RefusedAsync(() => method == "GET"
                ? participant.Http.GetAsync(url)
                : participant.PostAsync(url, new { language = "en", title = "T", body = "B" }),
            HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{\"language\": \"fr\", \"title\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"language\": 12, \"title\": \"T\", \"body\": \"B\"}")]
    [InlineData("")]
    public async Task Malformed_json_is_refused_with_400(string json)
    {
        var phaseId = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var participant = await app.ParticipantAsync();
        var problem = await RefusedAsync(() => participant.PostRawAsync($"/api/phases/{phaseId}/contributions", json),
            HttpStatusCode.BadRequest, "request.malformed");
        problem.Node["detail"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("/api/phases/{0}/close")]
    [InlineData("/api/phases/{0}/open")]
    [InlineData("/api/phases/{0}/extend")]
    [InlineData("/api/phases/{0}/reopen")]
    [InlineData("/api/themes")]
    public async Task A_participant_calling_a_moderator_action_gets_403(string template)
    {
        var phaseId = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var participant = await app.ParticipantAsync();
        await RefusedAsync(() => participant.PostAsync(string.Format(template, phaseId), new { reason = "Because", until = "2026-12-01T00:00" }),
            HttpStatusCode.Forbidden);
        (await app.Anonymous().GetJsonAsync($"/api/phases/{phaseId}"))["state"]!.GetValue<string>().Should().Be("open");
    }

    [Fact]
    public async Task Hiding_by_a_participant_is_forbidden()
    {
        var phaseId = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var participant = await app.ParticipantAsync();
        var id = (await participant.PostContributionAsync(phaseId, "en", "Mine", "My text"))["id"]!.GetValue<long>();
        await RefusedAsync(() => participant.PostAsync($"/api/contributions/{id}/hide", new { reason = "I changed my mind" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task No_credentials_get_401()
    {
        var phaseId = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var anonymous = app.Anonymous();
        await RefusedAsync(() => anonymous.PostAsync($"/api/phases/{phaseId}/contributions", new { language = "en", title = "T", body = "B" }),
            HttpStatusCode.Unauthorized);
        await RefusedAsync(() => anonymous.PostAsync($"/api/phases/{phaseId}/close", new { reason = "R" }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Closing_without_a_reason_is_refused()
    {
        var moderator = await app.ModeratorAsync();
        var phaseId = await moderator.CreateOpenPhaseAsync();
        var problem = await RefusedAsync(() => moderator.PostAsync($"/api/phases/{phaseId}/close", new { reason = "" }), HttpStatusCode.BadRequest, "text.required");
        problem.Field.Should().Be("reason");
    }

    [Fact]
    public async Task A_request_body_over_one_megabyte_is_refused_with_413()
    {
        var phaseId = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var participant = await app.ParticipantAsync();
        await RefusedAsync(() => participant.PostAsync($"/api/phases/{phaseId}/contributions", new { language = "en", title = "Huge", body = new string('x', 1_100_000) }),
            HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_forged_cursor_is_refused()
    {
        var phaseId = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        await RefusedAsync(() => app.Anonymous().Http.GetAsync($"/api/phases/{phaseId}/contributions?cursor=%%%bad"), HttpStatusCode.BadRequest, "paging.cursor-invalid");
    }
}
