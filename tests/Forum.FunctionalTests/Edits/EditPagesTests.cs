using System.Net;
using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;
using static Forum.FunctionalTests.Infrastructure.Forms;

namespace Forum.FunctionalTests.Edits;

/// <summary>Editing from the contribution page as a browser without script does it, and the moderators' history page.</summary>
public class EditPagesTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static async Task<HttpClient> SignedInAsync(HttpClient browser, string email, string password)
    {
        var login = await SubmitAsync(browser, "/fr/account/login", "/fr/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return browser;
    }

    private static string Hidden(string html, string name) => Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;

    [Fact]
    public async Task The_author_edits_from_the_page_readers_see_it_was_edited_and_moderators_read_the_history()
    {
        var moderatorApi = await app.ModeratorAsync();
        var phase = await moderatorApi.CreateOpenPhaseAsync();
        using var author = NewBrowser(app);
        var email = $"amelie-{Guid.NewGuid():N}@tests.localhost";
        await RegisterAndLogInAsync(author, "fr", email, "Lilac-Harbour-42", "Amélie");
        (await SubmitAsync(author, $"/fr/phases/{phase}", $"/fr/phases/{phase}", new() { ["Post.Language"] = "fr", ["Post.Title"] = "Les SCIC", ["Post.Body"] = "Les SCIC réunissent les acteurs." }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var id = (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions"))["items"]![0]!["id"]!.GetValue<long>();
        var page = $"/fr/contributions/{id}";

        var form = await author.GetStringAsync(page);
        form.Should().Contain("id=\"edit-fr-form\"");
        Text(form).Should().Contain("Vous pouvez modifier ce texte jusqu’à 12:30 (encore 30 minutes).", "the window ends 30 minutes after 12:00 in Paris");
        (await app.CreateClient().GetStringAsync(page)).Should().NotContain("edit-fr-form", "readers get no edit form");
        using var otherParticipant = await SignedInAsync(NewBrowser(app), (await RegisterAsync()), "Lilac-Harbour-42");
        (await otherParticipant.GetStringAsync(page)).Should().NotContain("edit-fr-form", "nor does anyone but the author");

        app.Time.Advance(TimeSpan.FromMinutes(5));
        var empty = await SubmitAsync(author, page, $"{page}?handler=Edit", new()
        {
            ["Edit.Language"] = "fr", ["EditVersion"] = Hidden(form, "EditVersion"), ["Edit.Title"] = "Les SCIC, coopératives", ["Edit.Body"] = " ",
        });
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var refused = await empty.Content.ReadAsStringAsync();
        Regex.Match(refused, "<span id=\"edit-fr-body-error\" class=\"error\">(.*?)</span>", RegexOptions.Singleline).Value
            .Should().Contain("Le texte ne peut pas être vide.", "an edit publishes nothing new: its own words");
        refused.Should().Contain("value=\"Les SCIC, coopératives\"", "nothing typed is lost").And.Contain("<details class=\"edit\" lang=\"fr\" open=\"open\">");
        (await app.Anonymous().GetJsonAsync($"/api/contributions/{id}"))["versions"]![0]!["title"]!.GetValue<string>().Should().Be("Les SCIC");

        var saved = await SubmitAsync(author, page, $"{page}?handler=Edit", new()
        {
            ["Edit.Language"] = "fr", ["EditVersion"] = Hidden(form, "EditVersion"), ["Edit.Title"] = "Les SCIC, coopératives", ["Edit.Body"] = "Les SCIC **réunissent** salariés, usagers et collectivités.",
        });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var read = await app.CreateClient().GetStringAsync(page);
        read.Should().Contain("Les SCIC <strong>réunissent</strong> salariés, usagers et collectivités.").And.NotContain("Les SCIC réunissent les acteurs.");
        Text(read).Should().Contain("Modifié le").And.NotContain("Historique des modifications");
        Text(await app.CreateClient().GetStringAsync($"/fr/phases/{phase}")).Should().Contain("Les SCIC, coopératives");

        var stale = await SubmitAsync(author, page, $"{page}?handler=Edit", new()
        {
            ["Edit.Language"] = "fr", ["EditVersion"] = Hidden(form, "EditVersion"), ["Edit.Title"] = "Ancienne lecture", ["Edit.Body"] = "Écrit depuis une page ancienne.",
        });
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        Text(await stale.Content.ReadAsStringAsync()).Should().Contain("Quelqu’un a modifié ceci depuis l’ouverture de la page").And.Contain("Écrit depuis une page ancienne.");

        using var moderator = await SignedInAsync(NewBrowser(app), ForumApp.AdminEmail, ForumApp.AdminPassword);
        var withLink = await moderator.GetStringAsync(page);
        withLink.Should().Contain($"href=\"/fr/moderation/contributions/{id}/history#history-fr\"");
        var history = Text(await moderator.GetStringAsync($"/fr/moderation/contributions/{id}/history"));
        history.Should().Contain("Historique des modifications").And.Contain("Texte n° 1").And.Contain("Les SCIC réunissent les acteurs.")
            .And.Contain("Texte n° 2 (texte actuel)").And.Contain("Les SCIC **réunissent** salariés, usagers et collectivités.").And.Contain("Écrit par Amélie");
        history.IndexOf("Les SCIC réunissent les acteurs.", StringComparison.Ordinal).Should().BeLessThan(history.IndexOf("salariés", StringComparison.Ordinal), "oldest first");
        (await author.GetAsync($"/fr/moderation/contributions/{id}/history")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        app.Time.Advance(TimeSpan.FromMinutes(25));
        (await author.GetStringAsync(page)).Should().NotContain("edit-fr-form", "the form goes once the window has closed");
    }

    private async Task<string> RegisterAsync()
    {
        var email = $"other-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, "Lilac-Harbour-42");
        return email;
    }
}
