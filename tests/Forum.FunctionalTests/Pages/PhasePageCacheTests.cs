using System.Net;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Pages;

/// <summary>
/// The output cache serves anonymous readers the phase page and the API's lists: an entry must only ever
/// be what its URL asks for, whatever was asked before it (a card fragment, an unknown query value).
/// </summary>
public sealed class PhasePageCacheTests(ForumApp app) : IClassFixture<ForumApp>
{
    private async Task<(int Phase, long Contribution)> PhaseWithOneContributionAsync()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var id = (await author.PostContributionAsync(phase, "fr", "Les jardins partagés", "Les jardins partagés **rapprochent** les voisins."))["id"]!.GetValue<long>();
        return (phase, id);
    }

    private static void ShouldBeTheWholePage(string html) =>
        html.TrimStart().Should().StartWith("<!DOCTYPE html>").And.Contain("id=\"contribution-list\"").And.Contain("id=\"statistics-sentence\"");

    [Theory]
    [InlineData("handler=card")]
    [InlineData("handler=Card")]
    [InlineData("Handler=CARD")]
    public async Task An_anonymous_card_fetch_never_becomes_the_next_readers_phase_page(string handler)
    {
        var (phase, id) = await PhaseWithOneContributionAsync();
        var live = app.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            var card = await live.GetStringAsync($"/en/phases/{phase}?{handler}&contributionId={id}");
            card.TrimStart().Should().StartWith("<article").And.Contain($"id=\"contribution-{id}\"").And.NotContain("<html");
        }

        var next = await app.CreateClient().GetAsync($"/en/phases/{phase}");
        ShouldBeTheWholePage(await next.Content.ReadAsStringAsync());
        var again = await app.CreateClient().GetAsync($"/en/phases/{phase}");
        again.Headers.Age.Should().NotBeNull("the page itself is still served from the cache");
        ShouldBeTheWholePage(await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_cached_phase_page_never_answers_a_card_fetch()
    {
        var (phase, id) = await PhaseWithOneContributionAsync();
        var reader = app.CreateClient();
        ShouldBeTheWholePage(await reader.GetStringAsync($"/en/phases/{phase}"));
        (await reader.GetAsync($"/en/phases/{phase}")).Headers.Age.Should().NotBeNull();

        var card = await reader.GetStringAsync($"/en/phases/{phase}?handler=Card&contributionId={id}");
        card.TrimStart().Should().StartWith("<article").And.NotContain("<html");
        (await reader.GetAsync($"/en/phases/{phase}?handler=Card&contributionId=999999")).StatusCode.Should().Be(HttpStatusCode.NotFound,
            "another contribution's card is not the cached one");
    }

    [Fact]
    public async Task A_query_value_the_page_does_not_read_is_neither_served_from_nor_stored_in_the_cache()
    {
        var (phase, _) = await PhaseWithOneContributionAsync();
        for (var i = 0; i < 2; i++)
        {
            var tracked = await app.CreateClient().GetAsync($"/en/phases/{phase}?utm_source=mail&handler=");
            tracked.Headers.Age.Should().BeNull("an unknown query value is answered fresh each time");
            ShouldBeTheWholePage(await tracked.Content.ReadAsStringAsync());
        }
        for (var i = 0; i < 2; i++)
        {
            var list = await app.CreateClient().GetAsync($"/api/phases/{phase}/contributions?x={i}");
            list.StatusCode.Should().Be(HttpStatusCode.OK);
            list.Headers.Age.Should().BeNull("the API's lists follow the same rule");
        }
        await app.CreateClient().GetAsync($"/api/phases/{phase}/contributions?limit=1");
        (await app.CreateClient().GetAsync($"/api/phases/{phase}/contributions?limit=1")).Headers.Age.Should().NotBeNull("a list with known values is cached");
    }
}
