using System.Net;
using System.Text.Json.Nodes;
using Forum.Core.Events;
using Forum.FunctionalTests.Infrastructure;
using Forum.FunctionalTests.Security;
using Microsoft.AspNetCore.Hosting;

namespace Forum.FunctionalTests.Edits;

/// <summary>Authors editing their versions through the API within the edit window (30 minutes, the default); moderators reading the history.</summary>
public class EditApiTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static string VersionUrl(long id, string language) => $"/api/contributions/{id}/versions/{language}";

    private static async Task<Guid> VersionOfAsync(ForumClient client, long id) =>
        (await client.GetJsonAsync($"/api/contributions/{id}"))["version"]!.GetValue<Guid>();

    private async Task<(int Phase, ForumClient Moderator, ForumClient Author, long Id)> PostedAsync(string language = "en", string title = "Community gardens", string body = "Gardens **bring** neighbours together.")
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var id = (await author.PostContributionAsync(phase, language, title, body))["id"]!.GetValue<long>();
        return (phase, moderator, author, id);
    }

    private static async Task<JsonNode> EditOkAsync(ForumClient client, long id, string language, string? title, string body)
    {
        var response = await client.PutAsync(VersionUrl(id, language), new { title, body, version = await VersionOfAsync(client, id) });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task The_author_edits_within_the_window_readers_see_the_new_text_and_moderators_the_old_one()
    {
        var (phase, moderator, author, id) = await PostedAsync();
        var reader = app.Anonymous();
        (await reader.GetJsonAsync($"/api/phases/{phase}/contributions"))["items"]![0]!["shown"]!["title"]!.GetValue<string>().Should().Be("Community gardens");
        var cached = await reader.Http.GetAsync($"/api/phases/{phase}/contributions");
        cached.Headers.Age.Should().NotBeNull("the list is served from the output cache before the edit");
        (await reader.GetJsonAsync($"/api/contributions/{id}"))["versions"]![0]!["editedAt"].Should().BeNull("a version as first written is not marked edited");

        app.Time.Advance(TimeSpan.FromMinutes(10));
        var edited = await EditOkAsync(author, id, "en", "Shared gardens", "Shared gardens **bring** neighbours together.");
        var version = edited["versions"]![0]!;
        version["title"]!.GetValue<string>().Should().Be("Shared gardens");
        version["bodyHtml"]!.GetValue<string>().Should().Contain("<strong>bring</strong>");
        version["editedAt"]!.GetValue<DateTimeOffset>().Should().Be(app.Time.GetUtcNow());
        version["editedAt"]!.GetValue<DateTimeOffset>().Offset.Should().Be(TimeSpan.FromHours(2), "times are shown in the forum's zone");
        version["updatedAt"]!.GetValue<DateTimeOffset>().Should().Be(version["editedAt"]!.GetValue<DateTimeOffset>());

        var read = await reader.GetJsonAsync($"/api/contributions/{id}");
        read["versions"]![0]!["body"]!.GetValue<string>().Should().Be("Shared gardens **bring** neighbours together.");
        read["versions"]![0]!["editedAt"].Should().NotBeNull("readers see that the text was edited");
        read.ToJsonString().Should().NotContain("Community gardens", "readers never see the old text");
        (await reader.GetJsonAsync($"/api/phases/{phase}/contributions"))["items"]![0]!["shown"]!["title"]!.GetValue<string>()
            .Should().Be("Shared gardens", "the edit evicts the cached list at once");
        (await app.CreateClient().GetStringAsync($"/en/phases/{phase}")).Should().Contain("Shared gardens").And.NotContain("Community gardens");

        var history = await moderator.GetJsonAsync($"{VersionUrl(id, "en")}/history");
        var texts = history["texts"]!.AsArray();
        texts.Select(t => t!["title"]!.GetValue<string>()).Should().Equal("Community gardens", "Shared gardens");
        texts[0]!["body"]!.GetValue<string>().Should().Be("Gardens **bring** neighbours together.");
        texts[0]!["isCurrent"]!.GetValue<bool>().Should().BeFalse();
        texts[0]!["replacedAt"]!.GetValue<DateTimeOffset>().Should().Be(texts[1]!["writtenAt"]!.GetValue<DateTimeOffset>());
        texts[0]!["writtenBy"]!["name"]!.GetValue<string>().Should().StartWith("author");
        texts[1]!["isCurrent"]!.GetValue<bool>().Should().BeTrue();
        texts[1]!["replacedAt"].Should().BeNull();

        app.Events.All.OfType<ContributionEdited>().Should().Contain(new ContributionEdited(phase, id, "en"), "the live layer hears of the edit");
    }

    [Fact]
    public async Task The_window_counts_from_the_writing_and_a_late_edit_is_refused()
    {
        var (_, _, author, id) = await PostedAsync();
        app.Time.Advance(TimeSpan.FromMinutes(29));
        await EditOkAsync(author, id, "en", "Gardens", "Still in time.");

        app.Time.Advance(TimeSpan.FromMinutes(1));
        var late = await author.PutAsync(VersionUrl(id, "en"), new { title = "Gardens", body = "Too late.", version = await VersionOfAsync(author, id) });
        var problem = await late.ShouldBeProblemAsync(HttpStatusCode.Conflict, "edit.window-closed");
        problem["detail"]!.GetValue<string>().Should().Contain("30 minutes");
        (await app.Anonymous().GetJsonAsync($"/api/contributions/{id}"))["versions"]![0]!["body"]!.GetValue<string>().Should().Be("Still in time.");
    }

    [Fact]
    public async Task Only_the_author_of_a_version_may_edit_it()
    {
        var (_, moderator, _, id) = await PostedAsync();
        var version = await VersionOfAsync(moderator, id);
        var other = await app.ParticipantAsync();
        await (await other.PutAsync(VersionUrl(id, "en"), new { title = "Mine now", body = "Hijacked.", version })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "edit.not-author");
        await (await moderator.PutAsync(VersionUrl(id, "en"), new { title = "Moderated", body = "Rewritten by a moderator.", version }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "edit.not-author");
        (await app.Anonymous().PutAsync(VersionUrl(id, "en"), new { title = "Anyone", body = "Anonymous.", version })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.Anonymous().GetJsonAsync($"/api/contributions/{id}"))["versions"]![0]!["body"]!.GetValue<string>().Should().Be("Gardens **bring** neighbours together.");
        (await moderator.GetJsonAsync($"{VersionUrl(id, "en")}/history"))["texts"]!.AsArray().Should().ContainSingle();

        var own = (await moderator.PostContributionAsync((await moderator.GetJsonAsync($"/api/contributions/{id}"))["phaseId"]!.GetValue<int>(), "en", "Moderator's note", "Posted by a moderator."))["id"]!.GetValue<long>();
        (await EditOkAsync(moderator, own, "en", "Moderator's note", "A moderator edits their own text."))["versions"]![0]!["editedAt"].Should().NotBeNull();
    }

    [Fact]
    public async Task A_translator_edits_their_translation_but_not_the_original()
    {
        var (_, _, author, id) = await PostedAsync("fr", "Les jardins partagés", "Les jardins rassemblent les voisins.");
        var translator = await app.ParticipantAsync("translator");
        await translator.PostOkAsync($"/api/contributions/{id}/translations", new { language = "es", title = "Los huertos", body = "Los huertos reúnen a los vecinos." }, HttpStatusCode.Created);

        var edited = await EditOkAsync(translator, id, "es", "Los huertos compartidos", "Los huertos compartidos reúnen a los vecinos.");
        edited["versions"]!.AsArray().Single(v => v!["language"]!.GetValue<string>() == "es")!["title"]!.GetValue<string>().Should().Be("Los huertos compartidos");
        edited["versions"]!.AsArray().Single(v => v!["language"]!.GetValue<string>() == "fr")!["editedAt"].Should().BeNull();

        var version = await VersionOfAsync(translator, id);
        await (await translator.PutAsync(VersionUrl(id, "fr"), new { title = "Autre", body = "Autre texte.", version })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "edit.not-author");
        await (await author.PutAsync(VersionUrl(id, "es"), new { title = "Otro", body = "Otro texto.", version })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "edit.not-author");
        await (await author.PutAsync(VersionUrl(id, "en"), new { title = "Other", body = "Other text.", version })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "version.not-found");
    }

    [Fact]
    public async Task An_edit_must_name_the_version_it_was_made_from()
    {
        var (_, _, author, id) = await PostedAsync();
        var read = await VersionOfAsync(author, id);
        await (await author.PutAsync(VersionUrl(id, "en"), new { title = "No version", body = "Sent without a version." })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "version.required");

        var translator = await app.ParticipantAsync();
        await translator.PostOkAsync($"/api/contributions/{id}/translations", new { language = "fr", title = "Jardins", body = "Les jardins." }, HttpStatusCode.Created);
        await (await author.PutAsync(VersionUrl(id, "en"), new { title = "Stale", body = "Written from an old read.", version = read }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency.stale-version");
        await (await author.PutAsync(VersionUrl(id, "en"), new { title = "Random", body = "Any guess.", version = Guid.NewGuid() }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency.stale-version");

        var first = await EditOkAsync(author, id, "en", "Fresh", "Written from a fresh read.");
        await (await author.PutAsync(VersionUrl(id, "en"), new { title = "Again", body = "With the version before my own edit.", version = read }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency.stale-version");
        first["version"]!.GetValue<Guid>().Should().NotBe(read, "each edit gives the contribution a new version");
    }

    [Fact]
    public async Task An_invalid_edit_is_refused_like_a_post_and_changes_nothing()
    {
        var (_, moderator, author, id) = await PostedAsync();
        var version = await VersionOfAsync(author, id);
        await (await author.PutAsync(VersionUrl(id, "en"), new { title = "Gardens", body = "   ", version })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "body.required");
        await (await author.PutAsync(VersionUrl(id, "en"), new { title = "", body = "No title.", version })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "title.required");
        await (await author.PutAsync(VersionUrl(id, "en"), new { title = new string('t', 201), body = "Long title.", version })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "title.too-long");
        await (await author.PutAsync(VersionUrl(id, "en"), new { title = "Gardens", body = new string('b', 60_001), version })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "body.too-long");
        await (await author.PutAsync(VersionUrl(id, "xx"), new { title = "Gardens", body = "Unknown language.", version })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var unchanged = await app.Anonymous().GetJsonAsync($"/api/contributions/{id}");
        unchanged["version"]!.GetValue<Guid>().Should().Be(version);
        unchanged["versions"]![0]!["title"]!.GetValue<string>().Should().Be("Community gardens");
        unchanged["versions"]![0]!["editedAt"].Should().BeNull();

        var same = await EditOkAsync(author, id, "en", " Community gardens ", "Gardens **bring** neighbours together.\n");
        same["version"]!.GetValue<Guid>().Should().Be(version, "sending the text already there stores nothing");
        same["versions"]![0]!["editedAt"].Should().BeNull();
        (await moderator.GetJsonAsync($"{VersionUrl(id, "en")}/history"))["texts"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Every_edit_is_kept_and_only_moderators_read_the_history()
    {
        var (_, moderator, author, id) = await PostedAsync();
        const int edits = 4;
        for (var i = 1; i <= edits; i++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(1));
            await EditOkAsync(author, id, "en", $"Gardens {i}", $"Edit number {i}.");
        }
        var texts = (await moderator.GetJsonAsync($"{VersionUrl(id, "en")}/history"))["texts"]!.AsArray();
        texts.Should().HaveCount(edits + 1);
        texts.Select(t => t!["body"]!.GetValue<string>()).Should().Equal(
            "Gardens **bring** neighbours together.", "Edit number 1.", "Edit number 2.", "Edit number 3.", "Edit number 4.");
        texts.Select(t => t!["edition"]!.GetValue<int>()).Should().Equal(1, 2, 3, 4, 5);
        texts.Select(t => t!["writtenAt"]!.GetValue<DateTimeOffset>()).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();

        await (await author.Http.GetAsync($"{VersionUrl(id, "en")}/history")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await app.Anonymous().Http.GetAsync($"{VersionUrl(id, "en")}/history")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Statistics_do_not_change_when_a_version_is_edited()
    {
        var (phase, moderator, author, id) = await PostedAsync("fr", "Les jardins", "Les jardins rassemblent.");
        var translator = await app.ParticipantAsync();
        await translator.PostOkAsync($"/api/contributions/{id}/translations", new { language = "en", title = "Gardens", body = "Gardens gather." }, HttpStatusCode.Created);
        await author.PostContributionAsync(phase, "es", "Los huertos", "Los huertos reúnen.");
        var before = (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/statistics?lang=en")).ToJsonString();
        before.Should().Contain("\"contributions\":2");

        await EditOkAsync(author, id, "fr", "Les jardins partagés", "Les jardins partagés rassemblent.");
        await EditOkAsync(translator, id, "en", "Shared gardens", "Shared gardens gather.");

        (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/statistics?lang=en")).ToJsonString().Should().Be(before);
        var admin = await app.AdminAsync();
        await admin.PostOkAsync("/api/admin/statistics/rebuild", new { });
        (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/statistics?lang=en")).ToJsonString().Should().Be(before, "a full recount agrees");
    }

    [Fact]
    public async Task Hostile_markup_in_an_edit_is_sanitised()
    {
        var (_, _, author, id) = await PostedAsync();
        foreach (var payload in XssCorpusTests.Corpus.Where((_, i) => i % 6 == 0))
        {
            var edited = await EditOkAsync(author, id, "en", payload.Length > 150 ? payload[..150] : payload, "Edited.\n\n" + payload);
            XssCorpusTests.Dangerous(edited["versions"]![0]!["bodyHtml"]!.GetValue<string>()).Should().BeEmpty($"the API's HTML of {payload}");
            var page = await app.CreateClient().GetStringAsync($"/en/contributions/{id}");
            var main = page[page.IndexOf("<main", StringComparison.Ordinal)..];
            XssCorpusTests.Dangerous(main).Should().BeEmpty($"the page after an edit with {payload}");
        }
    }

    [Fact]
    public async Task A_hidden_contribution_cannot_be_edited()
    {
        var (_, moderator, author, id) = await PostedAsync();
        var version = (await moderator.PostOkAsync($"/api/contributions/{id}/hide", new { reason = "Under review" }))["version"]!.GetValue<Guid>();
        await (await author.PutAsync(VersionUrl(id, "en"), new { title = "Sneaky", body = "Changed while hidden.", version }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "contribution.hidden");
        await (await (await app.ParticipantAsync()).PutAsync(VersionUrl(id, "en"), new { title = "x", body = "y", version }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "contribution.not-found");
        (await moderator.GetJsonAsync($"/api/contributions/{id}"))["versions"]![0]!["body"]!.GetValue<string>().Should().Be("Gardens **bring** neighbours together.");
    }
}

/// <summary>The forum with editing turned off.</summary>
public sealed class NoEditingForumApp : ForumApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Forum:EditWindowMinutes", "0");
    }
}

public class EditingTurnedOffTests(NoEditingForumApp app) : IClassFixture<NoEditingForumApp>
{
    [Fact]
    public async Task With_a_window_of_zero_no_version_can_be_edited()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var posted = await author.PostContributionAsync(phase, "en", "Gardens", "Gardens gather.");
        var id = posted["id"]!.GetValue<long>();
        await (await author.PutAsync($"/api/contributions/{id}/versions/en", new { title = "Gardens", body = "Edited at once.", version = posted["version"]!.GetValue<Guid>() }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "edit.disabled");
    }
}
