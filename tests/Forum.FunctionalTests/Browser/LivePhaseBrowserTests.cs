using Forum.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.FunctionalTests.Browser;

/// <summary>Two people in two browser contexts on the app's real Kestrel port: one posts in French, the other reads in English, live.</summary>
public class LivePhaseBrowserTests(ForumApp app, BrowserFixture browser) : IClassFixture<ForumApp>, IClassFixture<BrowserFixture>
{
    private string Url(string path) => new Uri(app.CreateClient().BaseAddress!, path).ToString();

    private static async Task WaitForLiveAsync(IPage page) =>
        await Expect(page.Locator("html[data-live='on']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

    [Fact]
    public async Task A_French_post_appears_live_for_an_English_reader_and_the_form_closes_with_the_phase()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();

        await using var readerContext = await browser.Browser.NewContextAsync(new() { Locale = "en-GB" });
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync(Url($"/en/phases/{phase}"));
        await Expect(reader.Locator("#statistics-sentence")).ToHaveTextAsync("No contributions yet");
        await WaitForLiveAsync(reader);

        await using var writerContext = await browser.Browser.NewContextAsync(new() { Locale = "fr-FR" });
        var writer = await writerContext.NewPageAsync();
        var camille = $"camille-{Guid.NewGuid():N}@tests.localhost";
        await writer.GotoAsync(Url("/fr/account/register"));
        await writer.FillAsync("#email", camille);
        await writer.FillAsync("#name", "Camille");
        await writer.FillAsync("#password", "Lilac-Harbour-42");
        await writer.ClickAsync("button[type=submit]");
        // Registering leads to the log-in page (ADR 0007).
        await writer.WaitForURLAsync("**/fr/account/login?registered=true");
        await writer.FillAsync("#email", camille);
        await writer.FillAsync("#password", "Lilac-Harbour-42");
        await writer.ClickAsync("button[type=submit]");
        try
        {
            // A loaded machine (the whole suite runs in parallel) can make hashing and the first writes slow: give it time, and say what the page said if it never comes.
            // The address is what this step checks; waiting for the home page's load event too once outlasted a minute under load.
            await writer.WaitForURLAsync("**/fr", new() { Timeout = 60_000, WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"Logging in did not lead home; {writer.Url} says: {await writer.InnerTextAsync("main")}");
        }
        await writer.GotoAsync(Url($"/fr/phases/{phase}"));
        await WaitForLiveAsync(writer);
        await writer.SelectOptionAsync("#post-language", "fr");
        await writer.FillAsync("#post-title", "Les monnaies locales");
        await writer.FillAsync("#post-body", "Les monnaies locales **relocalisent** l'économie.");
        await writer.ClickAsync("#post-form button[type=submit]");

        var article = reader.Locator("#contribution-list article.contribution");
        await Expect(article).ToHaveCountAsync(1);
        await Expect(article.Locator("abbr.badge[lang=fr]")).ToHaveTextAsync("fr");
        await Expect(article.Locator("div[lang=fr] strong")).ToHaveTextAsync("relocalisent");
        await Expect(article.Locator(".fallback")).ToContainTextAsync("French");
        await Expect(reader.Locator("#statistics-sentence")).ToHaveTextAsync("1 contribution in total: 1 in French only");

        // A Spanish translation changes the card live: the badge appears and the reader still sees no English version.
        var id = await article.GetAttributeAsync("id");
        var translator = await app.ParticipantAsync("traductora");
        await translator.PostOkAsync($"/api/contributions/{id!["contribution-".Length..]}/translations",
            new { language = "es", title = "Las monedas locales", body = "Las monedas locales **relocalizan** la economía." }, System.Net.HttpStatusCode.Created);
        await Expect(article.Locator("abbr.badge[lang=es]")).ToHaveTextAsync("es");
        await Expect(reader.Locator("#statistics-sentence")).ToHaveTextAsync("1 contribution in total: 1 in French and Spanish");

        await writer.FillAsync("#post-body", "Un texte commencé avant la clôture.");
        await moderator.PostOkAsync($"/api/phases/{phase}/close", new { reason = "End of the phase." });
        await Expect(writer.Locator("#post-form button[type=submit]")).ToBeDisabledAsync();
        // What was being typed stays, read-only but selectable to copy (a disabled field cannot be selected everywhere).
        await Expect(writer.Locator("#post-body")).ToHaveValueAsync("Un texte commencé avant la clôture.");
        await Expect(writer.Locator("#post-body")).ToHaveAttributeAsync("readonly", "");
        await Expect(writer.Locator("#phase-closed-banner")).ToHaveTextAsync("Cette phase est close : elle n’accepte plus de contributions.");
        await Expect(writer.Locator("#phase-state")).ToHaveTextAsync("Fermée");
        await Expect(reader.Locator("#phase-state")).ToHaveTextAsync("Closed");
    }

    [Fact]
    public async Task After_a_live_reader_fetched_a_new_card_the_next_visitor_still_gets_the_whole_page()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();

        await using var readerContext = await browser.Browser.NewContextAsync(new() { Locale = "en-GB" });
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync(Url($"/en/phases/{phase}"));
        await WaitForLiveAsync(reader);

        // The post evicts the cached page; the live reader's script then fetches the new card, anonymously.
        var author = await app.ParticipantAsync("auteur");
        await author.PostContributionAsync(phase, "fr", "Les circuits courts", "Les circuits courts **soutiennent** les producteurs.");
        await Expect(reader.Locator("#contribution-list article.contribution")).ToHaveCountAsync(1);

        foreach (var locale in new[] { "en-GB", "en-US" })
        {
            await using var nextContext = await browser.Browser.NewContextAsync(new() { Locale = locale });
            var next = await nextContext.NewPageAsync();
            await next.GotoAsync(Url($"/en/phases/{phase}"));
            await Expect(next.Locator("nav.languages")).ToHaveCountAsync(1);
            await Expect(next.Locator("#statistics-sentence")).ToHaveTextAsync("1 contribution in total: 1 in French only");
            await Expect(next.Locator("#contribution-list article.contribution strong")).ToHaveTextAsync("soutiennent");
        }
    }

    [Fact]
    public async Task A_published_synthesis_reads_in_Spanish_with_the_languages_it_is_available_in()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var synthesis = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses",
            new { versions = new[] { new { language = "fr", title = "Synthèse no 1", body = "Les contributions parlent de **coopératives**." } } }, System.Net.HttpStatusCode.Created);
        await moderator.PostOkAsync($"/api/syntheses/{synthesis["id"]!.GetValue<long>()}/publish", new { });

        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "es-ES" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url($"/es/phases/{phase}"));
        var article = page.Locator("article.synthesis");
        await Expect(article.Locator("h3")).ToContainTextAsync("Síntesis n.º\u00a01");
        await Expect(article.Locator(".meta")).ToHaveTextAsync("Disponible solo en francés");
        await Expect(article.Locator("div[lang=fr] strong")).ToHaveTextAsync("coopératives");
    }

    [Fact]
    public async Task The_language_switcher_keeps_the_page()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url($"/en/phases/{phase}"));
        await page.ClickAsync("nav.languages a[lang=es]");
        await Expect(page).ToHaveURLAsync(Url($"/es/phases/{phase}"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.Locator("#statistics-sentence")).ToHaveTextAsync("Todavía no hay contribuciones");
        await Expect(page.Locator("nav.languages a[aria-current=page]")).ToHaveTextAsync("ES");
    }
}
