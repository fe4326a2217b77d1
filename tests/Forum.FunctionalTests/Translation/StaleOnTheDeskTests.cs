using System.Net;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Translation;

/// <summary>Translations that may be out of date on the desk: listed and counted apart, claimed, updated, and the editor's form.</summary>
public class StaleOnTheDeskTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static object Claim(long id, string language = "es", string item = "contribution") => new { item, id, language };

    /// <summary>A French original translated into Spanish, then edited by its author: the Spanish text may be out of date.</summary>
    private async Task<(int Phase, long Id, DateTimeOffset ChangedAt)> StaleSpanishAsync()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var id = (await author.PostContributionAsync(phase, "fr", "Les AMAP", "Un contrat de confiance."))["id"]!.GetValue<long>();
        await (await app.ParticipantAsync("translator")).PostOkAsync($"/api/contributions/{id}/translations",
            new { language = "es", title = "Las AMAP", body = "Un contrato de confianza." }, HttpStatusCode.Created);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var version = (await author.GetJsonAsync($"/api/contributions/{id}"))["version"]!.GetValue<Guid>();
        var edited = await author.PutAsync($"/api/contributions/{id}/versions/fr",
            new { title = "Les AMAP", body = "Un contrat de confiance entre paysans et mangeurs.", version });
        edited.StatusCode.Should().Be(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        return (phase, id, app.Time.GetUtcNow());
    }

    private static JsonNode VersionIn(JsonNode contribution, string language) =>
        contribution["versions"]!.AsArray().Single(v => v!["language"]!.GetValue<string>() == language)!;

    private async Task<HttpClient> VolunteerAsync()
    {
        var browser = Forms.NewBrowser(app);
        await Forms.RegisterAndLogInAsync(browser, "es", $"{Guid.NewGuid():N}@tests.localhost", "Lilac-Harbour-42", $"Lucía {Random.Shared.Next(1000, 9999)}");
        return browser;
    }

    private static async Task<string> PageAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        return html;
    }

    [Fact]
    public async Task A_stale_translation_is_on_the_desk_to_update_with_its_date_and_counted_apart_from_missing_ones()
    {
        var (phase, stale, changedAt) = await StaleSpanishAsync();
        var author = await app.ParticipantAsync("author");
        var missing = (await author.PostContributionAsync(phase, "fr", "Les marchés", "Des lieux de rencontre."))["id"]!.GetValue<long>();
        var ana = await app.ParticipantAsync("ana");

        var desk = await ana.GetJsonAsync($"/api/translation/desk?phaseId={phase}&pair=fr-es");

        desk["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).Should().Equal([stale, missing], "oldest first, stale or missing");
        var item = desk["items"]![0]!;
        item["missing"]!.AsArray().Should().BeEmpty();
        var toUpdate = item["toUpdate"]!.AsArray().Single()!;
        toUpdate["language"]!.GetValue<string>().Should().Be("es");
        toUpdate["since"]!.GetValue<DateTimeOffset>().Should().Be(changedAt);
        desk["items"]![1]!["missing"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("es");
        var pair = desk["pairs"]!.AsArray().Single(p => p!["from"]!.GetValue<string>() == "fr" && p["to"]!.GetValue<string>() == "es")!;
        (pair["count"]!.GetValue<int>(), pair["missing"]!.GetValue<int>(), pair["toUpdate"]!.GetValue<int>()).Should().Be((2, 1, 1));
    }

    [Fact]
    public async Task A_stale_translation_is_claimed_and_updated_through_the_desk_which_clears_its_mark_and_releases_the_claim()
    {
        var (phase, id, _) = await StaleSpanishAsync();
        var ana = await app.ParticipantAsync("ana");
        await ana.PostOkAsync("/api/translation/claims", Claim(id), HttpStatusCode.Created);
        var read = (await ana.GetJsonAsync($"/api/contributions/{id}"))["version"]!.GetValue<Guid>();

        var saved = await ana.PostOkAsync($"/api/translation/contribution/{id}/es",
            new { title = "Las AMAP", body = "Un contrato de confianza entre campesinos y consumidores.", version = read }, HttpStatusCode.Created);

        var spanish = VersionIn(saved, "es");
        spanish["outdatedSince"].Should().BeNull();
        spanish["body"]!.GetValue<string>().Should().Be("Un contrato de confianza entre campesinos y consumidores.");
        spanish["author"]!["name"]!.GetValue<string>().Should().StartWith("ana", "the updater answers for the text now");
        spanish["machineAssisted"]!.GetValue<bool>().Should().BeFalse();
        (await ana.GetJsonAsync("/api/translation/claims")).AsArray().Should().NotContain(c => c!["id"]!.GetValue<long>() == id);
        (await ana.GetJsonAsync($"/api/translation/desk?phaseId={phase}&pair=fr-es"))["items"]!.AsArray().Should().BeEmpty();

        await (await ana.PostAsync("/api/translation/claims", Claim(id))).ShouldBeProblemAsync(HttpStatusCode.Conflict, "version.language-taken");
        await (await ana.PostAsync($"/api/translation/contribution/{id}/es", new { title = "Las AMAP", body = "Otra vez." }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "version.language-taken");
    }

    [Fact]
    public async Task An_update_made_from_an_original_changed_since_answers_reload()
    {
        var (_, id, _) = await StaleSpanishAsync();
        var ana = await app.ParticipantAsync("ana");

        await (await ana.PostAsync($"/api/translation/contribution/{id}/es", new { title = "Las AMAP", body = "Un contrato.", version = Guid.NewGuid() }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency.stale-version");

        var saved = await ana.PostOkAsync($"/api/translation/contribution/{id}/es",
            new { title = "Las AMAP", body = "Un contrato.", machineAssisted = true }, HttpStatusCode.Created);
        VersionIn(saved, "es")["machineAssisted"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_published_synthesis_stale_in_a_language_is_on_the_desk_and_a_participant_updates_it()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var draft = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses", new
        {
            versions = new[] { new { language = "fr", title = "Synthèse", body = "Texte." }, new { language = "en", title = "Synthesis", body = "Text." } },
        }, HttpStatusCode.Created);
        var id = draft["id"]!.GetValue<long>();
        var published = await moderator.PostOkAsync($"/api/syntheses/{id}/publish", new { version = draft["version"]!.GetValue<Guid>() });
        app.Time.Advance(TimeSpan.FromMinutes(1));
        (await moderator.PutAsync($"/api/syntheses/{id}/versions/fr", new { title = "Synthèse", body = "Texte revu.", version = published["version"]!.GetValue<Guid>() }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var ana = await app.ParticipantAsync("ana");

        var desk = await ana.GetJsonAsync($"/api/translation/desk?phaseId={phase}&pair=fr-en");
        var item = desk["syntheses"]!.AsArray().Single()!;
        item["toUpdate"]!.AsArray().Single()!["language"]!.GetValue<string>().Should().Be("en");
        desk["pairs"]!.AsArray().Single(p => p!["from"]!.GetValue<string>() == "fr" && p["to"]!.GetValue<string>() == "en")!["toUpdate"]!.GetValue<int>().Should().Be(1);

        await ana.PostOkAsync("/api/translation/claims", Claim(id, "en", "synthesis"), HttpStatusCode.Created);
        var saved = await ana.PostOkAsync($"/api/translation/synthesis/{id}/en", new { title = "Synthesis", body = "Text, revised." }, HttpStatusCode.Created);

        saved["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("en", "fr");
        var read = await app.Anonymous().GetJsonAsync($"/api/syntheses/{id}?lang=en");
        read["versions"]!.AsArray().Single(v => v!["language"]!.GetValue<string>() == "en")!["outdatedSince"].Should().BeNull();
        (await ana.GetJsonAsync($"/api/translation/desk?phaseId={phase}&pair=fr-en"))["syntheses"]!.AsArray().Should().BeEmpty();
        await (await ana.PostAsync($"/api/translation/synthesis/{id}/fr", new { title = "Synthèse", body = "Texte." }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "synthesis.language-taken");
    }

    [Fact]
    public async Task The_desk_page_says_to_update_and_the_editor_holds_the_stale_translation_beside_the_original()
    {
        var (phase, id, _) = await StaleSpanishAsync();
        using var lucia = await VolunteerAsync();

        var desk = await PageAsync(lucia, $"/es/translate?phase={phase}&pair=fr-es");
        desk.Should().Contain($"id=\"desk-target-contribution-{id}-es\" data-work=\"update\"");
        var text = Forms.Text(desk);
        text.Should().Contain("español: quizá desactualizada").And.Contain("Actualizar la traducción al español");
        text.Should().Contain("(0 por traducir, 1 por actualizar)");

        var claimed = await Forms.SubmitAsync(lucia, $"/es/translate?phase={phase}&pair=fr-es", "/es/translate?handler=Claim",
            new() { ["item"] = "contribution", ["id"] = id.ToString(), ["language"] = "es" });
        claimed.StatusCode.Should().Be(HttpStatusCode.Redirect, await claimed.Content.ReadAsStringAsync());
        var editorUrl = $"/es/translate/contribution/{id}/es";
        var editor = await PageAsync(lucia, editorUrl);
        editor.Should().Contain("data-work=\"update\"").And.Contain("data-claim=\"mine\"");
        Forms.Text(editor).Should().Contain("Actualizar la traducción de una contribución al español").And.Contain("Guardar la traducción actualizada");
        editor.Should().Contain("value=\"Las AMAP\"").And.Contain(">Un contrato de confianza.</textarea>", "the stale translation, to update");
        editor.Should().Contain("id=\"desk-source\" lang=\"fr\"").And.Contain("Un contrat de confiance entre paysans et mangeurs.", "the original as it reads now");
        editor.Should().NotContain("id=\"translation-draft\"", "no machine translation provider is configured");

        var saved = await Forms.SubmitAsync(lucia, editorUrl, editorUrl + "?handler=Save", new()
        {
            ["Translation.Title"] = "Las AMAP", ["Translation.Body"] = "Un contrato de confianza entre campesinos y consumidores.",
            ["ItemVersion"] = (await app.Anonymous().GetJsonAsync($"/api/contributions/{id}"))["version"]!.GetValue<string>(),
        });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var spanish = VersionIn(await app.Anonymous().GetJsonAsync($"/api/contributions/{id}"), "es");
        spanish["outdatedSince"].Should().BeNull();
        spanish["body"]!.GetValue<string>().Should().Be("Un contrato de confianza entre campesinos y consumidores.");
        (await PageAsync(lucia, $"/es/translate?phase={phase}&pair=fr-es")).Should().NotContain($"desk-contribution-{id}\"");
    }

    [Fact]
    public async Task The_editor_of_a_missing_translation_says_so_and_starts_empty()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var id = (await (await app.ParticipantAsync("author")).PostContributionAsync(phase, "fr", "Les AMAP", "Un contrat."))["id"]!.GetValue<long>();
        using var lucia = await VolunteerAsync();

        var editor = await PageAsync(lucia, $"/es/translate/contribution/{id}/es");

        editor.Should().Contain("data-work=\"translate\"").And.NotContain("data-work=\"update\"");
        Forms.Text(editor).Should().Contain("Este texto aún no se puede leer en español.").And.Contain("Guardar la traducción");
        editor.Should().Contain("></textarea>");
    }
}
