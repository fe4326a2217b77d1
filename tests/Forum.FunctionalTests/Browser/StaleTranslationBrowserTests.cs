using System.Net;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.FunctionalTests.Browser;

/// <summary>A Spanish reader with the phase page and the contribution page open while the author edits the French original, then someone updates the translation.</summary>
public class StaleTranslationBrowserTests(ForumApp app, BrowserFixture browser) : IClassFixture<ForumApp>, IClassFixture<BrowserFixture>
{
    private string Url(string path) => new Uri(app.CreateClient().BaseAddress!, path).ToString();

    private static async Task WaitForLiveAsync(IPage page) =>
        await Expect(page.Locator("html[data-live='on']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

    [Fact]
    public async Task The_out_of_date_notice_appears_live_when_the_original_is_edited_and_goes_when_the_translation_is_updated()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var translator = await app.ParticipantAsync("translator");
        var id = (await author.PostContributionAsync(phase, "fr", "Les SCIC", "Les SCIC réunissent les acteurs."))["id"]!.GetValue<long>();
        await translator.PostOkAsync($"/api/contributions/{id}/translations", new { language = "es", title = "Las SCIC", body = "Las SCIC reúnen a los actores." }, HttpStatusCode.Created);

        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "es-ES" });
        var phasePage = await context.NewPageAsync();
        await phasePage.GotoAsync(Url($"/es/phases/{phase}"));
        var contributionPage = await context.NewPageAsync();
        await contributionPage.GotoAsync(Url($"/es/contributions/{id}"));
        await WaitForLiveAsync(phasePage);
        await WaitForLiveAsync(contributionPage);
        var card = phasePage.Locator($"#contribution-{id}");
        await Expect(card.Locator("p.outdated")).ToHaveCountAsync(0);
        await Expect(contributionPage.Locator("#outdated-es")).ToHaveCountAsync(0);

        app.Time.Advance(TimeSpan.FromMinutes(5));
        var version = (await author.GetJsonAsync($"/api/contributions/{id}"))["version"]!.GetValue<Guid>();
        var edited = await author.PutAsync($"/api/contributions/{id}/versions/fr", new { title = "Les SCIC", body = "Les SCIC réunissent salariés et usagers.", version });
        edited.StatusCode.Should().Be(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());

        await Expect(card.Locator("p.outdated")).ToContainTextAsync("Puede que esta traducción no esté al día: el original se modificó el");
        await Expect(contributionPage.Locator("#outdated-es")).ToContainTextAsync("Puede que esta traducción no esté al día");
        await Expect(contributionPage.Locator("#outdated-fr")).ToHaveCountAsync(0);

        var volunteer = await app.ParticipantAsync("volunteer");
        version = (await volunteer.GetJsonAsync($"/api/contributions/{id}"))["version"]!.GetValue<Guid>();
        var updated = await volunteer.PutAsync($"/api/contributions/{id}/versions/es/update", new { title = "Las SCIC", body = "Las SCIC reúnen a asalariados y usuarios.", version });
        updated.StatusCode.Should().Be(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());

        await Expect(card.Locator("p.outdated")).ToHaveCountAsync(0);
        await Expect(card).ToContainTextAsync("Las SCIC reúnen a asalariados y usuarios.");
        await Expect(contributionPage.Locator("#outdated-es")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_notice_and_the_open_update_form_have_no_serious_accessibility_violation()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var id = (await author.PostContributionAsync(phase, "en", "Shared gardens", "Gardens bring neighbours together."))["id"]!.GetValue<long>();
        await (await app.ParticipantAsync("translator")).PostOkAsync($"/api/contributions/{id}/translations",
            new { language = "fr", title = "Jardins partagés", body = "Les jardins rapprochent les voisins." }, HttpStatusCode.Created);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var version = (await author.GetJsonAsync($"/api/contributions/{id}"))["version"]!.GetValue<Guid>();
        (await author.PutAsync($"/api/contributions/{id}/versions/en", new { title = "Shared gardens", body = "Gardens bring neighbours and schools together.", version }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var email = $"camille-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, "Lilac-Harbour-42");
        await app.ConfirmAddressAsync(email);

        // The page's CSP forbids inline script, which is how Playwright injects axe: the scan's own context bypasses it.
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1100, Height = 1400 }, BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/fr/account/login"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "Lilac-Harbour-42");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 60_000, WaitUntil = WaitUntilState.Commit });
        await page.GotoAsync(Url($"/fr/contributions/{id}"));
        await Expect(page.Locator("#outdated-fr")).ToBeVisibleAsync();
        await page.ClickAsync("details.update > summary");
        await Expect(page.Locator("#update-fr-body")).ToBeVisibleAsync();

        await page.AddScriptTagAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "browser-tools", "axe.min.js") });
        var violations = await page.EvaluateAsync<string[]>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))");
        violations.Should().BeEmpty();
    }
}
