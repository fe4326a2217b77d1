using System.Net;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.FunctionalTests.Statistics;

/// <summary>
/// The running tallies against two independent references: the test's own record of what it did,
/// and a full recount by the server. A random but seeded sequence of posts, replies, translations,
/// hides and restores over two phases of one theme, with originals edited (their translations then out of date)
/// and stale translations updated drawn from a second seeded sequence, so the first stays as it was.
/// </summary>
public class StatisticsBookkeepingTests(ForumApp app) : IClassFixture<ForumApp>
{
    private sealed class Model
    {
        public required long Id;
        public required int Phase;
        public required string Author;
        public required string Original;
        public required bool IsReply;
        public HashSet<string> Languages = [];
        public bool Hidden;
        public HashSet<string> Outdated = [];
    }

    private static readonly string[] Codes = ["en", "fr", "es"];

    [Fact]
    public async Task Tallies_match_the_record_of_operations_and_a_full_recount()
    {
        var random = new Random(20261123);
        var staleness = new Random(20261201);
        var moderator = await app.AdminAsync();
        var theme = (await moderator.CreateThemeAsync())["slug"]!.GetValue<string>();
        var first = (await moderator.CreatePhaseAsync(theme, 1, "2026-08-25T09:00", "2026-09-05T23:00"))["id"]!.GetValue<int>();
        var second = (await moderator.CreatePhaseAsync(theme, 2, "2026-09-06T09:00", "2026-09-30T23:00"))["id"]!.GetValue<int>();
        var users = new List<(ForumClient Client, string Name)>();
        for (var i = 0; i < 4; i++)
        {
            users.Add((await app.ParticipantAsync($"p{i}"), $"p{i}"));
        }
        var posts = new List<Model>();
        var done = new Dictionary<string, int>();

        await RunAsync(random, staleness, first, users, posts, moderator, done, operations: 70);
        app.Time.Advance(TimeSpan.FromDays(5) + TimeSpan.FromHours(1));   // phase 1 closes, phase 2 opens
        // Sign-ins last an hour: the moderator signs in again, and a new group of participants joins; two of the first come back.
        moderator = await app.AdminAsync();
        users.RemoveRange(0, 2);
        for (var i = 0; i < 2; i++)
        {
            users.Add((await app.ParticipantAsync($"q{i}"), $"q{i}"));
        }
        users.RemoveRange(0, 2);
        users.Add((await app.ParticipantAsync("q2"), "q2"));
        await RunAsync(random, staleness, second, users, posts, moderator, done, operations: 70);

        done.Keys.Should().BeEquivalentTo(["post", "reply", "translate", "hide", "restore", "edit original", "update translation"],
            "the sequence exercises every kind of change");
        done.Values.Should().OnlyContain(n => n >= 3);
        foreach (var phase in new[] { first, second })
        {
            var live = await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/statistics");
            ShouldMatch(live, posts.Where(p => p.Phase == phase).ToList());
        }
        var liveTheme = await app.Anonymous().GetJsonAsync($"/api/themes/{theme}/statistics");
        ShouldMatch(liveTheme, posts);
        var volunteer = await app.ParticipantAsync("volunteer");
        foreach (var phase in new[] { first, second })
        {
            await DeskCountsShouldMatchAsync(volunteer, phase, posts);
        }

        await moderator.PostOkAsync("/api/admin/statistics/rebuild", new { });
        foreach (var phase in new[] { first, second })
        {
            await DeskCountsShouldMatchAsync(volunteer, phase, posts);
        }
        foreach (var (url, live) in new[] { ($"/api/phases/{first}/statistics", (JsonNode?)null), ($"/api/phases/{second}/statistics", null), ($"/api/themes/{theme}/statistics", liveTheme) })
        {
            var rebuilt = await app.Anonymous().GetJsonAsync(url);
            ShouldMatch(rebuilt, url.Contains("themes") ? posts : posts.Where(p => url.Contains($"/{p.Phase}/")).ToList());
            if (live is not null)
            {
                rebuilt.ToJsonString().Should().Be(live.ToJsonString());
            }
        }
    }

    [Fact]
    public async Task A_database_counted_before_the_desk_s_tallies_is_counted_again_and_the_desk_reads_them()
    {
        var phase = await (await app.AdminAsync()).CreateOpenPhaseAsync();
        await (await app.ParticipantAsync("author")).PostContributionAsync(phase, "fr", "Les AMAP", "Un contrat.");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Forum.Data.ForumDbContext>();
        var rebuilder = scope.ServiceProvider.GetRequiredService<Forum.Synthesis.Statistics.StatisticsRebuilder>();
        (await rebuilder.IsNeededAsync()).Should().BeFalse("the posts kept their tallies");

        // As a database upgraded from before the desk: every other tally there, none of the desk's.
        await db.Set<Forum.Synthesis.Statistics.StatisticTally>().Where(t => t.Kind == Forum.Synthesis.Statistics.TallyKinds.Desk).ExecuteDeleteAsync();
        (await rebuilder.IsNeededAsync()).Should().BeTrue();
        await rebuilder.RebuildAllAsync();

        (await rebuilder.IsNeededAsync()).Should().BeFalse();
        var desk = await (await app.ParticipantAsync("volunteer")).GetJsonAsync($"/api/translation/desk?phaseId={phase}&pair=fr-es");
        desk["pairs"]!.AsArray().Single(p => p!["from"]!.GetValue<string>() == "fr" && p["to"]!.GetValue<string>() == "es")!["missing"]!.GetValue<int>().Should().Be(1);
    }

    /// <summary>The desk's counts per pair, read from its tallies, against the record: visible top-level posts missing the
    /// second language, or stale in it while up to date in the first.</summary>
    private static async Task DeskCountsShouldMatchAsync(ForumClient volunteer, int phase, List<Model> posts)
    {
        var desk = await volunteer.GetJsonAsync($"/api/translation/desk?phaseId={phase}");
        var shown = posts.Where(p => p.Phase == phase && !p.IsReply && !p.Hidden).ToList();
        var pairs = desk["pairs"]!.AsArray();
        pairs.Should().HaveCount(6);
        foreach (var pair in pairs)
        {
            var (from, to) = (pair!["from"]!.GetValue<string>(), pair["to"]!.GetValue<string>());
            pair["missing"]!.GetValue<int>().Should().Be(shown.Count(p => p.Languages.Contains(from) && !p.Languages.Contains(to)), $"{from}-{to} missing");
            pair["toUpdate"]!.GetValue<int>().Should().Be(
                shown.Count(p => p.Languages.Contains(from) && !p.Outdated.Contains(from) && p.Languages.Contains(to) && p.Outdated.Contains(to)), $"{from}-{to} to update");
        }
    }

    private static async Task RunAsync(Random random, Random staleness, int phase, List<(ForumClient Client, string Name)> users, List<Model> posts, ForumClient moderator, Dictionary<string, int> done, int operations)
    {
        for (var step = 0; step < operations; step++)
        {
            void Did(string what) => done[what] = done.GetValueOrDefault(what) + 1;
            var (client, name) = users[random.Next(users.Count)];
            var visible = posts.Where(p => !p.Hidden).ToList();
            var roll = random.Next(100);
            if (roll < 40 || visible.Count == 0)
            {
                var language = Codes[random.Next(3)];
                var id = (await client.PostContributionAsync(phase, language, $"Step {step}", $"Body of step {step}."))["id"]!.GetValue<long>();
                posts.Add(new Model { Id = id, Phase = phase, Author = name, Original = language, IsReply = false, Languages = [language] });
                Did("post");
            }
            else if (roll < 55 && visible.Where(p => p.Phase == phase && !p.IsReply).ToList() is { Count: > 0 } parents)
            {
                var parent = parents[random.Next(parents.Count)];
                var language = Codes[random.Next(3)];
                var id = (await client.PostOkAsync($"/api/contributions/{parent.Id}/replies", new { language, body = $"Reply at step {step}." }, HttpStatusCode.Created))["id"]!.GetValue<long>();
                posts.Add(new Model { Id = id, Phase = phase, Author = name, Original = language, IsReply = true, Languages = [language] });
                Did("reply");
            }
            else if (roll < 80 && visible.Where(p => p.Languages.Count < 3).ToList() is { Count: > 0 } untranslated)
            {
                var target = untranslated[random.Next(untranslated.Count)];
                var language = Codes.Except(target.Languages).ElementAt(random.Next(3 - target.Languages.Count));
                await client.PostOkAsync($"/api/contributions/{target.Id}/translations", new { language, title = "Translation", body = $"Translated at step {step}." }, HttpStatusCode.Created);
                target.Languages.Add(language);
                Did("translate");
            }
            else if (roll < 92)
            {
                var target = visible[random.Next(visible.Count)];
                await moderator.PostOkAsync($"/api/contributions/{target.Id}/hide", new { reason = $"Hidden at step {step}." });
                target.Hidden = true;
                Did("hide");
            }
            else if (posts.Where(p => p.Hidden).ToList() is { Count: > 0 } hidden)
            {
                var target = hidden[random.Next(hidden.Count)];
                await moderator.PostOkAsync($"/api/contributions/{target.Id}/restore", new { reason = $"Restored at step {step}." });
                target.Hidden = false;
                Did("restore");
            }
            await ChangeTextsAsync(staleness, phase, step, users, posts, Did);
        }
    }

    /// <summary>Now and then, an author edits a translated original of theirs (within the window: the clock stands still in a phase), or someone updates a stale translation.</summary>
    private static async Task ChangeTextsAsync(Random staleness, int phase, int step, List<(ForumClient Client, string Name)> users, List<Model> posts, Action<string> did)
    {
        var roll = staleness.Next(100);
        var present = users.Select(u => u.Name).ToHashSet();
        if (roll < 15 && posts.Where(p => !p.Hidden && !p.IsReply && p.Phase == phase && p.Languages.Count > 1 && present.Contains(p.Author)).ToList() is { Count: > 0 } translated)
        {
            var target = translated[staleness.Next(translated.Count)];
            var author = users.First(u => u.Name == target.Author).Client;
            var version = (await author.GetJsonAsync($"/api/contributions/{target.Id}"))["version"]!.GetValue<Guid>();
            var response = await author.PutAsync($"/api/contributions/{target.Id}/versions/{target.Original}",
                new { title = $"Edited at step {step}", body = $"Edited at step {step}.", version });
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            target.Outdated.UnionWith(target.Languages.Where(l => l != target.Original));
            did("edit original");
        }
        else if (roll < 25 && posts.Where(p => !p.Hidden && !p.IsReply && p.Outdated.Count > 0).ToList() is { Count: > 0 } stale)
        {
            var target = stale[staleness.Next(stale.Count)];
            var language = target.Outdated.Order().ElementAt(staleness.Next(target.Outdated.Count));
            var (client, _) = users[staleness.Next(users.Count)];
            var version = (await client.GetJsonAsync($"/api/contributions/{target.Id}"))["version"]!.GetValue<Guid>();
            var response = await client.PutAsync($"/api/contributions/{target.Id}/versions/{language}/update",
                new { title = $"Updated at step {step}", body = $"Updated at step {step}.", version });
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            target.Outdated.Remove(language);
            did("update translation");
        }
    }

    private static void ShouldMatch(JsonNode statistics, List<Model> posts)
    {
        var shown = posts.Where(p => !p.Hidden).ToList();
        var contributions = shown.Where(p => !p.IsReply).ToList();
        statistics["contributions"]!.GetValue<int>().Should().Be(contributions.Count);
        statistics["replies"]!.GetValue<int>().Should().Be(shown.Count(p => p.IsReply));
        statistics["contributors"]!.GetValue<int>().Should().Be(shown.Select(p => p.Author).Distinct().Count());

        var expected = contributions.GroupBy(p => string.Join(' ', p.Languages.Order()))
            .ToDictionary(g => g.Key, g => g.Count());
        var actual = statistics["combinations"]!.AsArray().ToDictionary(
            c => string.Join(' ', c!["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Order()), c => c!["count"]!.GetValue<int>());
        actual.Should().BeEquivalentTo(expected);

        var originals = statistics["originalLanguages"]!.AsArray().ToDictionary(o => o!["language"]!.GetValue<string>(), o => o!["count"]!.GetValue<int>());
        originals.Should().BeEquivalentTo(contributions.GroupBy(p => p.Original).ToDictionary(g => g.Key, g => g.Count()));
        ReferencePhaseStatisticsTests.AddsUp(statistics);
        var outdated = statistics["coverage"]!.AsArray().ToDictionary(c => c!["language"]!.GetValue<string>(), c => c!["outdated"]!.GetValue<int>());
        outdated.Should().BeEquivalentTo(Codes.ToDictionary(l => l, l => contributions.Count(p => p.Outdated.Contains(l))));

        // Most languages first, then the larger count.
        var order = statistics["combinations"]!.AsArray().Select(c => c!["languages"]!.AsArray().Count * 100_000 + c["count"]!.GetValue<int>()).ToList();
        order.Should().BeInDescendingOrder();
    }
}
