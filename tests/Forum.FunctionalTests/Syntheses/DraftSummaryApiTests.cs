using System.Net;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Syntheses;

public class DraftSummaryApiTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task The_draft_follows_the_phase_in_the_background_and_links_to_contributions()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var ids = new List<long>();
        foreach (var body in new[]
        {
            "Les coopératives locales créent des emplois durables dans les territoires ruraux. Il pleuvait ce matin.",
            "Dans notre région, les coopératives locales soutiennent l'emploi durable et la vie des territoires.",
            "Les coopératives de territoire relient les habitants, les emplois et les services locaux.",
            "Mon chat aime dormir au soleil près de la fenêtre.",
        })
        {
            ids.Add((await author.PostContributionAsync(phase, "fr", "Coopératives", body))["id"]!.GetValue<long>());
        }

        var draft = await ReadyDraftAsync(moderator, phase, "fr", contributions: 4);
        var sentences = draft["sentences"]!.AsArray();
        sentences.Should().NotBeEmpty();
        sentences.Select(s => s!["contributionId"]!.GetValue<long>()).Should().OnlyContain(id => ids.Contains(id));
        sentences.Select(s => s!["text"]!.GetValue<string>()).Should().NotContain(t => t.Contains("chat") || t.Contains("pleuvait"));
        sentences[0]!["contributionUrl"]!.GetValue<string>().Should().Be($"/api/contributions/{sentences[0]!["contributionId"]!.GetValue<long>()}");
        draft["keyTerms"]!.AsArray().Select(t => t!["term"]!.GetValue<string>()).Should().Contain(t => t.StartsWith("coopérative"));

        await moderator.PostOkAsync($"/api/contributions/{ids[0]}/hide", new { reason = "Test of the draft." });
        var afterHide = await ReadyDraftAsync(moderator, phase, "fr", contributions: 3);
        afterHide["sentences"]!.AsArray().Select(s => s!["contributionId"]!.GetValue<long>()).Should().NotContain(ids[0]);

        var english = await ReadyDraftAsync(moderator, phase, "en", contributions: 0);
        english["sentences"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Only_moderators_read_drafts()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        (await (await app.ParticipantAsync()).Http.GetAsync($"/api/phases/{phase}/draft-summary/fr")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.Anonymous().Http.GetAsync($"/api/phases/{phase}/draft-summary/fr")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await (await moderator.Http.GetAsync($"/api/phases/{phase}/draft-summary/de")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "language.unknown");
        (await moderator.PostAsync($"/api/phases/{phase}/draft-summary/refresh", new { })).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    /// <summary>Drafts are computed off the request path; wait until the one for the phase as it is now is stored.</summary>
    private static async Task<JsonNode> ReadyDraftAsync(ForumClient moderator, int phase, string language, int contributions)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var draft = await moderator.GetJsonAsync($"/api/phases/{phase}/draft-summary/{language}");
            if (draft["status"]!.GetValue<string>() == "ready" && draft["contributionCount"]!.GetValue<int>() == contributions)
            {
                return draft;
            }
            DateTime.UtcNow.Should().BeBefore(deadline, $"the draft should be ready; last seen: {draft.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
