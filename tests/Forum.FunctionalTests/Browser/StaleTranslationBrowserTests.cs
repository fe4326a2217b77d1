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
}
