using System.Net;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.FunctionalTests.Browser;

/// <summary>
/// A phase page left open while the moderation team works: a hidden contribution goes and comes back in its place,
/// a rescheduled phase shows its new dates, a withdrawn synthesis leaves, and a scheduled phase opening brings the form.
/// </summary>
public class LiveChangesBrowserTests(ForumApp app, BrowserFixture browser) : IClassFixture<ForumApp>, IClassFixture<BrowserFixture>
{
    private string Url(string path) => new Uri(app.CreateClient().BaseAddress!, path).ToString();

    private static async Task WaitForLiveAsync(IPage page) =>
        await Expect(page.Locator("html[data-live='on']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

    [Fact]
    public async Task A_restored_contribution_comes_back_in_place_and_a_rescheduled_phase_shows_its_new_dates_live()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var older = (await author.PostContributionAsync(phase, "en", "Older", "First text."))["id"]!.GetValue<long>();
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var newer = (await author.PostContributionAsync(phase, "en", "Newer", "Second text."))["id"]!.GetValue<long>();
        var draft = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses",
            new { versions = new[] { new { language = "en", title = "Halfway", body = "So far." } } }, HttpStatusCode.Created);
        var synthesis = draft["id"]!.GetValue<long>();
        var published = await moderator.PostOkAsync($"/api/syntheses/{synthesis}/publish", new { version = draft["version"]!.GetValue<Guid>() });

        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-GB" });
        var reader = await context.NewPageAsync();
        await reader.GotoAsync(Url($"/en/phases/{phase}"));
        await WaitForLiveAsync(reader);
        var cards = reader.Locator("#contribution-list article.contribution");
        await Expect(cards).ToHaveCountAsync(2);
        await Expect(reader.Locator($"article.synthesis:has(#synthesis-{synthesis})")).ToHaveCountAsync(1);

        var version = (await moderator.GetJsonAsync($"/api/contributions/{older}"))["version"]!.GetValue<Guid>();
        var hidden = await moderator.PostOkAsync($"/api/contributions/{older}/hide", new { reason = "Checking.", version });
        await Expect(cards).ToHaveCountAsync(1);
        await moderator.PostOkAsync($"/api/contributions/{older}/restore", new { reason = "Fine.", version = hidden["version"]!.GetValue<Guid>() });
        await Expect(cards).ToHaveCountAsync(2);
        await Expect(cards.Nth(0)).ToHaveAttributeAsync("id", $"contribution-{newer}");
        await Expect(cards.Nth(1)).ToHaveAttributeAsync("id", $"contribution-{older}", new() { Timeout = 1_000 });

        await moderator.PostOkAsync($"/api/phases/{phase}/extend", new { reason = "More time.", until = "2026-10-05T18:00" });
        await Expect(reader.Locator("#phase-dates")).ToContainTextAsync("5 October 2026 18:00");
        await Expect(reader.Locator("#live-notice")).ToContainTextAsync("The dates of this phase have changed.");

        await moderator.PostOkAsync($"/api/syntheses/{synthesis}/unpublish", new { version = published["version"]!.GetValue<Guid>() });
        await Expect(reader.Locator("article.synthesis")).ToHaveCountAsync(0);
        await Expect(reader.Locator("#live-notice")).ToContainTextAsync("A synthesis has been withdrawn.");
    }

    [Fact]
    public async Task A_scheduled_phase_opening_live_shows_its_state_and_the_form_to_a_signed_in_reader()
    {
        var moderator = await app.ModeratorAsync();
        var slug = (await moderator.CreateThemeAsync())["slug"]!.GetValue<string>();
        var phase = (await moderator.CreatePhaseAsync(slug, 1, "2026-10-01T09:00", "2026-10-31T18:00"))["id"]!.GetValue<int>();

        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/fr/account/login"));
        await page.FillAsync("#email", ForumApp.AdminEmail);
        await page.FillAsync("#password", ForumApp.AdminPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 60_000, WaitUntil = WaitUntilState.Commit });
        await page.GotoAsync(Url($"/fr/phases/{phase}"));
        await WaitForLiveAsync(page);
        await Expect(page.Locator("#post-form")).ToHaveCountAsync(0);

        await moderator.PostOkAsync($"/api/phases/{phase}/open", new { reason = "Ready." });
        await Expect(page.Locator("#phase-state")).ToHaveTextAsync("Ouverte");
        await Expect(page.Locator("#post-form button[type=submit]")).ToBeEnabledAsync();
        await page.FillAsync("#post-title", "Première idée");
        await page.FillAsync("#post-body", "Un texte écrit sans recharger la page.");
        await page.ClickAsync("#post-form button[type=submit]");
        await Expect(page.Locator("#contribution-list article.contribution h3")).ToHaveTextAsync("Première idée");
    }

    [Fact]
    public async Task A_theme_page_left_open_shows_a_phase_opened_by_a_moderator_with_its_announcement_and_the_next_visitor_reads_the_same()
    {
        var moderator = await app.ModeratorAsync();
        var slug = (await moderator.CreateThemeAsync())["slug"]!.GetValue<string>();
        var phase = (await moderator.CreatePhaseAsync(slug, 1, "2026-10-01T09:00", "2026-10-31T18:00"))["id"]!.GetValue<int>();

        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url($"/fr/themes/{slug}"));
        await WaitForLiveAsync(page);
        await Expect(page.Locator("#next-phase")).ToContainTextAsync("La phase 1");
        await Expect(page.Locator("#announcements article")).ToHaveCountAsync(0);

        await moderator.PostOkAsync($"/api/phases/{phase}/open", new { reason = "Ready." });

        await Expect(page.Locator("#announcements article h3")).ToHaveTextAsync("La phase 1 est ouverte\u00a0: Phase 1");
        await Expect(page.Locator("#announcements article")).ToContainTextAsync("est ouverte du 1er septembre au 31 octobre.");
        await Expect(page.Locator("#current .state")).ToHaveTextAsync("Ouverte");
        await Expect(page.Locator("#timeline .state")).ToHaveTextAsync("Ouverte");
        await Expect(page.Locator("#next-phase")).ToHaveCountAsync(0);
        await Expect(page.Locator("#live-notice")).ToContainTextAsync("Cette page vient d’être mise à jour. La phase 1 est ouverte");

        await using var nextContext = await browser.Browser.NewContextAsync(new() { Locale = "fr-FR" });
        var next = await nextContext.NewPageAsync();
        await next.GotoAsync(Url($"/fr/themes/{slug}"));
        await Expect(next.Locator("#announcements article h3")).ToHaveTextAsync("La phase 1 est ouverte\u00a0: Phase 1");
        await Expect(next.Locator("nav.languages")).ToHaveCountAsync(1);
    }
}
