using Forum.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.FunctionalTests.Browser;

/// <summary>The moderation page as a moderator uses it in a browser with script: the synthesis editor and closing a phase.</summary>
public sealed class ModerationBrowserTests(ForumApp app, BrowserFixture browser) : IClassFixture<ForumApp>, IClassFixture<BrowserFixture>
{
    private string Url(string path) => new Uri(app.CreateClient().BaseAddress!, path).ToString();

    private async Task<IPage> SignedInModeratorAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/fr/account/login"));
        await page.FillAsync("#email", ForumApp.AdminEmail);
        await page.FillAsync("#password", ForumApp.AdminPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/fr");
        return page;
    }

    [Fact]
    public async Task The_synthesis_editor_keeps_its_text_across_a_draft_language_switch()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await SignedInModeratorAsync(context);
        await page.GotoAsync(Url($"/fr/moderation/phases/{phase}"));
        await page.FillAsync("#newsynthesis-title", "Synthèse de la phase");
        await page.FillAsync("#newsynthesis-body", "Un long texte, écrit avec soin, qui ne doit pas se perdre.");
        var loads = 0;
        page.Load += (_, _) => loads++;

        await page.ClickAsync("button.draft-tab[value=es]");

        await Expect(page.Locator("#draft-es")).ToBeVisibleAsync();
        await Expect(page.Locator("#draft-fr")).ToBeHiddenAsync();
        await Expect(page.Locator("button.draft-tab[value=es]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("#newsynthesis-title")).ToHaveValueAsync("Synthèse de la phase");
        await Expect(page.Locator("#newsynthesis-body")).ToHaveValueAsync("Un long texte, écrit avec soin, qui ne doit pas se perdre.");
        loads.Should().Be(0, "the switch happens in the page");
        page.Url.Should().EndWith("DraftLanguage=es");

        await page.ClickAsync("button.draft-tab[value=en]");
        await Expect(page.Locator("#draft-en")).ToBeVisibleAsync();
        await Expect(page.Locator("#draft-es")).ToBeHiddenAsync();
        await Expect(page.Locator("#newsynthesis-body")).ToHaveValueAsync("Un long texte, écrit avec soin, qui ne doit pas se perdre.");
        // Citations open beside the editor, never in its place.
        (await page.Locator("#draft-summary li a:not([target=_blank])").CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task An_unsaved_synthesis_comes_back_after_a_reload_and_is_dropped_once_saved()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await SignedInModeratorAsync(context);
        await page.GotoAsync(Url($"/fr/moderation/phases/{phase}"));
        await page.FillAsync("#newsynthesis-title", "Synthèse provisoire");
        await page.FillAsync("#newsynthesis-body", "Trois idées reviennent souvent.");

        await page.ReloadAsync();
        await Expect(page.Locator("#newsynthesis-title")).ToHaveValueAsync("Synthèse provisoire");
        await Expect(page.Locator("#newsynthesis-body")).ToHaveValueAsync("Trois idées reviennent souvent.");

        await page.ClickAsync("#synthesis-form button[type=submit]");
        await Expect(page.Locator("#flash")).ToContainTextAsync("est enregistrée comme brouillon");
        await page.ReloadAsync();
        await Expect(page.Locator("#newsynthesis-body")).ToHaveValueAsync("");
        (await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('forum-draft:synthesis')).length")).Should().Be(0);
    }

    [Fact]
    public async Task Closing_a_phase_asks_in_a_dialog_and_says_it_is_done()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await SignedInModeratorAsync(context);
        await page.GotoAsync(Url($"/fr/moderation/phases/{phase}"));
        await Expect(page.Locator("#close-confirmclose")).ToBeHiddenAsync();
        await page.FillAsync("#close-reason", "Fin du débat.");

        var refused = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialog.Message.Should().Be("Clore cette phase maintenant ? Plus personne ne pourra contribuer.");
            if (refused++ == 0)
            {
                await dialog.DismissAsync();
            }
            else
            {
                await dialog.AcceptAsync();
            }
        };
        await page.ClickAsync("#close-form button[type=submit]");
        (await moderator.GetJsonAsync($"/api/phases/{phase}"))["state"]!.GetValue<string>().Should().Be("open", "the moderator said no");

        await page.ClickAsync("#close-form button[type=submit]");
        await Expect(page.Locator("#phase-state")).ToHaveTextAsync("Fermée");
        await Expect(page.Locator("body")).ToContainTextAsync("La phase est close.");
    }
}
