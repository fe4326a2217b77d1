using System.Net;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Themes;

/// <summary>Anonymous readers are served a phase's lists from the output cache; withdrawing the theme must take them away at once.</summary>
public sealed class ThemePublicationCacheTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task Withdrawing_a_theme_takes_its_phases_cached_lists_page_and_feed_away_from_anonymous_readers()
    {
        var moderator = await app.ModeratorAsync();
        var theme = await moderator.CreateThemeAsync();
        var slug = theme["slug"]!.GetValue<string>();
        var phase = (await moderator.CreatePhaseAsync(slug, 1, "2026-08-25T09:00", "2026-09-21T23:59"))["id"]!.GetValue<int>();
        await (await app.ParticipantAsync()).PostContributionAsync(phase, "en", "Shared gardens", "They bring neighbours together.");
        string[] urls = [$"/api/phases/{phase}/contributions", $"/api/phases/{phase}/statistics", $"/en/phases/{phase}", $"/en/phases/{phase}/feed.atom"];
        foreach (var url in urls)
        {
            // Twice: the second answer comes from the cache.
            (await app.CreateClient().GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.OK, url);
            (await app.CreateClient().GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.OK, url);
        }

        var current = await moderator.GetJsonAsync($"/api/themes/{slug}");
        (await moderator.PutAsync($"/api/themes/{slug}", new
        {
            slug, position = 1, published = false, originalLanguage = "en", version = current["version"]!.GetValue<string>(),
            texts = new Dictionary<string, object> { ["en"] = new { title = "Territories", description = "Withdrawn." } },
        })).StatusCode.Should().Be(HttpStatusCode.OK);

        foreach (var url in urls)
        {
            (await app.CreateClient().GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.NotFound, url);
        }
    }
}
