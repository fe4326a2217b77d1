using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.MachineTranslation;

/// <summary>The forum with LibreTranslate configured, pointing at a fake service in the test process; one attempt, one second.</summary>
public sealed class MachineTranslationForumApp : ForumApp
{
    // Initialized before the base constructor starts the server, which reads the settings.
    public FakeTranslationService Service { get; } = FakeTranslationService.Start();

    protected override IEnumerable<KeyValuePair<string, string>> MoreSettings =>
    [
        new("Forum:MachineTranslation:Provider", "LibreTranslate"),
        new("Forum:MachineTranslation:Url", Service.Url),
        new("Forum:MachineTranslation:TimeoutSeconds", "1"),
        new("Forum:MachineTranslation:Retries", "0"),
        new("Forum:MachineTranslation:PerAddressPerMinute", "1000"),
    ];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Service.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}

/// <summary>Tests share one fake service, whose answers and count they change: they run one at a time (one class).</summary>
public class MachineTranslationTests(MachineTranslationForumApp app) : IClassFixture<MachineTranslationForumApp>
{
    private FakeTranslationService Service => app.Service;

    /// <summary>The author of the last contribution made by <see cref="FrenchContributionAsync"/>.</summary>
    private ForumClient? author;

    private async Task<(int Phase, long Id)> FrenchContributionAsync(string body = "Les monnaies **locales** relocalisent l'économie.")
    {
        Service.Reset();
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        author = await app.ParticipantAsync("marie");
        var posted = await author.PostContributionAsync(phase, "fr", "Les monnaies locales", body);
        return (phase, posted["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_reader_gets_a_marked_machine_translation_that_is_cached_and_never_stored_or_counted()
    {
        var (phase, id) = await FrenchContributionAsync();
        var reader = app.Anonymous();
        var statisticsBefore = (await reader.GetJsonAsync($"/api/phases/{phase}/statistics")).ToJsonString();

        var translation = await reader.GetJsonAsync($"/api/contributions/{id}/machine-translation?to=es");

        translation["machineTranslated"]!.GetValue<bool>().Should().BeTrue();
        translation["from"]!.GetValue<string>().Should().Be("fr");
        translation["to"]!.GetValue<string>().Should().Be("es");
        translation["notice"]!.GetValue<string>().Should().Be("Traducción automática del original en francés: puede contener errores.");
        translation["title"]!.GetValue<string>().Should().Be("LES MONNAIES LOCALES");
        translation["bodyHtml"]!.GetValue<string>().Should().Contain("<strong>LOCALES</strong>", "the HTML mode keeps the markup");
        Service.LastRequest!["format"]!.GetValue<string>().Should().Be("html");

        await reader.GetJsonAsync($"/api/contributions/{id}/machine-translation?to=es");
        Service.Calls.Should().Be(1, "the second reader is served from the cache");

        var contribution = await reader.GetJsonAsync($"/api/contributions/{id}");
        contribution["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("fr");
        (await reader.GetJsonAsync($"/api/phases/{phase}/statistics")).ToJsonString().Should().Be(statisticsBefore);
    }

    [Fact]
    public async Task An_edit_of_the_original_gives_a_new_machine_translation()
    {
        var (_, id) = await FrenchContributionAsync();
        var reader = app.Anonymous();
        await reader.GetJsonAsync($"/api/contributions/{id}/machine-translation?to=en");

        var version = (await reader.GetJsonAsync($"/api/contributions/{id}"))["version"]!.GetValue<Guid>();
        var edited = await author!.PutAsync($"/api/contributions/{id}/versions/fr",
            new { title = "Les monnaies locales", body = "Les banques locales relocalisent l'économie.", version });
        edited.StatusCode.Should().Be(HttpStatusCode.OK);

        var again = await reader.GetJsonAsync($"/api/contributions/{id}/machine-translation?to=en");
        again["bodyHtml"]!.GetValue<string>().Should().Contain("BANQUES");
        Service.Calls.Should().Be(2, "the edited text is another text");
    }

    [Fact]
    public async Task A_reply_without_a_title_is_sent_as_its_text_alone()
    {
        var (_, id) = await FrenchContributionAsync();
        var reply = await author!.PostOkAsync($"/api/contributions/{id}/replies", new { language = "fr", body = "Et les *banques* aussi." }, HttpStatusCode.Created);

        var translation = await app.Anonymous().GetJsonAsync($"/api/contributions/{reply["id"]!.GetValue<long>()}/machine-translation?to=en");

        translation["title"].Should().BeNull();
        translation["bodyHtml"]!.GetValue<string>().Should().Contain("<em>BANQUES</em>");
        Service.LastRequest!["q"]!.AsArray().Should().ContainSingle("no empty title is sent");
    }

    [Fact]
    public async Task A_contribution_already_in_the_language_asked_is_not_machine_translated()
    {
        var (_, id) = await FrenchContributionAsync();

        var refused = await app.Anonymous().Http.GetAsync($"/api/contributions/{id}/machine-translation?to=fr");

        await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "machine-translation.not-needed");
        Service.Calls.Should().Be(0);
    }

    [Fact]
    public async Task A_provider_failure_is_a_clear_refusal_on_the_API_and_a_message_on_the_page_and_nothing_is_stored()
    {
        var (_, id) = await FrenchContributionAsync();
        Service.Answer = FakeAnswer.Down;

        var refused = await app.Anonymous().Http.GetAsync($"/api/contributions/{id}/machine-translation?to=es");
        await refused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "machine-translation.unavailable");

        var page = await app.Anonymous().Http.GetStringAsync($"/es/contributions/{id}?machine-translation=1");
        Forms.Text(page).Should().Contain("La traducción automática no está disponible en este momento");
        Forms.Text(page).Should().Contain("relocalisent", "the original stays readable");

        Service.Answer = FakeAnswer.UnsupportedLanguage;
        var unsupported = await app.Anonymous().Http.GetAsync($"/api/contributions/{id}/machine-translation?to=es");
        await unsupported.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "machine-translation.unsupported-pair");

        var contribution = await app.Anonymous().GetJsonAsync($"/api/contributions/{id}");
        contribution["languages"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task The_page_offers_a_machine_translation_by_a_plain_link_and_shows_it_marked()
    {
        var (phase, id) = await FrenchContributionAsync();
        var reader = app.Anonymous();

        var page = await reader.Http.GetStringAsync($"/es/contributions/{id}");
        page.Should().Contain($"href=\"/es/contributions/{id}?machine-translation=1#machine-translation\"");
        Forms.Text(page).Should().Contain("Leer una traducción automática");
        Service.Calls.Should().Be(0, "offering costs nothing");

        var shown = await reader.Http.GetStringAsync($"/es/contributions/{id}?machine-translation=1");
        Forms.Text(shown).Should().Contain("Traducción automática del original en francés: puede contener errores.");
        shown.Should().Contain("<strong>LOCALES</strong>");

        var french = await reader.Http.GetStringAsync($"/fr/contributions/{id}");
        french.Should().NotContain("machine-translation=1", "a reader of the text's own language is offered nothing");

        var card = await reader.Http.GetStringAsync($"/es/phases/{phase}");
        card.Should().Contain($"/es/contributions/{id}?machine-translation=1#machine-translation");
    }

    [Fact]
    public async Task A_translator_gets_a_Markdown_draft_with_code_and_link_addresses_untouched()
    {
        const string body = """
            Les monnaies **locales** et le [réseau](https://example.org/reseau-local) avec `code_inline`.

            > Une citation
            > sur deux lignes.

            ```
            garder ce code
            ```

            - premier point
            - second point
            """;
        var (_, id) = await FrenchContributionAsync(body);
        var translator = await app.ParticipantAsync("lucia");

        var draft = await translator.PostOkAsync("/api/machine-translation/draft", new { contributionId = id, to = "es" });

        draft["language"]!.GetValue<string>().Should().Be("es");
        draft["title"]!.GetValue<string>().Should().Be("LES MONNAIES LOCALES");
        draft["body"]!.GetValue<string>().Should().Be("""
            LES MONNAIES **LOCALES** ET LE [RÉSEAU](https://example.org/reseau-local) AVEC `code_inline`.

            > UNE CITATION
            > SUR DEUX LIGNES.

            ```
            garder ce code
            ```

            - PREMIER POINT
            - SECOND POINT
            """);

        var anonymous = await app.Anonymous().PostAsync("/api/machine-translation/draft", new { contributionId = id, to = "es" });
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_translation_saved_as_machine_assisted_is_stored_and_shown_as_such()
    {
        var (_, id) = await FrenchContributionAsync();
        var translator = await app.ParticipantAsync("lucia");

        var saved = await translator.PostOkAsync($"/api/contributions/{id}/translations",
            new { language = "es", title = "Las monedas locales", body = "Las monedas **locales**.", machineAssisted = true }, HttpStatusCode.Created);

        var versions = saved["versions"]!.AsArray();
        versions.Single(v => v!["language"]!.GetValue<string>() == "es")!["machineAssisted"]!.GetValue<bool>().Should().BeTrue();
        versions.Single(v => v!["language"]!.GetValue<string>() == "fr")!["machineAssisted"]!.GetValue<bool>().Should().BeFalse();
        var page = await app.Anonymous().Http.GetStringAsync($"/en/contributions/{id}");
        Forms.Text(page).Should().Contain("Translated with machine assistance");
    }

    [Fact]
    public async Task A_synthesis_is_machine_translated_for_readers_and_drafted_and_its_machine_assisted_version_is_marked()
    {
        Service.Reset();
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var created = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses",
            new { versions = new[] { new { language = "fr", title = "Ce que nous retenons", body = "Les monnaies **locales** comptent." } } }, HttpStatusCode.Created);
        var id = created["id"]!.GetValue<long>();
        var draftRead = app.Anonymous();
        (await draftRead.Http.GetAsync($"/api/syntheses/{id}/machine-translation?to=es")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a draft is the moderators'");
        await moderator.PostOkAsync($"/api/syntheses/{id}/publish", new { version = created["version"]!.GetValue<Guid>() });

        var read = await app.Anonymous().GetJsonAsync($"/api/syntheses/{id}/machine-translation?to=es");
        read["title"]!.GetValue<string>().Should().Be("CE QUE NOUS RETENONS");
        read["bodyHtml"]!.GetValue<string>().Should().Contain("<strong>LOCALES</strong>");
        read["notice"]!.GetValue<string>().Should().Contain("francés");

        var draft = await moderator.PostOkAsync("/api/machine-translation/draft", new { synthesisId = id, to = "es" });
        draft["body"]!.GetValue<string>().Should().Be("LES MONNAIES **LOCALES** COMPTENT.");

        var current = await moderator.GetJsonAsync($"/api/syntheses/{id}");
        var written = await moderator.Http.PutAsJsonAsync($"/api/syntheses/{id}/versions/es",
            new { title = "Lo que retenemos", body = "Las monedas **locales** cuentan.", version = current["version"]!.GetValue<Guid>(), machineAssisted = true });
        written.StatusCode.Should().Be(HttpStatusCode.OK);
        var synthesis = await app.Anonymous().GetJsonAsync($"/api/syntheses/{id}");
        var versions = synthesis["versions"]!.AsArray();
        versions.Single(v => v!["language"]!.GetValue<string>() == "es")!["machineAssisted"]!.GetValue<bool>().Should().BeTrue();
        versions.Single(v => v!["language"]!.GetValue<string>() == "fr")!["machineAssisted"]!.GetValue<bool>().Should().BeFalse();
        Forms.Text(await app.Anonymous().Http.GetStringAsync($"/es/phases/{phase}")).Should().Contain("Traducido con ayuda de la traducción automática");
        Forms.Text(await app.Anonymous().Http.GetStringAsync($"/fr/phases/{phase}")).Should().NotContain("l’aide de la traduction automatique", "the French text is the original");
    }
}

/// <summary>Without a provider (the default): nothing is offered, and the API says machine translation is off.</summary>
public class NoMachineTranslationTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task Without_a_provider_no_link_is_shown_and_the_API_refuses_clearly()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var id = (await author.PostContributionAsync(phase, "fr", "Les monnaies locales", "Elles relocalisent l'économie."))["id"]!.GetValue<long>();

        var page = await app.Anonymous().Http.GetStringAsync($"/es/contributions/{id}?machine-translation=1");
        page.Should().NotContain("machine-translation=1#").And.NotContain("Leer una traducción automática");

        var refused = await app.Anonymous().Http.GetAsync($"/api/contributions/{id}/machine-translation?to=es");
        await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "machine-translation.disabled");
        var draft = await author.PostAsync("/api/machine-translation/draft", new { contributionId = id, to = "es" });
        await draft.ShouldBeProblemAsync(HttpStatusCode.Conflict, "machine-translation.disabled");
    }
}
