using Forum.FunctionalTests.Contributions;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.FunctionalTests.Browser;

/// <summary>The language question on the French post form, in Chromium, answered one way and the other.</summary>
public sealed class LanguageCheckBrowserTests(LanguageCheckApp app, BrowserFixture browser) : IClassFixture<LanguageCheckApp>, IClassFixture<BrowserFixture>
{
    private const string Password = "Lilac-Harbour-42";

    private string Url(string path) => new Uri(app.CreateClient().BaseAddress!, path).ToString();

    private async Task<(IBrowserContext Context, IPage Page)> SignedInAsync()
    {
        var email = $"writer-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, Password);
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/fr/account/login"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/fr", new() { Timeout = 60_000, WaitUntil = WaitUntilState.Commit });
        return (context, page);
    }

    private static async Task WriteAsync(IPage page, string language, string title, string body)
    {
        await page.SelectOptionAsync("#post-language", language);
        await page.FillAsync("#post-title", title);
        await page.FillAsync("#post-body", body);
        await page.ClickAsync("#post-form button[type=submit]");
    }

    [Fact]
    public async Task The_question_on_the_french_post_form_is_answered_both_ways()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var (context, page) = await SignedInAsync();
        await using var _ = context;
        await page.GotoAsync(Url($"/fr/phases/{phase}"));

        await WriteAsync(page, "en", "Marchés de producteurs", LanguageCheckApiTests.French);
        await Expect(page.Locator("#post-form .language-question")).ToContainTextAsync("Ce texte semble écrit en français.");
        await Expect(page.Locator("#post-title")).ToHaveValueAsync("Marchés de producteurs");
        await Expect(page.Locator("#post-body")).ToHaveValueAsync(LanguageCheckApiTests.French);
        await page.GetByRole(AriaRole.Button, new() { Name = "Le publier en français" }).ClickAsync();
        await Expect(page.Locator("#flash")).ToBeVisibleAsync();

        await WriteAsync(page, "es", "Mercados de productores", LanguageCheckApiTests.French);
        await page.GetByRole(AriaRole.Button, new() { Name = "Le garder en espagnol" }).ClickAsync();
        await Expect(page.Locator("#flash")).ToBeVisibleAsync();

        var items = (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions?order=oldest"))["items"]!.AsArray();
        items.Select(i => i!["originalLanguage"]!.GetValue<string>()).Should().Equal("fr", "es");
    }
}
