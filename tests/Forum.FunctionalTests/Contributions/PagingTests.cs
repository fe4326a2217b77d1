using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Contributions;

public class PagingTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task The_cursor_walks_every_contribution_once_newest_first_and_filters_by_language()
    {
        var phaseId = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var participant = await app.ParticipantAsync();
        var languages = new[] { "fr", "en", "es", "fr", "fr", "en", "es", "fr", "en", "fr", "es" };
        var posted = new List<long>();
        foreach (var (language, i) in languages.Select((l, i) => (l, i)))
        {
            app.Time.Advance(TimeSpan.FromMinutes(1));
            posted.Add((await participant.PostContributionAsync(phaseId, language, $"Post {i}", $"Text {i}"))["id"]!.GetValue<long>());
        }

        var seen = await WalkAsync($"/api/phases/{phaseId}/contributions?limit=3");
        seen.Should().Equal(posted.AsEnumerable().Reverse());

        var french = await WalkAsync($"/api/phases/{phaseId}/contributions?limit=2&language=fr");
        french.Should().Equal(posted.Where((_, i) => languages[i] == "fr").Reverse());

        var oldest = await WalkAsync($"/api/phases/{phaseId}/contributions?limit=4&order=oldest");
        oldest.Should().Equal(posted);
    }

    private async Task<List<long>> WalkAsync(string url)
    {
        var reader = app.Anonymous();
        var ids = new List<long>();
        string? cursor = null;
        do
        {
            var page = await reader.GetJsonAsync(cursor is null ? url : $"{url}&cursor={cursor}");
            ids.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null && ids.Count < 100);
        return ids;
    }

    [Fact]
    public async Task The_list_shows_the_readers_language_when_there_is_one_and_marks_the_original_otherwise()
    {
        var phaseId = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var participant = await app.ParticipantAsync();
        var id = (await participant.PostContributionAsync(phaseId, "fr", "Coopératives", "Des coopératives partout."))["id"]!.GetValue<long>();
        await participant.PostContributionAsync(phaseId, "es", "Cooperativas", "Cooperativas en todas partes.");
        await participant.PostOkAsync($"/api/contributions/{id}/translations", new { language = "en", title = "Cooperatives", body = "Cooperatives everywhere." }, System.Net.HttpStatusCode.Created);

        var items = (await app.Anonymous().GetJsonAsync($"/api/phases/{phaseId}/contributions?lang=en"))["items"]!.AsArray();
        JsonNode Shown(int i) => items[i]!["shown"]!;
        Shown(0)["language"]!.GetValue<string>().Should().Be("es");
        Shown(0)["isFallback"]!.GetValue<bool>().Should().BeTrue();
        Shown(0)["isOriginal"]!.GetValue<bool>().Should().BeTrue();
        Shown(1)["language"]!.GetValue<string>().Should().Be("en");
        Shown(1)["isOriginal"]!.GetValue<bool>().Should().BeFalse();
        items[1]!["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("en", "fr");
    }

    [Fact]
    public async Task A_cached_list_changes_as_soon_as_a_contribution_is_posted_translated_or_hidden()
    {
        var moderator = await app.ModeratorAsync();
        var phaseId = await moderator.CreateOpenPhaseAsync();
        var participant = await app.ParticipantAsync();
        var reader = app.Anonymous();
        var url = $"/api/phases/{phaseId}/contributions?lang=es";
        async Task<List<string>> Titles() => (await reader.GetJsonAsync(url))["items"]!.AsArray().Select(i => i!["shown"]!["title"]!.GetValue<string>()).ToList();

        (await Titles()).Should().BeEmpty();
        (await Titles()).Should().BeEmpty();
        var id = (await participant.PostContributionAsync(phaseId, "fr", "Épiceries solidaires", "Des prix adaptés aux revenus."))["id"]!.GetValue<long>();
        (await Titles()).Should().Equal("Épiceries solidaires");

        await participant.PostOkAsync($"/api/contributions/{id}/translations", new { language = "es", title = "Tiendas solidarias", body = "Precios adaptados a los ingresos." }, System.Net.HttpStatusCode.Created);
        (await Titles()).Should().Equal("Tiendas solidarias");

        await moderator.PostOkAsync($"/api/contributions/{id}/hide", new { reason = "Test of the cache" });
        (await Titles()).Should().BeEmpty();
    }
}
