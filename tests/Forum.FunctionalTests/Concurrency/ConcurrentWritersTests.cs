using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;
using Forum.FunctionalTests.Statistics;

namespace Forum.FunctionalTests.Concurrency;

/// <summary>
/// Writers at the same moment, on every provider. SQLite takes them one at a time; a server database
/// (PostgreSQL here, SQL Server where one is given) lets their transactions overlap, which is where lost
/// counts, duplicate numbers, deadlocks and 500s would show.
/// </summary>
public class ConcurrentWritersTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static readonly string[] Codes = ["en", "fr", "es"];

    [Fact]
    public async Task Posts_translations_and_replies_at_once_across_two_phases_leave_tallies_equal_to_a_recount()
    {
        var moderator = await app.AdminAsync();
        var theme = (await moderator.CreateThemeAsync())["slug"]!.GetValue<string>();
        var first = (await moderator.CreatePhaseAsync(theme, 1, "2026-08-25T09:00", "2026-09-05T23:00"))["id"]!.GetValue<int>();
        var second = (await moderator.CreatePhaseAsync(theme, 2, "2026-09-06T09:00", "2026-09-30T23:00"))["id"]!.GetValue<int>();
        var early = await app.ParticipantAsync("early");
        var inFirst = new List<long>();
        for (var i = 0; i < 24; i++)
        {
            inFirst.Add((await early.PostContributionAsync(first, Codes[i % 3], $"First phase {i}", $"Written in the first phase, {i}."))["id"]!.GetValue<long>());
        }

        app.Time.Advance(TimeSpan.FromDays(5) + TimeSpan.FromHours(1));   // the first phase closes, the second opens
        moderator = await app.AdminAsync();
        var users = new List<ForumClient>();
        for (var i = 0; i < 6; i++)
        {
            users.Add(await app.ParticipantAsync($"w{i}"));
        }
        var inSecond = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            inSecond.Add((await users[i % 6].PostContributionAsync(second, Codes[i % 3], $"Second phase {i}", $"Written in the second phase, {i}."))["id"]!.GetValue<long>());
        }

        // 48 posts, 24 translations (half into the closed phase, half into the open one) and 12 replies, all at once.
        var posts = Enumerable.Range(0, 48).Select(i =>
            users[i % 6].PostContributionAsync(second, Codes[i % 3], $"At once {i}", $"Posted with the others, {i}."));
        var translations = inFirst.Take(12).Select((id, i) => (id, i)).Concat(inSecond.Select((id, i) => (id, i))).Select(t =>
            users[(t.i + 1) % 6].PostOkAsync($"/api/contributions/{t.id}/translations",
                new { language = Codes[(t.i + 1) % 3], title = "Translated", body = $"Translation {t.i}." }, HttpStatusCode.Created));
        var replies = inSecond.Select((id, i) =>
            users[(i + 2) % 6].PostOkAsync($"/api/contributions/{id}/replies", new { language = "fr", body = $"Réponse {i}." }, HttpStatusCode.Created));
        await Task.WhenAll(posts.Concat(translations).Concat(replies));

        var urls = new[] { $"/api/phases/{first}/statistics", $"/api/phases/{second}/statistics", $"/api/themes/{theme}/statistics" };
        var live = new List<JsonNode>();
        foreach (var url in urls)
        {
            live.Add(await app.Anonymous().GetJsonAsync(url));
        }
        Expect(live[0], contributions: 24, twoLanguages: 12, replies: 0, contributors: 1);
        Expect(live[1], contributions: 60, twoLanguages: 12, replies: 12, contributors: 6);
        Expect(live[2], contributions: 84, twoLanguages: 24, replies: 12, contributors: 7);

        await moderator.PostOkAsync("/api/admin/statistics/rebuild", new { });
        for (var i = 0; i < urls.Length; i++)
        {
            (await app.Anonymous().GetJsonAsync(urls[i])).ToJsonString().Should().Be(live[i].ToJsonString(), $"the running tallies of {urls[i]} equal a recount");
        }
    }

    [Fact]
    public async Task A_statistics_rebuild_among_posts_fails_none_of_them_and_counts_every_one()
    {
        var moderator = await app.AdminAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var users = new List<ForumClient>();
        for (var i = 0; i < 4; i++)
        {
            users.Add(await app.ParticipantAsync($"r{i}"));
        }

        for (var round = 0; round < 3; round++)
        {
            var posts = Enumerable.Range(0, 16).Select(i => users[i % 4].PostAsync($"/api/phases/{phase}/contributions",
                new { language = Codes[i % 3], title = $"Round {round}, {i}", body = "Posted while the statistics are recounted." })).ToList();
            posts.Insert(8, moderator.PostAsync("/api/admin/statistics/rebuild", new { }));
            var answers = await Task.WhenAll(posts);
            answers.Select(a => (int)a.StatusCode).Should().OnlyContain(s => s == 200 || s == 201, "writers wait for the recount and the recount for them");
        }

        var live = await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/statistics");
        live["contributions"]!.GetValue<int>().Should().Be(48);
        await moderator.PostOkAsync("/api/admin/statistics/rebuild", new { });
        (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/statistics")).ToJsonString().Should().Be(live.ToJsonString());
    }

    [Fact]
    public async Task Translations_into_one_language_sent_at_once_keep_one_and_refuse_the_others_as_taken()
    {
        var moderator = await app.AdminAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var translators = new List<ForumClient>();
        for (var i = 0; i < 4; i++)
        {
            translators.Add(await app.ParticipantAsync($"t{i}"));
        }
        for (var round = 0; round < 3; round++)
        {
            var id = (await author.PostContributionAsync(phase, "fr", $"Jardins {round}", "Des jardins partagés."))["id"]!.GetValue<long>();
            var answers = await Task.WhenAll(translators.Select((t, i) => t.PostAsync($"/api/contributions/{id}/translations",
                new { language = "en", title = $"Gardens {i}", body = $"Shared gardens, translation {i}." })));

            answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().Be(1);
            foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
            {
                await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "version.language-taken");
            }
            var stored = await app.Anonymous().GetJsonAsync($"/api/contributions/{id}");
            stored["versions"]!.AsArray().Select(v => v!["language"]!.GetValue<string>()).Should().BeEquivalentTo(["fr", "en"]);
        }
    }

    private static void Expect(JsonNode statistics, int contributions, int twoLanguages, int replies, int contributors)
    {
        statistics["contributions"]!.GetValue<int>().Should().Be(contributions);
        statistics["replies"]!.GetValue<int>().Should().Be(replies);
        statistics["contributors"]!.GetValue<int>().Should().Be(contributors);
        statistics["combinations"]!.AsArray().Where(c => c!["languages"]!.AsArray().Count == 2).Sum(c => c!["count"]!.GetValue<int>()).Should().Be(twoLanguages);
        ReferencePhaseStatisticsTests.AddsUp(statistics);
    }

    [Fact]
    public async Task Two_moderators_creating_syntheses_at_once_get_numbers_one_and_two()
    {
        var moderators = new[] { await app.ModeratorAsync(), await app.ModeratorAsync() };
        for (var round = 0; round < 5; round++)
        {
            var phase = await moderators[0].CreateOpenPhaseAsync();
            var answers = await Task.WhenAll(moderators.Select((m, i) => m.PostAsync($"/api/phases/{phase}/syntheses",
                new { versions = new[] { new { language = "fr", title = $"Synthèse de {i}", body = "Les contributions en bref." } } })));
            answers.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Created, "neither moderator meets an error");
            var numbers = new List<int>();
            foreach (var answer in answers)
            {
                numbers.Add((await answer.Content.ReadFromJsonAsync<JsonNode>())!["number"]!.GetValue<int>());
            }
            numbers.Should().BeEquivalentTo([1, 2], "each synthesis of a phase has its own number");
            var listed = await moderators[1].GetJsonAsync($"/api/phases/{phase}/syntheses?includeDrafts=true");
            listed.AsArray().Select(s => s!["number"]!.GetValue<int>()).Should().BeEquivalentTo([1, 2]);
        }
    }

    [Fact]
    public async Task Two_edits_of_one_version_sent_at_once_save_one_and_refuse_the_other_as_stale()
    {
        var moderator = await app.AdminAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        for (var round = 0; round < 5; round++)
        {
            var id = (await author.PostContributionAsync(phase, "en", $"Gardens {round}", "Shared gardens."))["id"]!.GetValue<long>();
            var version = (await author.GetJsonAsync($"/api/contributions/{id}"))["version"]!.GetValue<Guid>();
            var answers = await Task.WhenAll(new[] { "From the phone", "From the laptop" }.Select(title =>
                author.PutAsync($"/api/contributions/{id}/versions/en", new { title, body = $"{title}: shared gardens.", version })));

            answers.Select(a => a.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
            var refused = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
            await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency.stale-version");
            var saved = (await answers.Single(a => a.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonNode>())!;
            var stored = await app.Anonymous().GetJsonAsync($"/api/contributions/{id}");
            stored["versions"]![0]!["title"]!.GetValue<string>().Should().Be(saved["versions"]![0]!["title"]!.GetValue<string>());
        }
    }
}
