using Forum.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.FunctionalTests.Browser;

/// <summary>
/// The translation desk in Chromium: a Spanish volunteer claims a French-only contribution, a second volunteer sees it
/// taken, the first saves the Spanish version, and a reader of the Spanish phase page sees its badge appear live.
/// </summary>
public class TranslationDeskBrowserTests(ForumApp app, BrowserFixture browser) : IClassFixture<ForumApp>, IClassFixture<BrowserFixture>
{
    private string Url(string path) => new Uri(app.CreateClient().BaseAddress!, path).ToString();

    private async Task<string> VolunteerAsync(string name)
    {
        var email = $"{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, "Lilac-Harbour-42");
        await app.ConfirmAddressAsync(email);
        var client = await app.Anonymous().LoginAsync(email, "Lilac-Harbour-42");
        (await client.PutAsync("/api/account/profile", new { displayName = name })).EnsureSuccessStatusCode();
        return email;
    }

    private async Task<IPage> SignedInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/es/account/login"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "Lilac-Harbour-42");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 60_000, WaitUntil = WaitUntilState.Commit });
        return page;
    }

    [Fact]
    public async Task A_volunteer_claims_on_the_desk_another_sees_it_taken_and_the_saved_translation_shows_live_to_a_reader()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var id = (await author.PostContributionAsync(phase, "fr", "Les AMAP", "Un contrat de **confiance** entre paysans et mangeurs."))["id"]!.GetValue<long>();
        var lucia = $"Lucía {Random.Shared.Next(1000, 9999)}";
        var luciaEmail = await VolunteerAsync(lucia);
        var mateoEmail = await VolunteerAsync($"Mateo {Random.Shared.Next(1000, 9999)}");

        await using var readerContext = await browser.Browser.NewContextAsync(new() { Locale = "es-ES" });
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync(Url($"/es/phases/{phase}"));
        await Expect(reader.Locator("html[data-live='on']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        var spanishBadge = reader.Locator($"#contribution-{id} abbr.badge[lang='es']");
        await Expect(spanishBadge).ToHaveCountAsync(0);

        await using var luciaContext = await browser.Browser.NewContextAsync(new() { Locale = "es-ES" });
        var desk = await SignedInAsync(luciaContext, luciaEmail);
        await desk.ClickAsync("#nav-translate");
        await desk.GotoAsync(Url($"/es/translate?phase={phase}&pair=fr-es"));
        await desk.ClickAsync($"#desk-target-contribution-{id}-es button[type=submit]");
        await desk.WaitForURLAsync(url => url.EndsWith($"/es/translate/contribution/{id}/es", StringComparison.Ordinal));
        await Expect(desk.Locator("#editor-claim")).ToHaveAttributeAsync("data-claim", "mine");
        await Expect(desk.Locator("#desk-source strong")).ToHaveTextAsync("confiance");

        await using var mateoContext = await browser.Browser.NewContextAsync(new() { Locale = "es-ES" });
        var other = await SignedInAsync(mateoContext, mateoEmail);
        await other.GotoAsync(Url($"/es/translate?phase={phase}"));
        await Expect(other.Locator($"#desk-target-contribution-{id}-es")).ToContainTextAsync($"{lucia} lo está traduciendo");
        await Expect(other.Locator($"#desk-target-contribution-{id}-es button")).ToHaveCountAsync(0);

        await desk.FillAsync("#translation-title", "Las AMAP");
        await desk.FillAsync("#translation-body", "Un contrato de **confianza** entre campesinos y consumidores.");
        await desk.ClickAsync("#translation-save");
        await desk.WaitForURLAsync(url => url.EndsWith("/es/translate", StringComparison.Ordinal));
        await Expect(desk.Locator("#flash")).ToContainTextAsync("Traducción al español guardada.");

        await Expect(spanishBadge).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(reader.Locator($"#contribution-{id}")).ToContainTextAsync("Las AMAP");
    }
}
