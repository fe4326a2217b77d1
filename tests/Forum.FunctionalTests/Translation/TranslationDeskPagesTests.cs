using System.Net;
using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Translation;

/// <summary>The desk, its editor and the account's languages as a browser without script uses them.</summary>
public class TranslationDeskPagesTests(ForumApp app) : IClassFixture<ForumApp>
{
    /// <summary>A volunteer registered through the pages; shown names are unique, so each gets a number after the name.</summary>
    private async Task<(HttpClient Browser, string Name)> VolunteerAsync(string name)
    {
        var browser = Forms.NewBrowser(app);
        var shown = $"{name} {Random.Shared.Next(1000, 9999)}";
        await Forms.RegisterAndLogInAsync(browser, "es", $"{Guid.NewGuid():N}@tests.localhost", "Lilac-Harbour-42", shown);
        return (browser, shown);
    }

    private static async Task<string> PageAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        return html;
    }

    private static Task<HttpResponseMessage> SetLanguagesAsync(HttpClient browser, params string[] codes) =>
        browser.PostAsync("/es/account/translation-languages", new FormUrlEncodedContent(
            codes.Select(c => KeyValuePair.Create("Languages", c)).Append(KeyValuePair.Create("__RequestVerificationToken", Forms.Token(browser.GetStringAsync("/es/account").Result)))));

    private async Task<(int Phase, long French, long Spanish)> PhaseAsync()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var french = (await author.PostContributionAsync(phase, "fr", "Les AMAP", "Un contrat de **confiance**."))["id"]!.GetValue<long>();
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var spanish = (await author.PostContributionAsync(phase, "es", "Las ferias", "Ferias campesinas."))["id"]!.GetValue<long>();
        return (phase, french, spanish);
    }

    [Fact]
    public async Task A_visitor_is_sent_to_log_in_and_back_to_the_desk()
    {
        using var browser = Forms.NewBrowser(app);

        var response = await browser.GetAsync("/es/translate");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/es/account/login").And.Contain("returnUrl=%2Fes%2Ftranslate");
    }

    [Fact]
    public async Task The_account_page_sets_the_languages_the_desk_opens_on_with_counts_per_pair_and_filters()
    {
        var (phase, french, spanish) = await PhaseAsync();
        var (lucia, _) = await VolunteerAsync("Lucía");
        using var _ = lucia;
        Forms.Text(await PageAsync(lucia, $"/es/translate?phase={phase}")).Should().Contain("Elige en la página de tu cuenta los idiomas que lees y escribes");

        var saved = await SetLanguagesAsync(lucia, "fr", "es");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var account = await PageAsync(lucia, "/es/account");
        Forms.Text(account).Should().Contain("Idiomas que traduces: francés, español.");
        account.Should().MatchRegex("id=\"translation-language-fr\"[^>]*checked").And.NotMatchRegex("id=\"translation-language-en\"[^>]*checked");

        var desk = await PageAsync(lucia, $"/es/translate?phase={phase}");
        var text = Forms.Text(desk);
        text.Should().Contain("Tus idiomas: francés, español");
        text.Should().Contain("francés → español 1 pendientes").And.Contain("español → francés 1 pendientes");
        text.Should().NotContain("inglés →", "her pairs only");
        desk.Should().Contain($"id=\"desk-contribution-{french}\"").And.Contain($"id=\"desk-contribution-{spanish}\"");
        desk.IndexOf($"desk-contribution-{french}", StringComparison.Ordinal).Should().BeLessThan(desk.IndexOf($"desk-contribution-{spanish}", StringComparison.Ordinal), "oldest first");

        var filtered = await PageAsync(lucia, $"/es/translate?phase={phase}&pair=es-fr");
        filtered.Should().Contain($"id=\"desk-contribution-{spanish}\"").And.NotContain($"id=\"desk-contribution-{french}\"");
        Forms.Text(filtered).Should().Contain("Traducir al francés");

        var wrong = await lucia.GetAsync($"/es/translate?phase={phase}&pair=fr-de");
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Forms.Text(await wrong.Content.ReadAsStringAsync()).Should().Contain("Elige un par de dos idiomas distintos del foro.");
    }

    [Fact]
    public async Task A_volunteer_claims_on_the_desk_another_sees_it_taken_a_refused_save_keeps_the_text_and_saving_releases()
    {
        var (phase, french, _) = await PhaseAsync();
        var (lucia, luciaName) = await VolunteerAsync("Lucía");
        var (mateo, _) = await VolunteerAsync("Mateo");
        using var luciaBrowser = lucia;
        using var mateoBrowser = mateo;
        var editor = $"/es/translate/contribution/{french}/es";

        var claimed = await Forms.SubmitAsync(lucia, $"/es/translate?phase={phase}", "/es/translate?handler=Claim",
            new() { ["item"] = "contribution", ["id"] = french.ToString(), ["language"] = "es" });
        claimed.StatusCode.Should().Be(HttpStatusCode.Redirect, await claimed.Content.ReadAsStringAsync());
        claimed.Headers.Location!.OriginalString.Should().Be(editor);
        var page = await PageAsync(lucia, editor);
        page.Should().Contain("data-claim=\"mine\"").And.Contain("<strong>confiance</strong>", "the original, its Markdown rendered");

        Forms.Text(await PageAsync(mateo, $"/es/translate?phase={phase}")).Should().Contain($"Al español: {luciaName} lo está traduciendo");
        var taken = await Forms.SubmitAsync(mateo, $"/es/translate?phase={phase}", "/es/translate?handler=Claim",
            new() { ["item"] = "contribution", ["id"] = french.ToString(), ["language"] = "es" });
        taken.StatusCode.Should().Be(HttpStatusCode.Conflict);
        Forms.Text(await taken.Content.ReadAsStringAsync()).Should().Contain($"{luciaName} está traduciendo este texto");

        var empty = await Forms.SubmitAsync(lucia, editor, editor + "?handler=Save", new() { ["Translation.Title"] = "Las AMAP", ["Translation.Body"] = "" });
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var refused = await empty.Content.ReadAsStringAsync();
        refused.Should().Contain("value=\"Las AMAP\"", "what was typed stays");
        Regex.IsMatch(refused, "<div class=\"error-summary\"").Should().BeTrue();

        var saved = await Forms.SubmitAsync(lucia, editor, editor + "?handler=Save",
            new() { ["Translation.Title"] = "Las AMAP", ["Translation.Body"] = "Un contrato de **confianza**." });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        saved.Headers.Location!.OriginalString.Should().Be("/es/translate");
        Forms.Text(await PageAsync(lucia, "/es/translate")).Should().Contain("Traducción al español guardada.");
        var contribution = await app.Anonymous().GetJsonAsync($"/api/contributions/{french}");
        contribution["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Contain("es");
        (await PageAsync(mateo, $"/es/translate?phase={phase}&pair=fr-es")).Should().NotContain($"id=\"desk-contribution-{french}\"");
    }

    [Fact]
    public async Task Cancelling_in_the_editor_releases_the_claim()
    {
        var (phase, french, _) = await PhaseAsync();
        var (lucia, luciaName) = await VolunteerAsync("Lucía");
        var (mateo, _) = await VolunteerAsync("Mateo");
        using var luciaBrowser = lucia;
        using var mateoBrowser = mateo;
        var editor = $"/es/translate/contribution/{french}/es";
        await Forms.SubmitAsync(lucia, $"/es/translate?phase={phase}", "/es/translate?handler=Claim",
            new() { ["item"] = "contribution", ["id"] = french.ToString(), ["language"] = "es" });
        (await PageAsync(mateo, editor)).Should().Contain("data-claim=\"other\"");

        var cancelled = await Forms.SubmitAsync(lucia, editor, editor + "?handler=Cancel", new() { ["Translation.Body"] = "A medias" });

        cancelled.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await PageAsync(mateo, editor)).Should().Contain("data-claim=\"none\"");
        Forms.Text(await PageAsync(mateo, $"/es/translate?phase={phase}")).Should().NotContain("lo está traduciendo");
    }

    [Fact]
    public async Task The_moderation_dashboard_shows_each_phases_translation_backlog()
    {
        var (phase, _, _) = await PhaseAsync();
        using var moderator = Forms.NewBrowser(app);
        var email = $"mod-{Guid.NewGuid():N}@tests.localhost";
        await Forms.RegisterAndLogInAsync(moderator, "es", email, "Lilac-Harbour-42");
        (await (await app.AdminAsync()).PutAsync($"/api/users/{email}/roles", new { roles = new[] { "participant", "moderator" } })).EnsureSuccessStatusCode();
        await Forms.SubmitAsync(moderator, "/es/account/login", "/es/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = "Lilac-Harbour-42" });

        var dashboard = await PageAsync(moderator, "/es/moderation");

        var backlog = Regex.Match(dashboard, $"<span class=\"meta backlog\" id=\"backlog-{phase}\">(.*?)</span>", RegexOptions.Singleline);
        backlog.Success.Should().BeTrue();
        Forms.Text(backlog.Value).Should().Contain("Por traducir: 2 al inglés, 1 al francés, 1 al español");
        backlog.Value.Should().Contain($"/es/translate?phase={phase}");
    }
    [Fact]
    public async Task The_dashboard_counts_translations_to_update_and_links_the_desk_only_where_the_desk_works()
    {
        var moderatorApi = await app.ModeratorAsync();
        var (phase, french, _) = await PhaseAsync();
        var author = await app.ParticipantAsync("author2");
        var original = (await author.PostContributionAsync(phase, "fr", "Jardins", "Les jardins rapprochent les voisins."))["id"]!.GetValue<long>();
        await (await app.ParticipantAsync("translator")).PostOkAsync($"/api/contributions/{original}/translations",
            new { language = "es", title = "Huertos", body = "Los huertos acercan a los vecinos." }, HttpStatusCode.Created);
        var version = (await author.GetJsonAsync($"/api/contributions/{original}"))["version"]!.GetValue<Guid>();
        (await author.PutAsync($"/api/contributions/{original}/versions/fr", new { title = "Jardins", body = "Les jardins rapprochent les voisins et les écoles.", version }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        // A theme not yet published: its phase has a backlog, but the desk does not work on it (its link would be a 404).
        var hidden = (await moderatorApi.PostOkAsync("/api/themes", new
        {
            slug = $"draft-{Guid.NewGuid():N}", position = 2, published = false, originalLanguage = "en",
            texts = new Dictionary<string, object> { ["en"] = new { title = "Draft theme", description = "Not yet public." } },
        }, HttpStatusCode.Created))["slug"]!.GetValue<string>();
        var unpublished = (await moderatorApi.CreatePhaseAsync(hidden, 1, "2026-08-25T09:00", "2026-09-21T23:59"))["id"]!.GetValue<int>();
        await moderatorApi.PostContributionAsync(unpublished, "en", "Draft", "A text in a theme still being prepared.");

        using var moderator = Forms.NewBrowser(app);
        await Forms.SubmitAsync(moderator, "/es/account/login", "/es/account/login", new() { ["Input.Email"] = ForumApp.AdminEmail, ["Input.Password"] = ForumApp.AdminPassword });
        var dashboard = await PageAsync(moderator, "/es/moderation");

        var backlog = Regex.Match(dashboard, $"<span class=\"meta backlog\" id=\"backlog-{phase}\">(.*?)</a>", RegexOptions.Singleline);
        Forms.Text(backlog.Value).Should().Contain("Por actualizar: 1 en español");
        backlog.Value.Should().Contain($"/es/translate?phase={phase}");
        var draft = Regex.Match(dashboard, $"<span class=\"meta backlog\" id=\"backlog-{unpublished}\">(.*?)</span>\\s*</li>", RegexOptions.Singleline);
        draft.Success.Should().BeTrue(dashboard);
        Forms.Text(draft.Value).Should().Contain("Por traducir:");
        draft.Value.Should().NotContain("/translate?phase=");
    }
}

