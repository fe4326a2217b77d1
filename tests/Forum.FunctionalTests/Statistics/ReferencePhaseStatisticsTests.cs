using System.Net;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Statistics;

/// <summary>The demo forum's phase 3 holds the reference phase's 29 contributions; its statistics must read exactly like the announcement, and add up.</summary>
public class ReferencePhaseStatisticsTests(DemoForumApp app) : IClassFixture<DemoForumApp>
{
    internal const int Phase3 = 3;

    public const string English = "29 contributions in total: 7 in three languages, 4 in French and English, 4 in French and Spanish, 8 in French only, 5 in English only, 1 in Spanish only";
    public const string French = "29 contributions au total\u00a0: 7 en trois langues, 4 en français et en anglais, 4 en français et en espagnol, 8 en français uniquement, 5 en anglais uniquement, 1 en espagnol uniquement";
    public const string Spanish = "29 contribuciones en total: 7 en tres idiomas, 4 en francés e inglés, 4 en francés y español, 8 solo en francés, 5 solo en inglés, 1 solo en español";

    [Fact]
    public async Task Phase_3_reads_like_the_reference_announcement_in_three_languages()
    {
        var reader = app.Anonymous();
        var statistics = await reader.GetJsonAsync($"/api/phases/{Phase3}/statistics?lang=en");

        statistics["contributions"]!.GetValue<int>().Should().Be(29);
        statistics["replies"]!.GetValue<int>().Should().Be(3);
        Combinations(statistics).Should().Equal(
            ("fr en es", 7), ("fr en", 4), ("fr es", 4), ("fr", 8), ("en", 5), ("es", 1));
        statistics["sentence"]!.GetValue<string>().Should().Be(English);
        (await reader.GetJsonAsync($"/api/phases/{Phase3}/statistics?lang=fr"))["sentence"]!.GetValue<string>().Should().Be(French);
        (await reader.GetJsonAsync($"/api/phases/{Phase3}/statistics?lang=es"))["sentence"]!.GetValue<string>().Should().Be(Spanish);

        AddsUp(statistics);
        var coverage = statistics["coverage"]!.AsArray().ToDictionary(c => c!["language"]!.GetValue<string>(), c => (c!["readable"]!.GetValue<int>(), c["missing"]!.GetValue<int>()));
        coverage.Should().BeEquivalentTo(new Dictionary<string, (int, int)> { ["en"] = (16, 13), ["fr"] = (23, 6), ["es"] = (12, 17) });
    }

    [Fact]
    public async Task The_translation_backlog_lists_what_still_lacks_a_language_page_by_page()
    {
        var reader = app.Anonymous();
        var seen = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await reader.GetJsonAsync($"/api/phases/{Phase3}/statistics/backlog?language=es&limit=10" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page["items"]!.AsArray().Select(i => i!));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        var statistics = await reader.GetJsonAsync($"/api/phases/{Phase3}/statistics");
        var missing = statistics["coverage"]!.AsArray().Single(c => c!["language"]!.GetValue<string>() == "es")!["missing"]!.GetValue<int>();
        seen.Should().HaveCount(missing).And.HaveCount(17);
        seen.Should().OnlyContain(i => !i["languages"]!.AsArray().Any(l => l!.GetValue<string>() == "es"));
        seen.Select(i => i["id"]!.GetValue<long>()).Should().OnlyHaveUniqueItems();
        seen.Select(i => i["createdAt"]!.GetValue<DateTimeOffset>()).Should().BeInAscendingOrder("the oldest wait longest");

        await (await reader.Http.GetAsync($"/api/phases/{Phase3}/statistics/backlog")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "language.required");
        await (await reader.Http.GetAsync($"/api/phases/{Phase3}/statistics/backlog?language=es&limit=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "paging.limit-out-of-range");
    }

    [Fact]
    public async Task The_theme_counts_across_its_phases_and_statistics_export_as_csv_and_json()
    {
        var reader = app.Anonymous();
        var theme = await reader.GetJsonAsync("/api/themes/sse-initiatives-in-territories/statistics?lang=en");
        theme["scope"]!.GetValue<string>().Should().Be("theme");
        theme["contributions"]!.GetValue<int>().Should().BeGreaterThan(29);
        AddsUp(theme);

        var csv = await reader.Http.GetAsync($"/api/phases/{Phase3}/export/statistics.csv");
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // Every cell quoted, like the contributions export (an empty share is an empty quoted cell).
        lines[0].Should().Be("\"section\",\"item\",\"count\",\"share\"");
        lines.Should().Contain("\"total\",\"contributions\",\"29\",\"\"").And.Contain("\"combination\",\"fr en es\",\"7\",\"\"")
            .And.Contain("\"readable_in\",\"fr\",\"23\",\"0.7931\"");

        var json = await reader.GetJsonAsync($"/api/phases/{Phase3}/export/statistics.json");
        json["contributions"]!.GetValue<int>().Should().Be(29);

        var unknown = await reader.Http.GetAsync($"/api/phases/{Phase3}/export/statistics.xlsx");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "export.format-unknown");
        var badLanguage = await reader.Http.GetAsync($"/api/phases/{Phase3}/statistics?lang=de");
        await badLanguage.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "language.unknown");
        var missing = await reader.Http.GetAsync("/api/phases/999/statistics");
        await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    internal static List<(string, int)> Combinations(JsonNode statistics) =>
        statistics["combinations"]!.AsArray()
            .Select(c => (string.Join(' ', c!["languages"]!.AsArray().Select(l => l!.GetValue<string>())), c["count"]!.GetValue<int>()))
            .ToList();

    /// <summary>Every breakdown sums to the total; the reference announcement's own figures did not.</summary>
    internal static void AddsUp(JsonNode statistics)
    {
        var total = statistics["contributions"]!.GetValue<int>();
        statistics["combinations"]!.AsArray().Sum(c => c!["count"]!.GetValue<int>()).Should().Be(total);
        statistics["originalLanguages"]!.AsArray().Sum(c => c!["count"]!.GetValue<int>()).Should().Be(total);
        statistics["perDay"]!.AsArray().Sum(c => c!["count"]!.GetValue<int>()).Should().Be(total);
        foreach (var coverage in statistics["coverage"]!.AsArray())
        {
            (coverage!["readable"]!.GetValue<int>() + coverage["missing"]!.GetValue<int>()).Should().Be(total);
        }
    }

    internal static async Task<long> FirstContributionReadableOnlyInAsync(ForumClient reader, string language)
    {
        var page = await reader.GetJsonAsync($"/api/phases/{Phase3}/contributions?limit=100&order=oldest");
        return page["items"]!.AsArray()
            .First(c => c!["languages"]!.AsArray().Select(l => l!.GetValue<string>()).SequenceEqual([language]))!["id"]!.GetValue<long>();
    }
}

/// <summary>Changes the demo phase, so it runs on a forum of its own.</summary>
public class StatisticsFollowChangesTests(DemoForumApp app) : IClassFixture<DemoForumApp>
{
    private const int Phase3 = ReferencePhaseStatisticsTests.Phase3;

    [Fact]
    public async Task Counts_follow_a_translation_a_hide_and_a_restore()
    {
        var reader = app.Anonymous();
        var frenchOnly = await ReferencePhaseStatisticsTests.FirstContributionReadableOnlyInAsync(reader, "fr");
        var translator = await app.ParticipantAsync("translator");
        await translator.PostOkAsync($"/api/contributions/{frenchOnly}/translations",
            new { language = "en", title = "Local currencies", body = "Local currencies keep money in the territory." }, HttpStatusCode.Created);

        var translated = await reader.GetJsonAsync($"/api/phases/{Phase3}/statistics?lang=en");
        ReferencePhaseStatisticsTests.Combinations(translated).Should().Equal(("fr en es", 7), ("fr en", 5), ("fr es", 4), ("fr", 7), ("en", 5), ("es", 1));
        translated["sentence"]!.GetValue<string>().Should().Be(
            "29 contributions in total: 7 in three languages, 5 in French and English, 4 in French and Spanish, 7 in French only, 5 in English only, 1 in Spanish only");
        ReferencePhaseStatisticsTests.AddsUp(translated);

        var moderator = await app.AdminAsync();
        var spanishOnly = await ReferencePhaseStatisticsTests.FirstContributionReadableOnlyInAsync(reader, "es");
        await moderator.PostOkAsync($"/api/contributions/{spanishOnly}/hide", new { reason = "Off topic advertising." });
        var hidden = await reader.GetJsonAsync($"/api/phases/{Phase3}/statistics?lang=fr");
        hidden["contributions"]!.GetValue<int>().Should().Be(28);
        ReferencePhaseStatisticsTests.Combinations(hidden).Should().Equal(("fr en es", 7), ("fr en", 5), ("fr es", 4), ("fr", 7), ("en", 5));
        hidden["sentence"]!.GetValue<string>().Should().Be(
            "28 contributions au total\u00a0: 7 en trois langues, 5 en français et en anglais, 4 en français et en espagnol, 7 en français uniquement, 5 en anglais uniquement");
        ReferencePhaseStatisticsTests.AddsUp(hidden);

        await moderator.PostOkAsync($"/api/contributions/{spanishOnly}/restore", new { reason = "Checked: it is on topic." });
        var restored = await reader.GetJsonAsync($"/api/phases/{Phase3}/statistics?lang=es");
        restored["contributions"]!.GetValue<int>().Should().Be(29);
        restored["sentence"]!.GetValue<string>().Should().EndWith("7 solo en francés, 5 solo en inglés, 1 solo en español");
        ReferencePhaseStatisticsTests.AddsUp(restored);

        // A full recount from the contributions gives the same figures as the running tallies.
        (await moderator.PostOkAsync("/api/admin/statistics/rebuild", new { }))["contributions"]!.GetValue<int>().Should().BeGreaterThan(29);
        var rebuilt = await reader.GetJsonAsync($"/api/phases/{Phase3}/statistics?lang=es");
        rebuilt.ToJsonString().Should().Be(restored.ToJsonString());
    }
}
