using System.Net;
using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;
using Forum.FunctionalTests.Statistics;

namespace Forum.FunctionalTests.Pages;

/// <summary>The reader's pages of the demo forum, in the three languages, as server-rendered HTML (no script needed).</summary>
public partial class ReadingPagesTests(DemoForumApp app) : IClassFixture<DemoForumApp>
{
    private async Task<string> PageAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await app.CreateClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, html);
        return html;
    }

    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " "));

    [Fact]
    public async Task Browsers_asking_for_the_site_icon_get_one_that_every_page_names()
    {
        var response = await app.CreateClient().GetAsync("/favicon.ico");
        var icon = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("image/x-icon");
        icon.Take(4).Should().Equal(new byte[] { 0, 0, 1, 0 }, "an ICO file starts with its reserved word and type 1");
        (await PageAsync("/fr")).Should().Contain("<link rel=\"icon\" href=\"/favicon.ico\"");
    }

    [Theory]
    [InlineData("es-ES,es;q=0.9,en;q=0.5", "/es")]
    [InlineData("fr-CA", "/fr")]
    [InlineData("de-DE,de;q=0.9", "/en")]
    [InlineData("de-DE,de;q=0.9,es;q=0.4,fr;q=0.6", "/fr")]
    public async Task A_first_visit_goes_to_the_browsers_preferred_forum_language(string acceptLanguage, string expected)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.CreateClient().BaseAddress };
        client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        var response = await client.GetAsync("/");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be(expected);
    }

    [Theory]
    [InlineData("en", ReferencePhaseStatisticsTests.English, "closes in 9 days")]
    [InlineData("fr", ReferencePhaseStatisticsTests.French, "se termine dans 9 jours")]
    [InlineData("es", ReferencePhaseStatisticsTests.Spanish, "cierra dentro de 9 días")]
    public async Task The_phase_page_speaks_the_readers_language(string culture, string sentence, string closes)
    {
        var html = await PageAsync($"/{culture}/phases/3");
        html.Should().Contain($"<html lang=\"{culture}\">");
        Text(html).Should().Contain(sentence).And.Contain(closes);
        foreach (var code in new[] { "en", "fr", "es" })
        {
            html.Should().Contain($"href=\"/{code}/phases/3\" lang=\"{code}\"", "the switcher keeps the page");
        }
        html.Should().Contain($"href=\"/{culture}/phases/3\" lang=\"{culture}\" hreflang=\"{culture}\" aria-current=\"page\"");
    }

    [Fact]
    public async Task Every_text_block_carries_its_language_and_a_fallback_says_so()
    {
        var html = await PageAsync("/es/phases/3");
        var articles = ArticleRegex().Matches(html).Select(m => m.Value).ToList();
        articles.Should().HaveCount(29, "all 29 contributions fit on one page of 50");
        foreach (var article in articles)
        {
            var badges = BadgeRegex().Matches(article).Select(m => m.Groups[1].Value).ToList();
            var body = BodyLangRegex().Match(article).Groups[1].Value;
            badges.Should().NotBeEmpty();
            if (badges.Contains("es"))
            {
                body.Should().Be("es");
                article.Should().NotContain("class=\"fallback\"");
            }
            else
            {
                badges.Should().Contain(body, "the original is shown when there is no Spanish version");
                Text(article).Should().Contain("Aún sin traducir a tu idioma");
            }
        }
    }

    [Fact]
    public async Task The_language_filter_keeps_only_contributions_readable_in_it()
    {
        var html = await PageAsync("/en/phases/3?language=es");
        var articles = ArticleRegex().Matches(html).Select(m => m.Value).ToList();
        articles.Should().HaveCount(12, "12 of the 29 are readable in Spanish");
        articles.Should().OnlyContain(a => BadgeRegex().Matches(a).Any(m => m.Groups[1].Value == "es"));
        html.Should().Contain("<option value=\"es\" selected=\"selected\">Spanish</option>");
    }

    [Fact]
    public async Task The_theme_shows_its_phases_as_a_timeline_with_the_open_question_first()
    {
        var html = Text(await PageAsync("/fr/themes/sse-initiatives-in-territories"));
        html.Should().Contain("Phase 3\u00a0: ").And.Contain("Ouverte").And.Contain("Fermée").And.Contain("Lire et contribuer");
        Regex.Matches(html, "Phase [123]").Select(m => m.Value).Distinct().Should().BeEquivalentTo(["Phase 1", "Phase 2", "Phase 3"]);
    }

    [Fact]
    public async Task Unknown_cultures_phases_and_themes_are_not_found()
    {
        await PageAsync("/de/phases/3", HttpStatusCode.NotFound);
        await PageAsync("/en/phases/999", HttpStatusCode.NotFound);
        await PageAsync("/en/themes/no-such-theme", HttpStatusCode.NotFound);
        (await PageAsync("/en")).Should().Contain("/en/themes/sse-initiatives-in-territories");
    }

    [GeneratedRegex("<article class=\"contribution\".*?</article>", RegexOptions.Singleline)]
    private static partial Regex ArticleRegex();

    [GeneratedRegex("<abbr class=\"badge\" lang=\"(\\w+)\"")]
    private static partial Regex BadgeRegex();

    [GeneratedRegex("<div lang=\"(\\w+)\">")]
    private static partial Regex BodyLangRegex();
}

public class FeedTests(DemoForumApp app) : IClassFixture<DemoForumApp>
{
    [Fact]
    public async Task Phase_and_theme_feeds_list_contributions_and_published_syntheses_in_Atom()
    {
        var admin = await app.AdminAsync();
        var synthesis = await admin.PostOkAsync("/api/phases/3/syntheses", new { versions = new[] { new { language = "es", title = "Síntesis de la fase 3", body = "Texto de la síntesis." } } }, HttpStatusCode.Created);
        var draft = await admin.PostOkAsync("/api/phases/3/syntheses", new { versions = new[] { new { language = "es", title = "Borrador", body = "Aún no." } } }, HttpStatusCode.Created);
        await admin.PostOkAsync($"/api/syntheses/{synthesis["id"]!.GetValue<long>()}/publish", new { });

        var response = await app.CreateClient().GetAsync("/es/phases/3/feed.atom");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/atom+xml");
        var feed = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace atom = "http://www.w3.org/2005/Atom";
        var entries = feed.Root!.Elements(atom + "entry").ToList();
        entries.Should().HaveCount(30, "the 29 contributions and the published synthesis");
        var titles = entries.Select(e => e.Element(atom + "title")!.Value).ToList();
        titles.Should().ContainSingle(t => t.StartsWith("Síntesis n.º") && t.EndsWith(": Síntesis de la fase 3"));
        titles.Should().NotContain(t => t.Contains("Borrador"), "drafts are not published");
        entries.Should().OnlyContain(e => e.Attribute(System.Xml.Linq.XNamespace.Xml + "lang") != null);
        draft["status"]!.GetValue<string>().Should().Be("draft");

        var theme = await app.CreateClient().GetAsync("/fr/themes/sse-initiatives-in-territories/feed.atom");
        theme.StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.CreateClient().GetAsync("/fr/phases/999/feed.atom")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.CreateClient().GetStringAsync("/fr/phases/3")).Should().Contain("type=\"application/atom+xml\"");
    }
}
