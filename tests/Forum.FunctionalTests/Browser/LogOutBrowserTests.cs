using Forum.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.FunctionalTests.Browser;

/// <summary>Logging out as a person does it: the header's button, in a real browser, from any page.</summary>
public sealed class LogOutBrowserTests(ForumApp app, BrowserFixture browser) : IClassFixture<ForumApp>, IClassFixture<BrowserFixture>
{
    private string Url(string path) => new Uri(app.CreateClient().BaseAddress!, path).ToString();

    [Theory]
    [InlineData("en", "Log in")]
    [InlineData("fr", "Se connecter")]
    public async Task The_headers_log_out_button_ends_the_session_and_a_saved_cookie_with_it(string culture, string logIn)
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var email = $"leaving-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, "Lilac-Harbour-42");

        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url($"/{culture}/account/login"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "Lilac-Harbour-42");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync($"**/{culture}");
        await page.GotoAsync(Url($"/{culture}/phases/{phase}"));
        var saved = await context.CookiesAsync();

        await page.ClickAsync("header.site nav.account button[type=submit]");
        await page.WaitForURLAsync($"**/{culture}");
        await Expect(page.Locator("header.site nav.account")).ToContainTextAsync(logIn);
        await Expect(page.Locator("header.site nav.account button")).ToHaveCountAsync(0);

        // Someone who copied the cookie before is not signed in either.
        await using var copy = await browser.Browser.NewContextAsync();
        await copy.AddCookiesAsync(saved.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        var stolen = await copy.NewPageAsync();
        await stolen.GotoAsync(Url($"/{culture}/account"));
        await Expect(stolen).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/{culture}/account/login"));
    }
}
