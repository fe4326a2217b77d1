using System.Net;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;
using Forum.Synthesis.Syntheses;

namespace Forum.FunctionalTests.Syntheses;

public class SynthesesApiTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static object French(string title = "Première synthèse", string body = "Les contributions parlent surtout de **coopératives**.") =>
        new { language = "fr", title, body };

    [Fact]
    public async Task A_moderator_drafts_publishes_and_readers_see_it_with_its_languages()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var reader = app.Anonymous();

        var draft = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses", new { versions = new[] { French() } }, HttpStatusCode.Created);
        draft["number"]!.GetValue<int>().Should().Be(1);
        draft["status"]!.GetValue<string>().Should().Be("draft");
        draft["shown"]!["bodyHtml"]!.GetValue<string>().Should().Contain("<strong>coopératives</strong>");
        var id = draft["id"]!.GetValue<long>();

        (await reader.GetJsonAsync($"/api/phases/{phase}/syntheses")).AsArray().Should().BeEmpty("drafts are for the moderation team");
        (await reader.Http.GetAsync($"/api/syntheses/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await moderator.GetJsonAsync($"/api/phases/{phase}/syntheses?includeDrafts=true")).AsArray().Should().HaveCount(1);
        (await reader.Http.GetAsync($"/api/phases/{phase}/syntheses?includeDrafts=true")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await moderator.PostOkAsync($"/api/syntheses/{id}/publish", new { version = draft["version"]!.GetValue<Guid>() });
        app.Events.All.OfType<SynthesisPublished>().Should().ContainSingle(e => e.SynthesisId == id && e.PhaseId == phase && e.Number == 1)
            .Which.Languages.Should().Equal("fr");

        var inSpanish = (await reader.GetJsonAsync($"/api/phases/{phase}/syntheses?lang=es")).AsArray().Single()!;
        inSpanish["label"]!.GetValue<string>().Should().Be("Síntesis n.º\u00a01");
        inSpanish["availableIn"]!.GetValue<string>().Should().Be("Disponible solo en francés");
        inSpanish["shown"]!["language"]!.GetValue<string>().Should().Be("fr");
        inSpanish["shownIsFallback"]!.GetValue<bool>().Should().BeTrue();
        (await reader.GetJsonAsync($"/api/syntheses/{id}?lang=en"))["availableIn"]!.GetValue<string>().Should().Be("Available in French only");
        (await reader.GetJsonAsync($"/api/syntheses/{id}?lang=fr"))["availableIn"]!.GetValue<string>().Should().Be("Disponible uniquement en français");

        var current = await reader.GetJsonAsync($"/api/syntheses/{id}");
        var translated = await PutOkAsync(moderator, $"/api/syntheses/{id}/versions/en",
            new { title = "First synthesis", body = "Contributions mostly discuss cooperatives.", version = current["version"]!.GetValue<Guid>() });
        translated["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("en", "fr");
        var english = await reader.GetJsonAsync($"/api/syntheses/{id}?lang=es");
        english["availableIn"]!.GetValue<string>().Should().Be("Disponible en inglés y francés");
        (await reader.GetJsonAsync($"/api/syntheses/{id}?lang=en"))["shown"]!["title"]!.GetValue<string>().Should().Be("First synthesis");

        var second = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses",
            new { versions = new[] { new { language = "es", title = "Segunda síntesis", body = "Texto." } } }, HttpStatusCode.Created);
        second["number"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Edits_keep_their_history_and_a_stale_edit_is_refused()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var draft = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses", new { versions = new[] { French() } }, HttpStatusCode.Created);
        var id = draft["id"]!.GetValue<long>();
        var read = draft["version"]!.GetValue<Guid>();

        var edited = await PutOkAsync(moderator, $"/api/syntheses/{id}/versions/fr", new { title = "Première synthèse (revue)", body = "Texte revu.", version = read });
        edited["shown"]!["edition"]!.GetValue<int>().Should().Be(2);

        var stale = await moderator.PutAsync($"/api/syntheses/{id}/versions/fr", new { title = "Écrasement", body = "Texte d'un autre.", version = read });
        await stale.ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency.stale-version");
        var unversioned = await moderator.PutAsync($"/api/syntheses/{id}/versions/fr", new { title = "Sans version", body = "Texte." });
        await unversioned.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "version.required");

        var history = await moderator.GetJsonAsync($"/api/syntheses/{id}/history");
        history.AsArray().Select(r => (r!["edition"]!.GetValue<int>(), r["title"]!.GetValue<string>()))
            .Should().Equal((2, "Première synthèse (revue)"), (1, "Première synthèse"));
        (await moderator.GetJsonAsync($"/api/syntheses/{id}"))["shown"]!["title"]!.GetValue<string>().Should().Be("Première synthèse (revue)");

        var audit = await moderator.GetJsonAsync($"/api/phases/{phase}/audit");
        audit.ToJsonString().Should().Contain("synthesis.create").And.Contain("synthesis.edit");
    }

    [Fact]
    public async Task Unpublishing_hides_it_again_and_wrong_input_gets_clear_errors()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var draft = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses", new { versions = new[] { French() } }, HttpStatusCode.Created);
        var id = draft["id"]!.GetValue<long>();
        await moderator.PostOkAsync($"/api/syntheses/{id}/publish", new { });
        var again = await moderator.PostAsync($"/api/syntheses/{id}/publish", new { });
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "synthesis.already-published");
        await moderator.PostOkAsync($"/api/syntheses/{id}/unpublish", new { });
        (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/syntheses")).AsArray().Should().BeEmpty();
        app.Events.All.OfType<SynthesisUnpublished>().Should().Contain(e => e.SynthesisId == id);

        var none = await moderator.PostAsync($"/api/phases/{phase}/syntheses", new { versions = Array.Empty<object>() });
        await none.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "synthesis.text-required");
        var twice = await moderator.PostAsync($"/api/phases/{phase}/syntheses", new { versions = new[] { French(), French() } });
        await twice.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "synthesis.language-twice");
        var german = await moderator.PostAsync($"/api/phases/{phase}/syntheses", new { versions = new[] { new { language = "de", title = "T", body = "B" } } });
        await german.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "language.unknown");
        var untitled = await moderator.PostAsync($"/api/phases/{phase}/syntheses", new { versions = new[] { new { language = "fr", title = "", body = "B" } } });
        await untitled.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "title.required");
        var noPhase = await moderator.PostAsync("/api/phases/99999/syntheses", new { versions = new[] { French() } });
        await noPhase.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var noSynthesis = await moderator.PostAsync("/api/syntheses/99999/publish", new { });
        await noSynthesis.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await moderator.GetJsonAsync($"/api/phases/{phase}/syntheses?includeDrafts=true")).AsArray().Should().HaveCount(1, "refused requests store nothing");
    }

    [Fact]
    public async Task Only_moderators_write_syntheses()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var draft = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses", new { versions = new[] { French() } }, HttpStatusCode.Created);
        var id = draft["id"]!.GetValue<long>();
        var participant = await app.ParticipantAsync();
        var anonymous = app.Anonymous();

        (await participant.PostAsync($"/api/phases/{phase}/syntheses", new { versions = new[] { French() } })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await anonymous.PostAsync($"/api/phases/{phase}/syntheses", new { versions = new[] { French() } })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await participant.PostAsync($"/api/syntheses/{id}/publish", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await participant.PutAsync($"/api/syntheses/{id}/versions/fr", new { title = "X", body = "Y", version = draft["version"]!.GetValue<Guid>() })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await anonymous.Http.GetAsync($"/api/syntheses/{id}/history")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task<JsonNode> PutOkAsync(ForumClient client, string url, object body)
    {
        var response = await client.PutAsync(url, body);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
