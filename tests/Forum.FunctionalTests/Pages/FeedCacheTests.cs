using System.Xml.Linq;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Pages;

/// <summary>
/// A feed carries 50 entries of full HTML, megabytes of it: it is built once per change and served from
/// the output cache to every feed reader, yet shows each post, hide and new phase at once.
/// </summary>
public sealed class FeedCacheTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private async Task<(List<string> Titles, TimeSpan? Age)> FeedAsync(string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        response.EnsureSuccessStatusCode();
        // A theme's feed also carries its phases' announcements (Announcements/ tests them): this test follows the contributions.
        var titles = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements(Atom + "entry")
            .Where(e => !e.Element(Atom + "id")!.Value.Contains("#announcement-", StringComparison.Ordinal))
            .Select(e => e.Element(Atom + "title")!.Value).ToList();
        return (titles, response.Headers.Age);
    }

    [Fact]
    public async Task Phase_and_theme_feeds_are_served_from_the_cache_and_follow_every_change_at_once()
    {
        var moderator = await app.ModeratorAsync();
        var theme = (await moderator.CreateThemeAsync())["slug"]!.GetValue<string>();
        var phase = (await moderator.CreatePhaseAsync(theme, 1, "2026-08-25T09:00", "2026-09-21T23:59"))["id"]!.GetValue<int>();
        var author = await app.ParticipantAsync();
        var first = (await author.PostContributionAsync(phase, "en", "Local currencies", "Local currencies keep wealth local."))["id"]!.GetValue<long>();
        string phaseFeed = $"/en/phases/{phase}/feed.atom", themeFeed = $"/en/themes/{theme}/feed.atom";

        foreach (var feed in new[] { phaseFeed, themeFeed })
        {
            (await FeedAsync(feed)).Titles.Should().Equal("Local currencies");
            var again = await FeedAsync(feed);
            again.Age.Should().NotBeNull("the second reader of {0} is served from the cache", feed);
            again.Titles.Should().Equal("Local currencies");
        }

        await author.PostContributionAsync(phase, "en", "Shared gardens", "Shared gardens bring neighbours together.");
        (await FeedAsync(phaseFeed)).Titles.Should().Equal("Shared gardens", "Local currencies");
        (await FeedAsync(themeFeed)).Titles.Should().Equal("Shared gardens", "Local currencies");

        await moderator.PostOkAsync($"/api/contributions/{first}/hide", new { reason = "Test of the feeds' cache." });
        (await FeedAsync(phaseFeed)).Titles.Should().Equal("Shared gardens");
        (await FeedAsync(themeFeed)).Titles.Should().Equal("Shared gardens");

        // A phase added later belongs to the theme's feed as soon as someone writes in it.
        (await FeedAsync(themeFeed)).Age.Should().NotBeNull();
        var second = (await moderator.CreatePhaseAsync(theme, 2, "2026-09-22T09:00", "2026-10-21T23:59"))["id"]!.GetValue<int>();
        app.Time.Advance(TimeSpan.FromDays(22));
        await (await app.ParticipantAsync()).PostContributionAsync(second, "en", "Cooperatives", "Cooperatives share their profits.");
        (await FeedAsync(themeFeed)).Titles.Should().Equal("Cooperatives", "Shared gardens");

        // A feed reads no query value: any query is served the one cached feed, so none can make the server build it again.
        var tracked = await FeedAsync(themeFeed + $"?utm_source={Guid.NewGuid():N}");
        tracked.Titles.Should().Equal("Cooperatives", "Shared gardens");
        tracked.Age.Should().NotBeNull("a query value is no way around the cache");
    }

    [Fact]
    public async Task Another_spelling_of_a_phase_id_is_sent_to_the_one_feed_and_long_texts_come_as_excerpts()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var paragraph = "Les monnaies locales **relocalisent** l'économie et soutiennent les commerces de proximité. ";
        await author.PostContributionAsync(phase, "fr", "Un long rapport", string.Concat(Enumerable.Repeat(paragraph + "\n\n", 400)));
        await author.PostContributionAsync(phase, "fr", "Un court avis", "Les monnaies locales **relocalisent** l'économie.");

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.CreateClient().BaseAddress };
        foreach (var spelling in new[] { $"0{phase}", $"000{phase}", $"+{phase}" })
        {
            var other = await noRedirects.GetAsync($"/fr/phases/{spelling}/feed.atom");
            other.StatusCode.Should().Be(System.Net.HttpStatusCode.MovedPermanently, spelling);
            other.Headers.Location!.OriginalString.Should().Be($"/fr/phases/{phase}/feed.atom");
        }

        var feed = await app.CreateClient().GetStringAsync($"/fr/phases/{phase}/feed.atom");
        var contents = XDocument.Parse(feed).Root!.Elements(Atom + "entry").ToDictionary(e => e.Element(Atom + "title")!.Value, e => e.Element(Atom + "content")!.Value);
        contents["Un court avis"].Should().Contain("<strong>relocalisent</strong>", "a short text comes whole");
        contents["Un long rapport"].Should().StartWith("<p>Les monnaies locales relocalisent").And.EndWith("…</p>").And.NotContain("<strong>");
        System.Net.WebUtility.HtmlDecode(contents["Un long rapport"]).Length.Should().BeLessThan(2_100, "a long text comes as its first 2,000 characters, the link leads to the rest");
    }
}
