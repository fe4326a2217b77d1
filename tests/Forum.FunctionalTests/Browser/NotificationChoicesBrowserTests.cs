using Forum.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.FunctionalTests.Browser;

/// <summary>The account page's notification choices, in French, as a person changes them in a real browser.</summary>
public sealed class NotificationChoicesBrowserTests(ForumApp app, BrowserFixture browser) : IClassFixture<ForumApp>, IClassFixture<BrowserFixture>
{
    private const string Password = "Lilac-Harbour-42";

    private string Url(string path) => new Uri(app.CreateClient().BaseAddress!, path).ToString();

    [Fact]
    public async Task A_choice_changed_on_the_French_account_page_is_saved_and_still_chosen_after_a_reload()
    {
        var email = $"choix-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, Password);
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/fr/account/login"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/fr", new() { Timeout = 60_000, WaitUntil = WaitUntilState.Commit });

        await page.GotoAsync(Url("/fr/account"));
        var section = page.Locator("section.notifications");
        await Expect(section.Locator("h2")).ToHaveTextAsync("Notifications par e-mail");
        await Expect(section.Locator("legend").First).ToHaveTextAsync("Ouverture d’une phase");
        await Expect(section.Locator("label[for=notify-reply-immediately]")).ToHaveTextAsync("Immédiatement");
        await Expect(section.Locator("label[for=notify-reply-dailyDigest]")).ToHaveTextAsync("Dans le résumé quotidien");
        await Expect(page.Locator("#notify-reply-immediately")).ToBeCheckedAsync();

        await page.CheckAsync("label[for=notify-reply-dailyDigest]");
        await section.Locator("button[type=submit]", new() { HasText = "Enregistrer mes choix" }).ClickAsync();

        await page.WaitForURLAsync("**/fr/account#notifications");
        await Expect(page.Locator("main")).ToContainTextAsync("Vos choix sont enregistrés.");
        await page.ReloadAsync();
        await Expect(page.Locator("#notify-reply-dailyDigest")).ToBeCheckedAsync();
        await Expect(page.Locator("#notify-reply-immediately")).Not.ToBeCheckedAsync();
        await Expect(page.Locator("#notify-phaseOpened-immediately")).ToBeCheckedAsync(); // the other choices stay as they were
        (await section.InnerTextAsync()).Should().NotContainAny("Immediately", "Never", "Save my choices");
    }
}
