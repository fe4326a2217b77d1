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
        var titles = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements(Atom + "entry")
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

        var tracked = await FeedAsync(themeFeed + "?utm_source=reader");
        tracked.Titles.Should().Equal("Cooperatives", "Shared gardens");
        (await FeedAsync(themeFeed + "?utm_source=reader")).Age.Should().BeNull("a query value the feed does not read bypasses the cache");
    }
}
