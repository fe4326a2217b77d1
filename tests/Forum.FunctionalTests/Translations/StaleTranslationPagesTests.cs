using System.Net;
using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;
using static Forum.FunctionalTests.Infrastructure.Forms;

namespace Forum.FunctionalTests.Translations;

/// <summary>The "may be out of date" notice on the reading pages, and updating a stale translation from the contribution page without script.</summary>
public class StaleTranslationPagesTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static string Hidden(string html, string name) => Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;

    /// <summary>A French original translated into English and Spanish, then edited by its author five minutes later.</summary>
    private async Task<(int Phase, long Id, DateTimeOffset ChangedAt)> StaleAsync()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var translator = await app.ParticipantAsync("translator");
        var id = (await author.PostContributionAsync(phase, "fr", "Les SCIC", "Les SCIC réunissent les acteurs."))["id"]!.GetValue<long>();
        await translator.PostOkAsync($"/api/contributions/{id}/translations", new { language = "en", title = "SCICs", body = "SCICs bring the actors together." }, HttpStatusCode.Created);
        await translator.PostOkAsync($"/api/contributions/{id}/translations", new { language = "es", title = "Las SCIC", body = "Las SCIC reúnen a los actores." }, HttpStatusCode.Created);
        app.Time.Advance(TimeSpan.FromMinutes(5));
        var version = (await author.GetJsonAsync($"/api/contributions/{id}"))["version"]!.GetValue<Guid>();
        (await author.PutAsync($"/api/contributions/{id}/versions/fr", new { title = "Les SCIC", body = "Les SCIC réunissent salariés, usagers et collectivités.", version }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        return (phase, id, app.Time.GetUtcNow());
    }

    [Fact]
    public async Task Readers_see_the_notice_in_their_language_on_the_contribution_and_on_the_phase_page()
    {
        var (phase, id, changedAt) = await StaleAsync();
        // The page's machine-readable time, in the forum's zone (Razor encodes the offset's sign).
        var machine = changedAt.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss");
        var reader = app.CreateClient();

        var english = await reader.GetStringAsync($"/en/contributions/{id}");
        Text(english).Should().Contain("This translation may be out of date: the original was changed on");
        english.Should().Contain($"id=\"outdated-en\"").And.Contain($"<time datetime=\"{machine}").And.NotContain("id=\"outdated-fr\"");
        Text(await reader.GetStringAsync($"/fr/contributions/{id}")).Should().Contain("Cette traduction n’est peut-être plus à jour : l’original a été modifié le", "Text() makes the no-break space a space");
        Text(await reader.GetStringAsync($"/es/contributions/{id}")).Should().Contain("Puede que esta traducción no esté al día: el original se modificó el");

        Text(await reader.GetStringAsync($"/es/phases/{phase}")).Should().Contain("Puede que esta traducción no esté al día", "the card shows the Spanish translation");
        Text(await reader.GetStringAsync($"/en/phases/{phase}")).Should().Contain("This translation may be out of date");
        Text(await reader.GetStringAsync($"/fr/phases/{phase}")).Should().NotContain("n’est peut-être plus à jour", "the French reader reads the original");
        (await reader.GetStringAsync($"/fr/contributions/{id}")).Should().NotContain("update-es-form", "readers who are not signed in get no form");
    }

    [Fact]
    public async Task A_signed_in_volunteer_updates_the_translation_from_the_page_beside_the_original_and_keeps_the_text_on_refusal()
    {
        var (phase, id, _) = await StaleAsync();
        using var volunteer = NewBrowser(app);
        await RegisterAndLogInAsync(volunteer, "es", $"lucia-{Guid.NewGuid():N}@tests.localhost", "Lilac-Harbour-42", "Lucía");
        var page = $"/es/contributions/{id}";
        var form = await volunteer.GetStringAsync(page);
        form.Should().Contain("id=\"update-es-form\"").And.Contain("id=\"update-en-form\"").And.NotContain("id=\"update-fr-form\"", "the original is no translation");
        var updateForm = Regex.Match(form, "<form[^>]*id=\"update-es-form\".*?</form>", RegexOptions.Singleline).Value;
        Text(updateForm).Should().Contain("El original en francés, tal como se lee ahora").And.Contain("Les SCIC réunissent salariés, usagers et collectivités.");
        updateForm.Should().Contain("Las SCIC reúnen a los actores.", "the form starts from the translation as it is");

        var empty = await SubmitAsync(volunteer, page, $"{page}?handler=Update", new()
        {
            ["Update.Language"] = "es", ["UpdateVersion"] = Hidden(form, "UpdateVersion"), ["Update.Title"] = "Las SCIC, cooperativas", ["Update.Body"] = " ",
        });
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var refused = await empty.Content.ReadAsStringAsync();
        Regex.Match(refused, "<span id=\"update-es-body-error\" class=\"error\">(.*?)</span>", RegexOptions.Singleline).Value.Should().NotBeEmpty()
            .And.NotBe("<span id=\"update-es-body-error\" class=\"error\"></span>");
        refused.Should().Contain("value=\"Las SCIC, cooperativas\"", "nothing typed is lost").And.Contain("<details class=\"update\" lang=\"es\" open=\"open\">");

        var saved = await SubmitAsync(volunteer, page, $"{page}?handler=Update", new()
        {
            ["Update.Language"] = "es", ["UpdateVersion"] = Hidden(form, "UpdateVersion"), ["Update.Title"] = "Las SCIC",
            ["Update.Body"] = "Las SCIC reúnen a asalariados, usuarios y administraciones.",
        });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var read = await app.Anonymous().GetJsonAsync($"/api/contributions/{id}");
        var spanish = read["versions"]!.AsArray().Single(v => v!["language"]!.GetValue<string>() == "es")!;
        (spanish["body"]!.GetValue<string>(), spanish["outdatedSince"], spanish["author"]!["name"]!.GetValue<string>())
            .Should().Be(("Las SCIC reúnen a asalariados, usuarios y administraciones.", null, "Lucía"));
        var after = await app.CreateClient().GetStringAsync(page);
        after.Should().NotContain("id=\"outdated-es\"").And.Contain("id=\"outdated-en\"", "English still waits for its update");
        Text(await app.CreateClient().GetStringAsync($"/es/phases/{phase}")).Should().NotContain("Puede que esta traducción no esté al día");

        // Sent again from the page read before: the translation is up to date now, and the text comes back to be copied.
        var late = await SubmitAsync(volunteer, page, $"{page}?handler=Update", new()
        {
            ["Update.Language"] = "es", ["UpdateVersion"] = Hidden(await volunteer.GetStringAsync(page), "UpdateVersion"), ["Update.Title"] = "Las SCIC",
            ["Update.Body"] = "Un texto escrito tarde.",
        });
        late.StatusCode.Should().Be(HttpStatusCode.Conflict);
        Text(await late.Content.ReadAsStringAsync()).Should().Contain("Esta traducción ya está al día: no hay nada que actualizar.").And.Contain("Un texto escrito tarde.");
    }
}
