using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Pages;

/// <summary>
/// A participant's form refused for any reason comes back with everything typed, every fault at once in a summary,
/// and a done one says so on the next page: as a browser without script sends them.
/// </summary>
public partial class RefusedFormsPagesTests(ForumApp app) : IClassFixture<ForumApp>
{
    private const string Password = "Lilac-Harbour-42";

    private async Task<HttpClient> SignedInAsync(string culture)
    {
        var browser = Forms.NewBrowser(app);
        await Forms.RegisterAndLogInAsync(browser, culture, $"writer-{Guid.NewGuid():N}@tests.localhost", Password, "Writer");
        return browser;
    }

    /// <summary>The antiforgery token of a page's form <paramref name="formId"/>, read while the page still shows it.</summary>
    private static async Task<string> TokenOfFormAsync(HttpClient browser, string path, string formId)
    {
        var html = await browser.GetStringAsync(path);
        var form = Regex.Match(html, $"<form[^>]*id=\"{formId}\".*?</form>", RegexOptions.Singleline).Value;
        form.Should().NotBeEmpty($"the page shows the form {formId}");
        return Forms.Token(form);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient browser, string action, string token, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        return browser.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    private static string Field(string html, string id) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<(?:textarea|input)[^>]*id=\"{id}\"[^>]*>(.*?)(?:</textarea>|$)", RegexOptions.Singleline | RegexOptions.Multiline).Value);

    [Fact]
    public async Task A_post_sent_after_the_phase_closed_comes_back_with_its_text_to_copy_and_no_form_to_send_again()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        using var browser = await SignedInAsync("fr");
        var token = await TokenOfFormAsync(browser, $"/fr/phases/{phase}", "post-form");
        await moderator.PostOkAsync($"/api/phases/{phase}/close", new { reason = "Closed while someone was writing." });

        var refused = await PostAsync(browser, $"/fr/phases/{phase}", token,
            new() { ["Post.Language"] = "fr", ["Post.Title"] = "Les monnaies locales", ["Post.Body"] = "Une **longue** réflexion sur les monnaies locales." });

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict, "the status stays the API's");
        var html = await refused.Content.ReadAsStringAsync();
        html.Should().Contain("id=\"phase-closed-banner\"").And.NotContain("id=\"post-form\"", "sending again would be refused again");
        html.Should().Contain("class=\"error-summary\"", "the summary says why");
        Field(html, "post-kept-title").Should().Contain("readonly").And.Contain("value=\"Les monnaies locales\"");
        Field(html, "post-kept-body").Should().Contain("readonly").And.Contain("Une **longue** réflexion sur les monnaies locales.");
        Forms.Text(html).Should().Contain("Voici ce que vous avez écrit, pour le copier et le garder");
    }

    [Fact]
    public async Task A_post_sent_after_the_theme_was_withdrawn_still_gives_the_text_back()
    {
        var moderator = await app.ModeratorAsync();
        var slug = $"withdrawn-{Guid.NewGuid():N}";
        var theme = await moderator.PostOkAsync("/api/themes", ThemeBody(slug, true, null), HttpStatusCode.Created);
        var phase = (await moderator.CreatePhaseAsync(slug, 1, "2026-08-25T09:00", "2026-09-21T23:59"))["id"]!.GetValue<int>();
        using var browser = await SignedInAsync("en");
        var token = await TokenOfFormAsync(browser, $"/en/phases/{phase}", "post-form");
        (await moderator.PutAsync($"/api/themes/{slug}", ThemeBody(slug, false, theme["version"]!.GetValue<Guid>()))).EnsureSuccessStatusCode();

        var refused = await PostAsync(browser, $"/en/phases/{phase}", token,
            new() { ["Post.Language"] = "en", ["Post.Title"] = "Local currencies", ["Post.Body"] = "Written before the theme went away." });

        refused.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var html = await refused.Content.ReadAsStringAsync();
        Forms.Text(html).Should().Contain("Your text was not sent");
        Field(html, "post-kept-body").Should().Contain("Written before the theme went away.");
    }

    private static object ThemeBody(string slug, bool published, Guid? version) => new
    {
        slug, position = 9, published, originalLanguage = "en", version,
        texts = new Dictionary<string, object> { ["en"] = new { title = "Withdrawn", description = "A theme withdrawn while someone writes." } },
    };

    [Fact]
    public async Task An_empty_post_lists_the_title_and_the_text_at_once_in_a_summary_linking_to_each_field()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        using var browser = await SignedInAsync("es");

        var refused = await Forms.SubmitAsync(browser, $"/es/phases/{phase}", $"/es/phases/{phase}",
            new() { ["Post.Language"] = "es", ["Post.Title"] = " ", ["Post.Body"] = "" });

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await refused.Content.ReadAsStringAsync();
        var summary = Regex.Match(html, "<div class=\"error-summary\".*?</div>", RegexOptions.Singleline).Value;
        summary.Should().Contain("<a href=\"#post-title\">Ponle un título a tu contribución.</a>")
            .And.Contain("<a href=\"#post-body\">Escribe tu contribución antes de publicarla.</a>");
        summary.IndexOf("#post-title", StringComparison.Ordinal).Should().BeLessThan(summary.IndexOf("#post-body", StringComparison.Ordinal), "the summary follows the form's order");
        html.Should().Contain("id=\"post-form\"").And.Contain("data-draft-state=\"refused\"", "the text the server kept wins over the browser's draft");
    }

    [Fact]
    public async Task An_empty_post_through_the_api_names_both_fields_in_its_problem()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();

        var refused = await author.PostAsync($"/api/phases/{phase}/contributions", new { language = "en", title = "", body = " " });

        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "title.required");
        problem["field"]!.GetValue<string>().Should().Be("title", "the first fault stays the problem's rule and field");
        var errors = problem["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().BeEquivalentTo(["title", "body"]);
    }

    [Fact]
    public async Task An_edit_sent_after_its_time_ended_comes_back_with_its_text()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        using var browser = await SignedInAsync("fr");
        var posted = await Forms.SubmitAsync(browser, $"/fr/phases/{phase}", $"/fr/phases/{phase}",
            new() { ["Post.Language"] = "fr", ["Post.Title"] = "Les jardins", ["Post.Body"] = "Premier jet." });
        var id = Regex.Match(posted.Headers.Location!.OriginalString, @"contribution-(\d+)").Groups[1].Value;
        var page = $"/fr/contributions/{id}";
        var html = await browser.GetStringAsync(page);
        var token = Forms.Token(Regex.Match(html, "<form[^>]*id=\"edit-fr-form\".*?</form>", RegexOptions.Singleline).Value);
        var version = Regex.Match(html, "name=\"EditVersion\" value=\"([^\"]+)\"").Groups[1].Value;
        // Past the 30-minute window (the clock is shared by this class's tests, whose phases stay open for weeks).
        app.Time.Advance(TimeSpan.FromMinutes(31));
        var refused = await PostAsync(browser, $"{page}?handler=Edit", token,
            new() { ["Edit.Language"] = "fr", ["EditVersion"] = version, ["Edit.Title"] = "Les jardins partagés", ["Edit.Body"] = "Second jet, plus long." });

        ((int)refused.StatusCode).Should().BeOneOf([403, 409], "the edit time is over");
        var back = await refused.Content.ReadAsStringAsync();
        back.Should().NotContain("id=\"edit-fr-form\"");
        back.Should().Contain("id=\"edit-fr-errors\"");
        Field(back, "edit-fr-kept-body").Should().Contain("Second jet, plus long.");
        Field(back, "edit-fr-kept-title").Should().Contain("Les jardins partagés");
    }

    [Fact]
    public async Task Done_forms_say_so_on_the_next_page_and_name_the_draft_to_drop()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        using var browser = await SignedInAsync("fr");

        var posted = await Forms.SubmitAsync(browser, $"/fr/phases/{phase}", $"/fr/phases/{phase}",
            new() { ["Post.Language"] = "fr", ["Post.Title"] = "Les halles", ["Post.Body"] = "Un marché couvert." });
        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var next = await browser.GetStringAsync(posted.Headers.Location!.OriginalString.Split('#')[0]);
        Regex.Match(next, "<p class=\"notice flash\"[^>]*>(.*?)</p>").Groups[1].Value.Should().Be("Votre contribution est publiée.");
        next.Should().Contain($"data-draft-done=\"post:phase-{phase}\"");
        Forms.Text(await browser.GetStringAsync($"/fr/phases/{phase}")).Should().NotContain("Votre contribution est publiée.", "said once");

        var id = Regex.Match(posted.Headers.Location!.OriginalString, @"contribution-(\d+)").Groups[1].Value;
        var replied = await SubmitFormAsync(browser, $"/fr/contributions/{id}", "reply-form", $"/fr/contributions/{id}?handler=Reply",
            new() { ["Reply.Language"] = "fr", ["Reply.Body"] = "Bonne idée." });
        replied.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await browser.GetStringAsync($"/fr/contributions/{id}");
        Forms.Text(after).Should().Contain("Votre réponse est publiée.");
        after.Should().Contain($"data-draft-done=\"reply:contribution-{id}\"");
    }

    private static async Task<HttpResponseMessage> SubmitFormAsync(HttpClient browser, string page, string formId, string action, Dictionary<string, string> fields) =>
        await PostAsync(browser, action, await TokenOfFormAsync(browser, page, formId), fields);

    [Fact]
    public async Task The_translation_form_offers_the_pages_language_and_asks_for_the_translated_title()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var id = (await author.PostContributionAsync(phase, "en", "Shared gardens", "Gardens bring neighbours together."))["id"]!.GetValue<long>();
        using var browser = await SignedInAsync("es");

        var html = await browser.GetStringAsync($"/es/contributions/{id}");
        Regex.Match(html, "<option value=\"(\\w+)\" lang=\"\\w+\" selected=\"selected\">[^<]*</option>\\s*(<option[^>]*>[^<]*</option>\\s*)*</select>\\s*<span id=\"translation-language-error\"")
            .Groups[1].Value.Should().Be("es", "a Spanish reader most likely translates into Spanish");
        Forms.Text(html).Should().Contain("Título traducido");

        var refused = await SubmitFormAsync(browser, $"/es/contributions/{id}", "translation-form", $"/es/contributions/{id}?handler=Translate",
            new() { ["Translation.Language"] = "fr", ["Translation.Title"] = "", ["Translation.Body"] = "" });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var back = await refused.Content.ReadAsStringAsync();
        Forms.Text(back).Should().Contain("Indica el título traducido.").And.Contain("Escribe el texto traducido antes de añadirlo.")
            .And.NotContain("Ponle un título a tu contribución.");
        back.Should().Contain("<option value=\"fr\" lang=\"fr\" selected=\"selected\">", "what was chosen is kept");
    }

    [Fact]
    public async Task The_preview_shows_the_text_as_published_sanitized_and_only_to_signed_in_participants_with_the_forms_token()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        using var browser = await SignedInAsync("en");
        var token = await TokenOfFormAsync(browser, $"/en/phases/{phase}", "post-form");

        var shown = await PostAsync(browser, "/en/preview", token, new() { ["body"] = "Some **bold** <script>alert(1)</script> [link](javascript:alert(2))" });
        shown.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await shown.Content.ReadAsStringAsync();
        html.Should().Contain("<strong>bold</strong>").And.NotContain("<script").And.NotContain("javascript:");

        var empty = await PostAsync(browser, "/en/preview", token, new() { ["body"] = " " });
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var forged = await browser.PostAsync("/en/preview", new FormUrlEncodedContent(new Dictionary<string, string> { ["body"] = "x" }));
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the preview needs the form's antiforgery token");
        var visitor = Forms.NewBrowser(app);
        var anonymous = await visitor.PostAsync("/en/preview", new FormUrlEncodedContent(new Dictionary<string, string> { ["body"] = "x" }));
        ((int)anonymous.StatusCode).Should().NotBe(200);
    }
}
