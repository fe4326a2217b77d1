using Forum.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.FunctionalTests.Browser;

/// <summary>Writing in the phase page as a person does, with and without script: nothing typed is lost, faults are seen first.</summary>
public sealed class FormsBrowserTests(ForumApp app, BrowserFixture browser) : IClassFixture<ForumApp>, IClassFixture<BrowserFixture>
{
    private const string Password = "Lilac-Harbour-42";

    private string Url(string path) => new Uri(app.CreateClient().BaseAddress!, path).ToString();

    private async Task<(IBrowserContext Context, IPage Page)> SignedInAsync(string culture, bool javaScript = true)
    {
        var email = $"writer-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, Password);
        var context = await browser.Browser.NewContextAsync(new() { JavaScriptEnabled = javaScript, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url($"/{culture}/account/login"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync($"**/{culture}", new() { Timeout = 60_000, WaitUntil = WaitUntilState.Commit });
        return (context, page);
    }

    [Fact]
    public async Task A_refused_post_in_a_phase_closed_meanwhile_keeps_the_text_without_javascript()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var (context, page) = await SignedInAsync("fr", javaScript: false);
        await using var _ = context;
        await page.GotoAsync(Url($"/fr/phases/{phase}"));
        await page.FillAsync("#post-title", "Les monnaies locales");
        await page.FillAsync("#post-body", "Une réflexion écrite pendant une heure.");

        await moderator.PostOkAsync($"/api/phases/{phase}/close", new { reason = "Closed while someone was writing." });
        await page.ClickAsync("#post-form button[type=submit]");

        await Expect(page.Locator("#phase-closed-banner")).ToBeVisibleAsync();
        await Expect(page.Locator("#post-form")).ToHaveCountAsync(0);
        await Expect(page.Locator("#post-kept-title")).ToHaveValueAsync("Les monnaies locales");
        await Expect(page.Locator("#post-kept-body")).ToHaveValueAsync("Une réflexion écrite pendant une heure.");
        await Expect(page.Locator("#post-kept-body")).ToHaveAttributeAsync("readonly", "");
    }

    [Fact]
    public async Task The_error_summary_receives_the_focus_and_lists_every_fault()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var (context, page) = await SignedInAsync("en");
        await using var _ = context;
        await page.GotoAsync(Url($"/en/phases/{phase}"));
        await page.ClickAsync("#post-form button[type=submit]");

        var summary = page.Locator("#error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.Locator("a")).ToHaveCountAsync(2);
        await summary.Locator("a[href='#post-body']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#post-body$"));
    }

    [Fact]
    public async Task A_draft_comes_back_after_a_reload_and_is_dropped_once_posted()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var (context, page) = await SignedInAsync("es");
        await using var _ = context;
        await page.GotoAsync(Url($"/es/phases/{phase}"));
        await page.FillAsync("#post-title", "Huertos urbanos");
        await page.FillAsync("#post-body", "Un borrador a medio escribir.");

        await page.ReloadAsync();
        await Expect(page.Locator("#post-title")).ToHaveValueAsync("Huertos urbanos");
        await Expect(page.Locator("#post-body")).ToHaveValueAsync("Un borrador a medio escribir.");

        // In English now: the same draft, a page's language is no part of its key.
        await page.GotoAsync(Url($"/en/phases/{phase}"));
        await Expect(page.Locator("#post-body")).ToHaveValueAsync("Un borrador a medio escribir.");
        await page.SelectOptionAsync("#post-language", "es");
        await page.ClickAsync("#post-form button[type=submit]");
        await Expect(page.Locator("#flash")).ToHaveTextAsync("Your contribution is published.");

        await page.ReloadAsync();
        await Expect(page.Locator("#post-title")).ToHaveValueAsync("");
        await Expect(page.Locator("#post-body")).ToHaveValueAsync("");
        (await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('forum-draft:')).length")).Should().Be(0);
    }

    [Fact]
    public async Task The_preview_shows_the_text_as_it_will_be_published_without_what_the_sanitizer_removes()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var (context, page) = await SignedInAsync("fr");
        await using var _ = context;
        await page.GotoAsync(Url($"/fr/phases/{phase}"));
        await page.FillAsync("#post-title", "Aperçu");
        await page.FillAsync("#post-body", "Du **gras** <img src=x onerror=\"document.title='pwned'\"> [lien](javascript:alert(1))");
        await Expect(page.Locator("#post-title-counter")).ToHaveTextAsync("6 / 200 caractères");

        await page.ClickAsync("#post-form button.preview-button");

        var preview = page.Locator("#post-body-preview");
        await Expect(preview.Locator("strong")).ToHaveTextAsync("gras");
        await Expect(preview.Locator("img[onerror], a[href^='javascript']")).ToHaveCountAsync(0);
        (await page.TitleAsync()).Should().NotBe("pwned");
    }
}
