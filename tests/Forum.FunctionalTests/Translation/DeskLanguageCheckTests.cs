using System.Net;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;
using static Forum.FunctionalTests.Contributions.LanguageCheckApiTests;

namespace Forum.FunctionalTests.Translation;

/// <summary>The language check on the desk's saves, through the API and the editor's question.</summary>
public class DeskLanguageCheckTests(LanguageCheckApp app) : IClassFixture<LanguageCheckApp>
{
    private async Task<(int Phase, long Id)> FrenchOnlyAsync()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var posted = await (await app.ParticipantAsync("author")).PostContributionAsync(phase, "fr", "Marchés de producteurs", French);
        return (phase, posted["id"]!.GetValue<long>());
    }

    private static JsonNode? VersionIn(JsonNode contribution, string language) =>
        contribution["versions"]!.AsArray().SingleOrDefault(v => v!["language"]!.GetValue<string>() == language);

    private async Task<HttpClient> VolunteerAsync()
    {
        var browser = Forms.NewBrowser(app);
        await Forms.RegisterAndLogInAsync(browser, "es", $"{Guid.NewGuid():N}@tests.localhost", "Lilac-Harbour-42", $"Lucía {Random.Shared.Next(1000, 9999)}");
        return browser;
    }

    [Fact]
    public async Task A_desk_save_that_reads_as_another_language_is_refused_naming_it_unless_confirmed()
    {
        var (_, id) = await FrenchOnlyAsync();
        var ana = await app.ParticipantAsync("ana");
        await ana.PostOkAsync("/api/translation/claims", new { item = "contribution", id, language = "es" }, HttpStatusCode.Created);

        var refused = await ana.PostAsync($"/api/translation/contribution/{id}/es", new { title = "Mercados", body = French });

        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "language.mismatch");
        problem["detectedLanguage"]!.GetValue<string>().Should().Be("fr");
        VersionIn(await ana.GetJsonAsync($"/api/contributions/{id}"), "es").Should().BeNull("nothing is stored");
        (await ana.GetJsonAsync("/api/translation/claims?mine=true")).AsArray().Should().ContainSingle("the claim stays while nothing is saved");

        await ana.PostOkAsync($"/api/translation/contribution/{id}/es", new { title = "Mercados", body = French, languageConfirmed = true }, HttpStatusCode.Created);
        var moderator = await app.ModeratorAsync();
        VersionIn(await moderator.GetJsonAsync($"/api/contributions/{id}"), "es")!["detectedLanguage"]!.GetValue<string>().Should().Be("fr", "marked for moderators");
        (await ana.GetJsonAsync("/api/translation/claims?mine=true")).AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task The_editor_asks_keeps_the_text_offers_only_keep_for_a_language_the_item_has_and_keep_saves()
    {
        var (_, id) = await FrenchOnlyAsync();
        using var lucia = await VolunteerAsync();
        var editor = $"/es/translate/contribution/{id}/es";

        var asked = await Forms.SubmitAsync(lucia, editor, editor + "?handler=Save", new() { ["Translation.Title"] = "Mercados", ["Translation.Body"] = French });

        asked.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await asked.Content.ReadAsStringAsync();
        Forms.Text(html).Should().Contain("Este texto parece estar en francés.");
        html.Should().Contain("name=\"Translation.LanguageConfirmed\" value=\"true\" class=\"secondary\">Mantenerlo en español</button>");
        html.Should().NotContain("name=\"Translation.PostAs\"", "the contribution is in French already");
        html.Should().Contain("value=\"Mercados\"").And.Contain("Les coopératives de notre région vendent directement", "what was typed stays");

        var kept = await Forms.SubmitAsync(lucia, editor, editor + "?handler=Save",
            new() { ["Translation.Title"] = "Mercados", ["Translation.Body"] = French, ["Translation.LanguageConfirmed"] = "true" });

        kept.StatusCode.Should().Be(HttpStatusCode.Redirect, await kept.Content.ReadAsStringAsync());
        VersionIn(await app.Anonymous().GetJsonAsync($"/api/contributions/{id}"), "es").Should().NotBeNull();
    }

    [Fact]
    public async Task The_editor_offers_to_save_as_the_language_heard_when_the_item_lacks_it_and_frees_the_claimed_language()
    {
        var (_, id) = await FrenchOnlyAsync();
        using var lucia = await VolunteerAsync();
        var editor = $"/es/translate/contribution/{id}/es";
        (await Forms.SubmitAsync(lucia, editor, editor + "?handler=Claim", new())).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var asked = await Forms.SubmitAsync(lucia, editor, editor + "?handler=Save", new() { ["Translation.Title"] = "Producer markets", ["Translation.Body"] = English });

        asked.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await asked.Content.ReadAsStringAsync()).Should().Contain("name=\"Translation.PostAs\" value=\"en\">Publicarlo en inglés</button>");

        var posted = await Forms.SubmitAsync(lucia, editor, editor + "?handler=Save",
            new() { ["Translation.Title"] = "Producer markets", ["Translation.Body"] = English, ["Translation.PostAs"] = "en" });

        posted.StatusCode.Should().Be(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());
        var read = await app.Anonymous().GetJsonAsync($"/api/contributions/{id}");
        read["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Should().BeEquivalentTo(["fr", "en"]);
        (await lucia.GetStringAsync(editor)).Should().Contain("data-claim=\"none\"", "nothing was written in Spanish: the claim is given back");
    }
    [Fact]
    public async Task The_editor_does_not_offer_to_save_over_a_stale_translation_in_the_language_heard()
    {
        var (_, id) = await FrenchOnlyAsync();
        var author = await app.ParticipantAsync("author-stale");
        var translator = await app.ParticipantAsync("translator");
        var stale = (await author.PostContributionAsync((await app.Anonymous().GetJsonAsync($"/api/contributions/{id}"))["phaseId"]!.GetValue<int>(),
            "fr", "Marchés", French))["id"]!.GetValue<long>();
        await translator.PostOkAsync($"/api/contributions/{stale}/translations", new { language = "es", title = "Mercados", body = Spanish }, HttpStatusCode.Created);
        await translator.PostOkAsync($"/api/contributions/{stale}/translations", new { language = "en", title = "Markets", body = English }, HttpStatusCode.Created);
        var version = (await author.GetJsonAsync($"/api/contributions/{stale}"))["version"]!.GetValue<Guid>();
        (await author.PutAsync($"/api/contributions/{stale}/versions/fr", new { title = "Marchés", body = French + " Et les écoles aussi.", version }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        using var lucia = await VolunteerAsync();
        var editor = $"/es/translate/contribution/{stale}/en";

        // Spanish typed into the English update: Spanish exists (stale), so saving it there would overwrite someone's text.
        var asked = await Forms.SubmitAsync(lucia, editor, editor + "?handler=Save", new() { ["Translation.Title"] = "Mercados", ["Translation.Body"] = Spanish });

        asked.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await asked.Content.ReadAsStringAsync();
        html.Should().Contain("name=\"Translation.LanguageConfirmed\"").And.NotContain("name=\"Translation.PostAs\"");
    }
}

