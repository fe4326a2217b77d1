using System.Net;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Contributions;

public class ParticipantStoryTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task A_participant_posts_in_French_another_translates_to_Spanish_and_after_closing_the_next_post_is_refused()
    {
        var moderator = await app.ModeratorAsync();
        var phaseId = await moderator.CreateOpenPhaseAsync();

        var marie = await app.ParticipantAsync("marie");
        var posted = await marie.PostContributionAsync(phaseId, "fr", "Les monnaies locales", "Les monnaies locales **relocalisent** l'économie.");
        var id = posted["id"]!.GetValue<long>();
        posted["originalLanguage"]!.GetValue<string>().Should().Be("fr");
        posted["versions"]![0]!["bodyHtml"]!.GetValue<string>().Should().Contain("<strong>relocalisent</strong>");

        var lucia = await app.ParticipantAsync("lucia");
        var translated = await lucia.PostOkAsync($"/api/contributions/{id}/translations",
            new { language = "es", title = "Las monedas locales", body = "Las monedas locales **relocalizan** la economía." }, HttpStatusCode.Created);
        translated["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("es", "fr");

        var reader = app.Anonymous();
        var detail = await reader.GetJsonAsync($"/api/contributions/{id}");
        detail["versions"]!.AsArray().Select(v => (v!["language"]!.GetValue<string>(), v["isOriginal"]!.GetValue<bool>()))
            .Should().Equal(("fr", true), ("es", false));
        detail["versions"]![1]!["author"]!["name"]!.GetValue<string>().Should().StartWith("lucia");

        var list = await reader.GetJsonAsync($"/api/phases/{phaseId}/contributions?lang=es");
        list["items"]![0]!["shown"]!["language"]!.GetValue<string>().Should().Be("es");
        list["items"]![0]!["shown"]!["title"]!.GetValue<string>().Should().Be("Las monedas locales");

        var closed = await moderator.PostOkAsync($"/api/phases/{phaseId}/close", new { reason = "The organising team ends the phase early." });
        closed["state"]!.GetValue<string>().Should().Be("closed");

        var refused = await marie.PostAsync($"/api/phases/{phaseId}/contributions", new { language = "fr", title = "Encore", body = "Un dernier mot." });
        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "phase.not-open");
        problem["detail"]!.GetValue<string>().Should().Contain("closed");

        var audit = await moderator.GetJsonAsync($"/api/phases/{phaseId}/audit");
        audit.AsArray().Should().Contain(e => e!["action"]!.GetValue<string>() == "phase.close"
            && e["reason"]!.GetValue<string>() == "The organising team ends the phase early.");

        var english = await lucia.PostOkAsync($"/api/contributions/{id}/translations",
            new { language = "en", title = "Local currencies", body = "Local currencies bring the economy home." }, HttpStatusCode.Created);
        english["languages"]!.AsArray().Should().HaveCount(3, "translations are still welcome after a phase closes");
    }

    [Fact]
    public async Task Replies_appear_under_their_contribution_and_are_counted()
    {
        var moderator = await app.ModeratorAsync();
        var phaseId = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var id = (await author.PostContributionAsync(phaseId, "en", "Community banks", "They lend where others do not."))["id"]!.GetValue<long>();

        var replier = await app.ParticipantAsync();
        await replier.PostOkAsync($"/api/contributions/{id}/replies", new { language = "fr", body = "Au Brésil aussi." }, HttpStatusCode.Created);
        await replier.PostOkAsync($"/api/phases/{phaseId}/contributions", new { language = "es", body = "Y en Ecuador.", replyTo = id }, HttpStatusCode.Created);

        var detail = await app.Anonymous().GetJsonAsync($"/api/contributions/{id}");
        detail["replies"]!.AsArray().Select(r => r!["versions"]![0]!["language"]!.GetValue<string>()).Should().Equal("fr", "es");
        var list = await app.Anonymous().GetJsonAsync($"/api/phases/{phaseId}/contributions");
        list["items"]!.AsArray().Should().ContainSingle("replies are listed under their contribution, not at the top level");
        list["items"]![0]!["replyCount"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task A_hidden_contribution_is_kept_but_never_shown_to_readers_until_restored()
    {
        var moderator = await app.ModeratorAsync();
        var phaseId = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var id = (await author.PostContributionAsync(phaseId, "en", "Spam", "Buy now!"))["id"]!.GetValue<long>();

        var hidden = await moderator.PostOkAsync($"/api/contributions/{id}/hide", new { reason = "Advertising" });
        hidden["hidden"]!["reason"]!.GetValue<string>().Should().Be("Advertising");

        var reader = app.Anonymous();
        (await reader.Http.GetAsync($"/api/contributions/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reader.GetJsonAsync($"/api/phases/{phaseId}/contributions"))["items"]!.AsArray().Should().BeEmpty();
        (await moderator.GetJsonAsync($"/api/phases/{phaseId}/contributions?includeHidden=true"))["items"]!.AsArray().Should().ContainSingle();
        (await reader.Http.GetAsync($"/api/phases/{phaseId}/contributions?includeHidden=true")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await moderator.PostOkAsync($"/api/contributions/{id}/restore", new { reason = "Checked: a real offer from a cooperative" });
        (await reader.GetJsonAsync($"/api/contributions/{id}"))["versions"]![0]!["body"]!.GetValue<string>().Should().Be("Buy now!");
        var audit = await moderator.GetJsonAsync($"/api/phases/{phaseId}/audit");
        audit.AsArray().Select(e => e!["action"]!.GetValue<string>()).Should().ContainInOrder("contribution.hide", "contribution.restore");
    }
}
