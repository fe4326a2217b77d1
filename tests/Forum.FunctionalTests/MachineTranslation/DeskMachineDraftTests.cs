using System.Net;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.MachineTranslation;

/// <summary>
/// "Draft with machine translation" in the desk's editor, a plain form post, against the fake LibreTranslate.
/// Tests share the fake service, whose answers they change: they run one at a time (one class).
/// </summary>
public class DeskMachineDraftTests(MachineTranslationForumApp app) : IClassFixture<MachineTranslationForumApp>
{
    private async Task<(long Id, string Editor, HttpClient Browser)> FrenchOnlyInTheEditorAsync()
    {
        app.Service.Reset();
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var id = (await (await app.ParticipantAsync("marie")).PostContributionAsync(phase, "fr", "Les monnaies locales", "Les monnaies **locales** relocalisent."))["id"]!
            .GetValue<long>();
        var browser = Forms.NewBrowser(app);
        await Forms.RegisterAndLogInAsync(browser, "es", $"{Guid.NewGuid():N}@tests.localhost", "Lilac-Harbour-42", $"Lucía {Random.Shared.Next(1000, 9999)}");
        return (id, $"/es/translate/contribution/{id}/es", browser);
    }

    private static JsonNode? VersionIn(JsonNode contribution, string language) =>
        contribution["versions"]!.AsArray().SingleOrDefault(v => v!["language"]!.GetValue<string>() == language);

    [Fact]
    public async Task The_draft_fills_the_editor_and_the_saved_translation_is_machine_assisted()
    {
        var (id, editor, browser) = await FrenchOnlyInTheEditorAsync();
        using var _ = browser;
        (await browser.GetStringAsync(editor)).Should().Contain("id=\"translation-draft\"").And.Contain("Borrador con traducción automática");

        var drafted = await Forms.SubmitAsync(browser, editor, editor + "?handler=Draft", new() { ["Translation.Title"] = "", ["Translation.Body"] = "" });

        drafted.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await drafted.Content.ReadAsStringAsync();
        html.Should().Contain("value=\"LES MONNAIES LOCALES\"").And.Contain(">LES MONNAIES **LOCALES** RELOCALISENT.</textarea>", "Markdown for the editor");
        html.Should().Contain("name=\"MachineAssisted\" value=\"true\"").And.Contain("id=\"editor-drafted\"");
        app.Service.LastRequest!["target"]!.GetValue<string>().Should().Be("es");
        VersionIn(await app.Anonymous().GetJsonAsync($"/api/contributions/{id}"), "es").Should().BeNull("a draft is not saved");

        var saved = await Forms.SubmitAsync(browser, editor, editor + "?handler=Save", new()
        {
            ["Translation.Title"] = "Las monedas locales", ["Translation.Body"] = "Las monedas **locales** relocalizan.", ["MachineAssisted"] = "true",
        });

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        VersionIn(await app.Anonymous().GetJsonAsync($"/api/contributions/{id}"), "es")!["machineAssisted"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_provider_failure_is_said_on_the_page_and_what_was_typed_stays()
    {
        var (_, editor, browser) = await FrenchOnlyInTheEditorAsync();
        using var _ = browser;
        app.Service.Answer = FakeAnswer.Down;

        var failed = await Forms.SubmitAsync(browser, editor, editor + "?handler=Draft",
            new() { ["Translation.Title"] = "Mi título", ["Translation.Body"] = "Lo que ya escribí." });

        failed.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var html = await failed.Content.ReadAsStringAsync();
        Forms.Text(html).Should().Contain("La traducción automática no está disponible en este momento");
        html.Should().Contain("value=\"Mi título\"").And.Contain(">Lo que ya escribí.</textarea>");
        html.Should().NotContain("name=\"MachineAssisted\"");

        app.Service.Answer = FakeAnswer.UnsupportedLanguage;
        var unsupported = await Forms.SubmitAsync(browser, editor, editor + "?handler=Draft", new() { ["Translation.Body"] = "Lo que ya escribí." });
        unsupported.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        Forms.Text(await unsupported.Content.ReadAsStringAsync()).Should().Contain("El servicio de traducción automática no traduce entre estos dos idiomas.");
        app.Service.Answer = FakeAnswer.Translate;
    }

    [Fact]
    public async Task The_desk_api_saves_a_machine_assisted_translation()
    {
        var (id, _, browser) = await FrenchOnlyInTheEditorAsync();
        browser.Dispose();
        var ana = await app.ParticipantAsync("ana");
        var draft = await ana.PostOkAsync("/api/machine-translation/draft", new { contributionId = id, to = "es" });

        var saved = await ana.PostOkAsync($"/api/translation/contribution/{id}/es",
            new { title = draft["title"]!.GetValue<string>(), body = draft["body"]!.GetValue<string>(), machineAssisted = true }, HttpStatusCode.Created);

        VersionIn(saved, "es")!["machineAssisted"]!.GetValue<bool>().Should().BeTrue();
    }
}
