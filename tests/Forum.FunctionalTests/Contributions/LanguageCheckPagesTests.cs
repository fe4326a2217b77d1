using System.Net;
using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;
using static Forum.FunctionalTests.Contributions.LanguageCheckApiTests;
using static Forum.FunctionalTests.Infrastructure.Forms;

namespace Forum.FunctionalTests.Contributions;

/// <summary>The language question on the pages' forms, as a browser without script answers it.</summary>
public class LanguageCheckPagesTests(LanguageCheckApp app) : IClassFixture<LanguageCheckApp>
{
    private async Task<HttpClient> SignedInAsync(string culture)
    {
        var browser = NewBrowser(app);
        await RegisterAndLogInAsync(browser, culture, $"camille-{Guid.NewGuid():N}@tests.localhost", "Lilac-Harbour-42", "Camille");
        return browser;
    }

    [Fact]
    public async Task The_post_form_asks_in_the_reader_s_language_keeps_what_was_typed_and_posts_as_the_language_heard()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        using var browser = await SignedInAsync("fr");
        var page = $"/fr/phases/{phase}";

        var asked = await SubmitAsync(browser, page, page, new() { ["Post.Language"] = "en", ["Post.Title"] = "Marchés de producteurs", ["Post.Body"] = French });

        asked.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await asked.Content.ReadAsStringAsync();
        Text(html).Should().Contain("Ce texte semble écrit en français.");
        html.Should().Contain("name=\"Post.PostAs\" value=\"fr\">Le publier en français</button>")
            .And.Contain("name=\"Post.LanguageConfirmed\" value=\"true\" class=\"secondary\">Le garder en anglais</button>")
            .And.Contain("value=\"Marchés de producteurs\"").And.Contain("Les coopératives de notre région vendent directement", "the text typed is given back");
        (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions"))["items"]!.AsArray().Should().BeEmpty("a question is not a post");

        var posted = await SubmitAsync(browser, page, page, new()
        {
            ["Post.PostAs"] = "fr", ["Post.Language"] = "en", ["Post.Title"] = "Marchés de producteurs", ["Post.Body"] = French,
        });

        posted.StatusCode.Should().Be(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());
        var item = (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions"))["items"]![0]!;
        item["originalLanguage"]!.GetValue<string>().Should().Be("fr");
    }

    [Fact]
    public async Task Keeping_the_declared_language_posts_it_as_declared_and_marks_it_for_moderators()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        using var browser = await SignedInAsync("en");
        var page = $"/en/phases/{phase}";

        var asked = await SubmitAsync(browser, page, page, new() { ["Post.Language"] = "es", ["Post.Title"] = "Producer markets", ["Post.Body"] = English });
        Text(await asked.Content.ReadAsStringAsync()).Should().Contain("This text looks English.").And.Contain("Post it as English").And.Contain("Keep Spanish");

        var kept = await SubmitAsync(browser, page, page, new()
        {
            ["Post.LanguageConfirmed"] = "true", ["Post.Language"] = "es", ["Post.Title"] = "Producer markets", ["Post.Body"] = English,
        });

        kept.StatusCode.Should().Be(HttpStatusCode.Redirect, await kept.Content.ReadAsStringAsync());
        var id = (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions"))["items"]![0]!["id"]!.GetValue<long>();
        var stored = await moderator.GetJsonAsync($"/api/contributions/{id}");
        stored["originalLanguage"]!.GetValue<string>().Should().Be("es");
        stored["versions"]![0]!["detectedLanguage"]!.GetValue<string>().Should().Be("en");
    }

    [Fact]
    public async Task The_reply_and_edit_forms_ask_too_and_an_edit_may_only_keep_its_language()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        using var browser = await SignedInAsync("en");
        var page = $"/en/phases/{phase}";
        (await SubmitAsync(browser, page, page, new() { ["Post.Language"] = "en", ["Post.Title"] = "Producer markets", ["Post.Body"] = English }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var id = (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions"))["items"]![0]!["id"]!.GetValue<long>();
        var contribution = $"/en/contributions/{id}";

        var reply = await SubmitAsync(browser, contribution, $"{contribution}?handler=Reply", new() { ["Reply.Language"] = "en", ["Reply.Body"] = Spanish });
        reply.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var replyHtml = await reply.Content.ReadAsStringAsync();
        replyHtml.Should().Contain("name=\"Reply.PostAs\" value=\"es\"").And.Contain("name=\"Reply.LanguageConfirmed\"");

        var form = await browser.GetStringAsync(contribution);
        var version = Regex.Match(form, "name=\"EditVersion\" value=\"([^\"]*)\"").Groups[1].Value;
        var edit = await SubmitAsync(browser, contribution, $"{contribution}?handler=Edit", new()
        {
            ["Edit.Language"] = "en", ["EditVersion"] = version, ["Edit.Title"] = "Producer markets", ["Edit.Body"] = French,
        });
        edit.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var editHtml = await edit.Content.ReadAsStringAsync();
        editHtml.Should().Contain("name=\"Edit.LanguageConfirmed\" value=\"true\"").And.NotContain("Edit.PostAs", "an edit keeps its version's language");

        var kept = await SubmitAsync(browser, contribution, $"{contribution}?handler=Edit", new()
        {
            ["Edit.Language"] = "en", ["EditVersion"] = version, ["Edit.Title"] = "Producer markets", ["Edit.Body"] = French, ["Edit.LanguageConfirmed"] = "true",
        });
        kept.StatusCode.Should().Be(HttpStatusCode.Redirect, await kept.Content.ReadAsStringAsync());
        (await app.Anonymous().GetJsonAsync($"/api/contributions/{id}"))["versions"]![0]!["body"]!.GetValue<string>().Should().Be(French);
    }

    [Fact]
    public async Task A_translation_in_the_language_of_the_original_is_only_offered_to_keep_its_declared_language()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var id = (await author.PostContributionAsync(phase, "fr", "Marchés de producteurs", French))["id"]!.GetValue<long>();
        using var browser = await SignedInAsync("fr");
        var contribution = $"/fr/contributions/{id}";

        // The French original pasted as the Spanish translation: it reads French, which the contribution already has.
        var asked = await SubmitAsync(browser, contribution, $"{contribution}?handler=Translate", new()
        {
            ["Translation.Language"] = "es", ["Translation.Title"] = "Mercados", ["Translation.Body"] = French,
        });

        asked.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await asked.Content.ReadAsStringAsync();
        Text(html).Should().Contain("Ce texte semble écrit en français.");
        html.Should().Contain("name=\"Translation.LanguageConfirmed\" value=\"true\"")
            .And.NotContain("Translation.PostAs", "French exists already: posting the translation as French would only be refused");

        // Offered as English, a language the contribution lacks, the text may go there instead.
        var english = await SubmitAsync(browser, contribution, $"{contribution}?handler=Translate", new()
        {
            ["Translation.Language"] = "es", ["Translation.Title"] = "Producer markets", ["Translation.Body"] = English,
        });
        (await english.Content.ReadAsStringAsync()).Should().Contain("name=\"Translation.PostAs\" value=\"en\"");
    }

    [Fact]
    public async Task A_refused_translation_in_a_language_already_there_is_explained_in_the_page_s_language()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var id = (await author.PostContributionAsync(phase, "fr", "Marchés de producteurs", French))["id"]!.GetValue<long>();
        using var browser = await SignedInAsync("fr");
        var contribution = $"/fr/contributions/{id}";

        var refused = await SubmitAsync(browser, contribution, $"{contribution}?handler=Translate", new()
        {
            ["Translation.Language"] = "fr", ["Translation.Title"] = "Marchés", ["Translation.Body"] = French,
        });

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        Text(await refused.Content.ReadAsStringAsync()).Should().Contain("Ce texte existe déjà dans cette langue")
            .And.NotContain("already has a version");
    }

    [Fact]
    public async Task The_new_synthesis_form_asks_and_may_take_the_language_heard()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        using var moderator = NewBrowser(app);
        (await SubmitAsync(moderator, "/en/account/login", "/en/account/login", new() { ["Input.Email"] = ForumApp.AdminEmail, ["Input.Password"] = ForumApp.AdminPassword }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = $"/en/moderation/phases/{phase}";

        var asked = await SubmitAsync(moderator, page, $"{page}?handler=WriteSynthesis", new()
        {
            ["SynthesisLanguage"] = "en", ["SynthesisTitle"] = "Synthèse", ["SynthesisBody"] = French,
        });
        asked.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await asked.Content.ReadAsStringAsync();
        html.Should().Contain("name=\"SynthesisPostAs\" value=\"fr\">Post it as French</button>").And.Contain("name=\"SynthesisLanguageConfirmed\" value=\"true\"");

        var saved = await SubmitAsync(moderator, page, $"{page}?handler=WriteSynthesis", new()
        {
            ["SynthesisLanguage"] = "en", ["SynthesisTitle"] = "Synthèse", ["SynthesisBody"] = French, ["SynthesisPostAs"] = "fr",
        });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var synthesis = (await (await app.ModeratorAsync()).GetJsonAsync($"/api/phases/{phase}/syntheses?includeDrafts=true"))[0]!;
        synthesis["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("fr");
    }
}
