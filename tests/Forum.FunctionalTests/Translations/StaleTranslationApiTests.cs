using System.Net;
using System.Text.Json.Nodes;
using Forum.Core.Events;
using Forum.FunctionalTests.Infrastructure;
using Forum.FunctionalTests.Security;

namespace Forum.FunctionalTests.Translations;

/// <summary>Translations marked "may be out of date" when their original is edited, and updated by their translator or by anyone.</summary>
public class StaleTranslationApiTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static async Task<Guid> VersionOfAsync(ForumClient client, long id) =>
        (await client.GetJsonAsync($"/api/contributions/{id}"))["version"]!.GetValue<Guid>();

    private static async Task<JsonNode> PutOkAsync(ForumClient client, string url, string title, string body, long id)
    {
        var response = await client.PutAsync(url, new { title, body, version = await VersionOfAsync(client, id) });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static JsonNode VersionIn(JsonNode contribution, string language) =>
        contribution["versions"]!.AsArray().Single(v => v!["language"]!.GetValue<string>() == language)!;

    /// <summary>A French original by "author", translated into English by "translator", in a new open phase.</summary>
    private async Task<(int Phase, ForumClient Author, ForumClient Translator, long Id)> TranslatedAsync()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var translator = await app.ParticipantAsync("translator");
        var id = (await author.PostContributionAsync(phase, "fr", "Jardins partagés", "Les jardins **rapprochent** les voisins."))["id"]!.GetValue<long>();
        await translator.PostOkAsync($"/api/contributions/{id}/translations",
            new { language = "en", title = "Shared gardens", body = "Gardens **bring** neighbours together." }, HttpStatusCode.Created);
        return (phase, author, translator, id);
    }

    [Fact]
    public async Task Editing_the_original_marks_the_translation_with_the_date_and_the_translators_edit_clears_it()
    {
        var (phase, author, translator, id) = await TranslatedAsync();
        var reader = app.Anonymous();
        VersionIn(await reader.GetJsonAsync($"/api/contributions/{id}"), "en")["outdatedSince"].Should().BeNull();

        app.Time.Advance(TimeSpan.FromMinutes(5));
        var changedAt = app.Time.GetUtcNow();
        var edited = await PutOkAsync(author, $"/api/contributions/{id}/versions/fr", "Jardins partagés", "Les jardins rapprochent les voisins et les écoles.", id);
        VersionIn(edited, "fr")["outdatedSince"].Should().BeNull("an original is never out of date");

        var read = await reader.GetJsonAsync($"/api/contributions/{id}");
        var since = VersionIn(read, "en")["outdatedSince"]!.GetValue<DateTimeOffset>();
        since.Should().Be(changedAt);
        since.Offset.Should().Be(TimeSpan.FromHours(2), "dates are in the forum's zone like the others");
        var card = (await reader.GetJsonAsync($"/api/phases/{phase}/contributions?lang=en"))["items"]![0]!["shown"]!;
        card["outdatedSince"]!.GetValue<DateTimeOffset>().Should().Be(changedAt, "the list shows it too, past its cache");
        app.Events.All.OfType<ContributionEdited>().Should().Contain(new ContributionEdited(phase, id, "en"), "live readers hear the translation changed");

        app.Time.Advance(TimeSpan.FromMinutes(5));
        await PutOkAsync(translator, $"/api/contributions/{id}/versions/en", "Shared gardens", "Gardens bring neighbours and schools together.", id);
        VersionIn(await reader.GetJsonAsync($"/api/contributions/{id}"), "en")["outdatedSince"].Should().BeNull();
    }

    [Fact]
    public async Task Someone_else_updates_a_stale_translation_after_its_window_and_becomes_its_translator()
    {
        var (phase, author, _, id) = await TranslatedAsync();
        app.Time.Advance(TimeSpan.FromMinutes(10));
        await PutOkAsync(author, $"/api/contributions/{id}/versions/fr", "Jardins partagés", "Les jardins rapprochent les voisins et les écoles.", id);
        app.Time.Advance(TimeSpan.FromMinutes(40));
        var volunteer = await app.ParticipantAsync("volunteer");

        var updated = await PutOkAsync(volunteer, $"/api/contributions/{id}/versions/en/update", "Shared gardens", "Gardens bring neighbours and schools together.", id);

        var english = VersionIn(updated, "en");
        english["outdatedSince"].Should().BeNull();
        english["body"]!.GetValue<string>().Should().Be("Gardens bring neighbours and schools together.");
        english["author"]!["name"]!.GetValue<string>().Should().StartWith("volunteer");
        english["editedAt"]!.GetValue<DateTimeOffset>().Should().Be(app.Time.GetUtcNow());
        var moderator = await app.ModeratorAsync();
        var history = (await moderator.GetJsonAsync($"/api/contributions/{id}/versions/en/history"))["texts"]!.AsArray();
        history.Select(t => (t!["body"]!.GetValue<string>(), t["writtenBy"]!["name"]!.GetValue<string>()[..5]))
            .Should().Equal(("Gardens **bring** neighbours together.", "trans"), ("Gardens bring neighbours and schools together.", "volun"));
        app.Events.All.OfType<ContributionEdited>().Count(e => e.ContributionId == id && e.Language == "en").Should().BeGreaterThanOrEqualTo(2);

        // Up to date now: nothing to update; the updater may still fix it in their own window.
        var again = await volunteer.PutAsync($"/api/contributions/{id}/versions/en/update",
            new { title = "Shared gardens", body = "Other.", version = await VersionOfAsync(volunteer, id) });
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "translation.not-outdated");
        await PutOkAsync(volunteer, $"/api/contributions/{id}/versions/en", "Shared gardens", "Gardens bring neighbours and schools closer.", id);
        _ = phase;
    }

    [Fact]
    public async Task Updating_is_refused_for_the_original_an_up_to_date_translation_bad_text_a_stale_read_and_anonymous_callers()
    {
        var (_, author, _, id) = await TranslatedAsync();
        var volunteer = await app.ParticipantAsync("volunteer");
        var read = await VersionOfAsync(volunteer, id);

        var upToDate = await volunteer.PutAsync($"/api/contributions/{id}/versions/en/update", new { title = "T", body = "B.", version = read });
        await upToDate.ShouldBeProblemAsync(HttpStatusCode.Conflict, "translation.not-outdated");

        app.Time.Advance(TimeSpan.FromMinutes(1));
        await PutOkAsync(author, $"/api/contributions/{id}/versions/fr", "Jardins partagés", "Texte revu.", id);
        var original = await volunteer.PutAsync($"/api/contributions/{id}/versions/fr/update", new { title = "T", body = "B.", version = await VersionOfAsync(volunteer, id) });
        await original.ShouldBeProblemAsync(HttpStatusCode.Conflict, "translation.is-original");
        var empty = await volunteer.PutAsync($"/api/contributions/{id}/versions/en/update", new { title = "T", body = "  ", version = await VersionOfAsync(volunteer, id) });
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var stale = await volunteer.PutAsync($"/api/contributions/{id}/versions/en/update", new { title = "T", body = "B.", version = read });
        await stale.ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency.stale-version");
        var anonymous = await app.Anonymous().PutAsync($"/api/contributions/{id}/versions/en/update", new { title = "T", body = "B.", version = read });
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        VersionIn(await volunteer.GetJsonAsync($"/api/contributions/{id}"), "en")["outdatedSince"].Should().NotBeNull("nothing refused changed it");
    }

    [Fact]
    public async Task The_backlog_lists_stale_translations_apart_and_coverage_counts_them_as_readable()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var translator = await app.ParticipantAsync("translator");
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var id = (await author.PostContributionAsync(phase, "fr", $"Titre {i}", $"Texte {i}."))["id"]!.GetValue<long>();
            await translator.PostOkAsync($"/api/contributions/{id}/translations", new { language = "en", title = $"Title {i}", body = $"Text {i}." }, HttpStatusCode.Created);
            ids.Add(id);
        }
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await PutOkAsync(author, $"/api/contributions/{ids[2]}/versions/fr", "Titre 2", "Texte 2 revu.", ids[2]);
        var first = app.Time.GetUtcNow();
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await PutOkAsync(author, $"/api/contributions/{ids[0]}/versions/fr", "Titre 0", "Texte 0 revu.", ids[0]);

        var reader = app.Anonymous();
        var outdated = await reader.GetJsonAsync($"/api/phases/{phase}/statistics/backlog?language=en&state=outdated&limit=1");
        outdated["state"]!.GetValue<string>().Should().Be("outdated");
        var item = outdated["items"]!.AsArray().Single()!;
        (item["id"]!.GetValue<long>(), item["outdatedSince"]!.GetValue<DateTimeOffset>()).Should().Be((ids[2], first), "the longest out of date comes first");
        item["title"]!.GetValue<string>().Should().Be("Titre 2");
        var next = await reader.GetJsonAsync($"/api/phases/{phase}/statistics/backlog?language=en&state=outdated&limit=1&cursor={outdated["nextCursor"]!.GetValue<string>()}");
        next["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).Should().Equal(ids[0]);
        next["nextCursor"].Should().BeNull();

        var missing = await reader.GetJsonAsync($"/api/phases/{phase}/statistics/backlog?language=en");
        (missing["state"]!.GetValue<string>(), missing["items"]!.AsArray().Count).Should().Be(("missing", 0), "a stale translation is still there to read");
        (await reader.GetJsonAsync($"/api/phases/{phase}/statistics/backlog?language=es"))["items"]!.AsArray().Should().HaveCount(3);
        var unknown = await reader.Http.GetAsync($"/api/phases/{phase}/statistics/backlog?language=en&state=stale");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "backlog.state-unknown");

        var coverage = (await reader.GetJsonAsync($"/api/phases/{phase}/statistics"))["coverage"]!.AsArray()
            .ToDictionary(c => c!["language"]!.GetValue<string>(), c => (c!["readable"]!.GetValue<int>(), c["missing"]!.GetValue<int>(), c["outdated"]!.GetValue<int>()));
        coverage["en"].Should().Be((3, 0, 2));
        coverage["fr"].Should().Be((3, 0, 0));

        await PutOkAsync(await app.ParticipantAsync("volunteer"), $"/api/contributions/{ids[0]}/versions/en/update", "Title 0", "Text 0, revised.", ids[0]);
        (await reader.GetJsonAsync($"/api/phases/{phase}/statistics"))["coverage"]!.AsArray()
            .Single(c => c!["language"]!.GetValue<string>() == "en")!["outdated"]!.GetValue<int>().Should().Be(1);
        (await reader.GetJsonAsync($"/api/phases/{phase}/statistics/backlog?language=en&state=outdated"))["items"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<long>()).Should().Equal(ids[2]);

        var live = (await reader.GetJsonAsync($"/api/phases/{phase}/statistics"))["coverage"]!.ToJsonString();
        await (await app.AdminAsync()).PostOkAsync("/api/admin/statistics/rebuild", new { });
        (await reader.GetJsonAsync($"/api/phases/{phase}/statistics"))["coverage"]!.ToJsonString().Should().Be(live, "the recount finds the same");
    }

    [Fact]
    public async Task A_synthesis_rewritten_in_one_language_shows_the_others_out_of_date_until_they_are_written()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var draft = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses", new
        {
            versions = new[] { new { language = "fr", title = "Synthèse", body = "Texte." }, new { language = "en", title = "Synthesis", body = "Text." } },
        }, HttpStatusCode.Created);
        var id = draft["id"]!.GetValue<long>();
        draft["versions"]!.AsArray().Should().OnlyContain(v => v!["outdatedSince"] == null, "texts written together mark none of each other");

        app.Time.Advance(TimeSpan.FromMinutes(3));
        var response = await moderator.PutAsync($"/api/syntheses/{id}/versions/fr", new { title = "Synthèse", body = "Texte revu.", version = draft["version"]!.GetValue<Guid>() });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var rewritten = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        VersionIn(rewritten, "en")["outdatedSince"]!.GetValue<DateTimeOffset>().Should().Be(app.Time.GetUtcNow());
        VersionIn(rewritten, "fr")["outdatedSince"].Should().BeNull();

        response = await moderator.PutAsync($"/api/syntheses/{id}/versions/en", new { title = "Synthesis", body = "Text, revised.", version = rewritten["version"]!.GetValue<Guid>() });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["versions"]!.AsArray().Should().OnlyContain(v => v!["outdatedSince"] == null);
    }
}
