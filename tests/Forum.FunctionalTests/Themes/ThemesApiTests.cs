using System.Net;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Themes;

public class ThemesApiTests(DemoForumApp app) : IClassFixture<DemoForumApp>
{
    [Fact]
    public async Task The_demo_forum_loads_with_an_open_phase_of_29_contributions()
    {
        var reader = app.Anonymous();
        var themes = (await reader.GetJsonAsync("/api/themes")).AsArray();
        var slug = themes.Should().ContainSingle().Which!["slug"]!.GetValue<string>();
        var theme = await reader.GetJsonAsync($"/api/themes/{slug}");
        var phases = theme["phases"]!.AsArray();
        phases.Select(p => p!["state"]!.GetValue<string>()).Should().Equal("closed", "closed", "open");

        var phaseId = phases[2]!["id"]!.GetValue<int>();
        var page = await reader.GetJsonAsync($"/api/phases/{phaseId}/contributions?limit=100");
        var items = page["items"]!.AsArray();
        items.Should().HaveCount(29);
        items.GroupBy(i => string.Join('+', i!["languages"]!.AsArray().Select(l => l!.GetValue<string>())))
            .ToDictionary(g => g.Key, g => g.Count())
            .Should().BeEquivalentTo(new Dictionary<string, int> { ["en+es+fr"] = 7, ["en+fr"] = 4, ["es+fr"] = 4, ["fr"] = 8, ["en"] = 5, ["es"] = 1 });
        items.Sum(i => i!["replyCount"]!.GetValue<int>()).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_missing_language_falls_back_to_the_original_and_says_so()
    {
        var moderator = await app.AdminAsync();
        var theme = await moderator.CreateThemeAsync();
        var slug = theme["slug"]!.GetValue<string>();
        var reader = app.Anonymous();

        var french = await reader.GetJsonAsync($"/api/themes/{slug}?lang=fr");
        french["title"]!.GetValue<string>().Should().Be("Territoires");
        french["text"]!["isFallback"]!.GetValue<bool>().Should().BeFalse();

        var spanish = await reader.GetJsonAsync($"/api/themes/{slug}?lang=es");
        spanish["title"]!.GetValue<string>().Should().Be("Territories");
        spanish["text"]!["language"]!.GetValue<string>().Should().Be("en");
        spanish["text"]!["isFallback"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Draft_themes_are_seen_by_moderators_only()
    {
        var admin = await app.AdminAsync();
        var slug = $"draft-{Guid.NewGuid():N}";
        await admin.PostOkAsync("/api/themes", new
        {
            slug, position = 9, published = false, originalLanguage = "fr",
            texts = new Dictionary<string, object> { ["fr"] = new { title = "Brouillon", description = "Pas encore public." } },
        }, HttpStatusCode.Created);

        var reader = app.Anonymous();
        (await reader.Http.GetAsync($"/api/themes/{slug}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reader.GetJsonAsync("/api/themes")).AsArray().Should().NotContain(t => t!["slug"]!.GetValue<string>() == slug);
        (await admin.GetJsonAsync("/api/themes?includeDrafts=true")).AsArray().Should().Contain(t => t!["slug"]!.GetValue<string>() == slug);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_api()
    {
        var document = await app.Anonymous().GetJsonAsync("/openapi/v1.json");
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.Should().Contain(["/api/themes", "/api/phases/{phaseId}/contributions", "/api/contributions/{id}/translations", "/api/phases/{id}/close"]);
    }

    [Fact]
    public async Task The_forum_tells_its_languages_and_time_zone()
    {
        var forum = await app.Anonymous().GetJsonAsync("/api/forum");
        forum["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("en", "fr", "es");
        forum["timeZone"]!.GetValue<string>().Should().Be("Europe/Paris");
    }
}
