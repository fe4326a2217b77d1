using System.Text.Json;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.FunctionalTests.Browser;

/// <summary>Error pages, registration and logging out as a person meets them in a real browser, in French and Spanish.</summary>
public sealed class AccountAndErrorBrowserTests(ForumApp app, BrowserFixture browser) : IClassFixture<ForumApp>, IClassFixture<BrowserFixture>
{
    private static readonly string Axe = Path.Combine(AppContext.BaseDirectory, "browser-tools", "axe.min.js");

    private string Url(string path) => new Uri(app.CreateClient().BaseAddress!, path).ToString();

    [Fact]
    public async Task A_French_404_page_has_the_sites_layout_a_French_title_and_a_way_home()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(Url("/fr/phases/999999"));

        response!.Status.Should().Be(404);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Page introuvable");
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Page introuvable"));
        await Expect(page.Locator("header.site nav.languages")).ToBeVisibleAsync();
        await Expect(page.Locator("footer.site")).ToContainTextAsync("heure de Paris");
        await page.AddScriptTagAsync(new() { Path = Axe });
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)");
        violations.EnumerateArray().Should().BeEmpty("the error page passes axe-core too");

        await page.ClickAsync("text=Retour à l’accueil du forum");
        await page.WaitForURLAsync("**/fr");
    }

    [Fact]
    public async Task A_French_registration_error_shows_in_French_and_the_rules_show_before()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/fr/account/register"));
        await Expect(page.Locator("#password-hint")).ToContainTextAsync("Au moins 10 caractères");

        await page.FillAsync("#email", $"court-{Guid.NewGuid():N}@tests.localhost");
        await page.FillAsync("#password", "court");
        await page.ClickAsync("main button[type=submit]");

        await Expect(page.Locator("#password-error")).ToContainTextAsync("Choisissez un mot de passe d’au moins 10 caractères");
        var text = await page.Locator("main").InnerTextAsync();
        text.Should().NotContainAny("Passwords must", "characters", "is invalid", "is already taken");
        (await page.InputValueAsync("#email")).Should().StartWith("court-", "the address typed is kept");
    }

    [Fact]
    public async Task Registering_from_a_phase_returns_there_and_the_header_shows_the_display_name()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url($"/es/phases/{phase}"));

        await page.ClickAsync("header.site nav.account >> text=Crear una cuenta");
        var email = $"vuelve-{Guid.NewGuid():N}@tests.localhost";
        await page.FillAsync("#email", email);
        await page.FillAsync("#name", "Lucía Gómez");
        await page.FillAsync("#password", "Lilac-Harbour-42");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/es/account/login?**");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "Lilac-Harbour-42");
        await page.ClickAsync("main button[type=submit]");

        await page.WaitForURLAsync($"**/es/phases/{phase}");
        await Expect(page.Locator("header.site nav.account")).ToContainTextAsync("Lucía Gómez");
        await Expect(page.Locator("header.site nav.account")).Not.ToContainTextAsync(email);
    }

    [Theory]
    [InlineData("es", "Iniciar sesión")]
    [InlineData("fr", "Se connecter")]
    public async Task The_headers_log_out_button_works_on_every_kind_of_page(string culture, string logIn)
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var contribution = (await moderator.PostContributionAsync(phase, "en", "A title", "A body."))["id"]!.GetValue<long>();
        var email = $"clicks-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, "Lilac-Harbour-42");
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        foreach (var path in new[] { "", $"/phases/{phase}", $"/contributions/{contribution}", "/account", "/nulle-part" })
        {
            await page.GotoAsync(Url($"/{culture}/account/login"));
            await page.FillAsync("#email", email);
            await page.FillAsync("#password", "Lilac-Harbour-42");
            await page.ClickAsync("main button[type=submit]");
            await page.WaitForURLAsync($"**/{culture}");
            await page.GotoAsync(Url($"/{culture}{path}"));

            await page.ClickAsync("header.site nav.account button[type=submit]");

            await page.WaitForURLAsync($"**/{culture}");
            await Expect(page.Locator("header.site nav.account")).ToContainTextAsync(logIn);
            await Expect(page.Locator("header.site nav.account button")).ToHaveCountAsync(0);
        }
    }
}
