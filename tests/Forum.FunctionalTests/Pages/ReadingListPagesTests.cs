using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Pages;

/// <summary>
/// What a reader meets on the theme, phase and contribution pages: the phase put forward, cards with excerpts,
/// reply counts and activity, paging both ways, breadcrumbs, versions in reading order, final counts of a closed phase.
/// The app's clock reads 1 September 2026, 12:00 in Paris.
/// </summary>
public sealed partial class ReadingListPagesTests(ForumApp app) : IClassFixture<ForumApp>
{
    private async Task<string> PageAsync(string path, HttpClient? client = null)
    {
        var response = await (client ?? app.CreateClient()).GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        return WebUtility.HtmlDecode(html);
    }

    private static string Section(string html, string startPattern) =>
        Regex.Match(html, startPattern + ".*?</section>", RegexOptions.Singleline).Value;

    private static string Card(string html, long id) =>
        Regex.Match(html, $"<article class=\"contribution\" id=\"contribution-{id}\">.*?</article>", RegexOptions.Singleline).Value;

    private async Task<(ForumClient Admin, string Slug)> ThemeAsync()
    {
        var admin = await app.AdminAsync();
        return (admin, (await admin.CreateThemeAsync())["slug"]!.GetValue<string>());
    }

    private static async Task<long> PublishedSynthesisAsync(ForumClient moderator, int phaseId, string title)
    {
        var draft = await moderator.PostOkAsync($"/api/phases/{phaseId}/syntheses",
            new { versions = new[] { new { language = "en", title, body = "What the phase said." } } }, HttpStatusCode.Created);
        await moderator.PostOkAsync($"/api/syntheses/{draft["id"]!.GetValue<long>()}/publish", new { version = draft["version"]!.GetValue<Guid>() });
        return draft["id"]!.GetValue<long>();
    }

    [Fact]
    public async Task After_a_phase_closed_the_theme_features_it_with_its_syntheses_and_announces_the_next_opening()
    {
        var (admin, slug) = await ThemeAsync();
        await admin.CreatePhaseAsync(slug, 1, "2026-06-01T09:00", "2026-06-30T18:00");
        var closed = (await admin.CreatePhaseAsync(slug, 2, "2026-07-01T09:00", "2026-08-20T18:00"))["id"]!.GetValue<int>();
        await admin.CreatePhaseAsync(slug, 3, "2026-12-14T09:00", "2027-01-31T18:00");
        await PublishedSynthesisAsync(admin, closed, "What phase two brought");

        var html = await PageAsync($"/en/themes/{slug}");
        var featured = Section(html, "<section aria-labelledby=\"current\"");

        featured.Should().Contain($"href=\"/en/phases/{closed}\"").And.Contain("Phase 2").And.Contain("What phase two brought", "its syntheses are the news")
            .And.Contain("Read the contributions").And.NotContain("Read and contribute", "a closed phase takes no contribution");
        html.Should().MatchRegex("Phase 3 opens on [^<]*14 December 2026 09:00\\.");
        (await PageAsync($"/es/themes/{slug}")).Should().MatchRegex("La fase 3 abre el [^<]*14 de diciembre de 2026 9:00\\.").And.NotContain("Leer y contribuir");
    }

    [Fact]
    public async Task The_theme_features_the_open_phase_and_never_a_scheduled_one()
    {
        var (admin, slug) = await ThemeAsync();
        await admin.CreatePhaseAsync(slug, 1, "2026-06-01T09:00", "2026-06-30T18:00");
        var open = (await admin.CreatePhaseAsync(slug, 2, "2026-08-25T09:00", "2026-09-21T18:00"))["id"]!.GetValue<int>();
        await admin.CreatePhaseAsync(slug, 3, "2026-10-01T09:00", "2026-10-31T18:00");
        var (_, onlyScheduled) = await ThemeAsync();
        await admin.CreatePhaseAsync(onlyScheduled, 1, "2026-10-01T09:00", "2026-10-31T18:00");

        var featured = Section(await PageAsync($"/fr/themes/{slug}"), "<section aria-labelledby=\"current\"");
        featured.Should().Contain($"href=\"/fr/phases/{open}\"").And.Contain("Lire et contribuer");

        var waiting = await PageAsync($"/fr/themes/{onlyScheduled}");
        waiting.Should().NotContain("aria-labelledby=\"current\"", "nothing can be read or joined yet").And.NotContain("Lire et contribuer")
            .And.MatchRegex("La phase 1 s’ouvre le [^<]*1 octobre 2026 09:00\\.");
    }

    [Fact]
    public async Task A_long_contribution_shows_a_clean_excerpt_with_read_more_and_a_short_one_shows_whole()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var sentence = "Cooperatives keep jobs in the valley and train young people in **trades** that the region needs. ";
        var longId = (await author.PostContributionAsync(phase, "en", "A long one", string.Concat(Enumerable.Repeat(sentence, 8)) + "THE-END <script>alert(1)</script>"))["id"]!.GetValue<long>();
        var shortId = (await author.PostContributionAsync(phase, "en", "A short one", "Short and **bold**."))["id"]!.GetValue<long>();

        var html = await PageAsync($"/en/phases/{phase}");
        var card = Card(html, longId);
        var excerpt = Regex.Match(card, "<div lang=\"en\"><p class=\"excerpt\">(.*?)</p></div>", RegexOptions.Singleline).Groups[1].Value;
        excerpt.Should().StartWith("Cooperatives keep jobs").And.EndWith("…").And.NotContain("<strong>", "an excerpt is plain text");
        excerpt.Length.Should().BeLessThanOrEqualTo(301);
        excerpt[..^1].Should().MatchRegex(@"\w$", "it is cut at the end of a word, not in one");
        card.Should().NotContain("THE-END").And.NotContain("<script").And.Contain($"<a href=\"/en/contributions/{longId}\"").And.Contain("Read more");

        var whole = Card(html, shortId);
        whole.Should().Contain("<strong>bold</strong>", "a short text is shown as written").And.NotContain("Read more");
    }

    [Fact]
    public async Task Cards_show_their_reply_count_last_activity_and_an_edited_mark()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var id = (await author.PostContributionAsync(phase, "fr", "Jardins partagés", "Un texte."))["id"]!.GetValue<long>();
        var quiet = (await author.PostContributionAsync(phase, "fr", "Sans réponse", "Un autre texte."))["id"]!.GetValue<long>();
        app.Time.Advance(TimeSpan.FromMinutes(5));
        var version = (await author.GetJsonAsync($"/api/contributions/{id}"))["version"]!.GetValue<Guid>();
        (await author.PutAsync($"/api/contributions/{id}/versions/fr", new { title = "Jardins partagés", body = "Un texte revu.", version })).EnsureSuccessStatusCode();
        app.Time.Advance(TimeSpan.FromHours(2));
        await (await app.ParticipantAsync()).PostOkAsync($"/api/contributions/{id}/replies", new { language = "fr", body = "Bien vu." }, HttpStatusCode.Created);
        var replied = TimeZoneInfo.ConvertTime(app.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));

        var html = await PageAsync($"/fr/phases/{phase}");
        var card = Forms.Text(Card(html, id));
        card.Should().Contain("1 réponse").And.Contain("modifiée").And.MatchRegex($"dernière activité le [^<]*{replied:HH:mm}", "the reply is the latest activity");
        var other = Forms.Text(Card(html, quiet));
        other.Should().Contain("0 réponse", "French counts zero in the singular").And.NotContain("modifiée");
        (await PageAsync($"/en/phases/{phase}")).Should().Contain("0 replies").And.Contain("1 reply");
    }

    [Fact]
    public async Task Paging_goes_to_older_contributions_and_back_to_newer_ones()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var ids = new List<long>();
        for (var i = 0; i < 53; i++)
        {
            app.Time.Advance(TimeSpan.FromSeconds(1));
            ids.Add((await author.PostContributionAsync(phase, "en", $"Post {i}", $"Text {i}"))["id"]!.GetValue<long>());
        }
        ids.Reverse();

        var first = await PageAsync($"/en/phases/{phase}");
        CardIds(first).Should().Equal(ids.Take(50));
        first.Should().NotContain("rel=\"prev\"", "nothing is newer than the first page");
        var older = Regex.Match(first, "<a rel=\"next\" href=\"([^\"]+)\">Next 50: older contributions</a>").Groups[1].Value;
        older.Should().NotBeEmpty();

        var second = await PageAsync(older);
        CardIds(second).Should().Equal(ids.Skip(50));
        second.Should().NotContain("rel=\"next\"", "the last page");
        var newer = Regex.Match(second, "<a rel=\"prev\" href=\"([^\"]+)\">Previous 50: newer contributions</a>").Groups[1].Value;
        newer.Should().NotBeEmpty();
        second.Should().Contain($"<a href=\"/en/phases/{phase}\">Newest contributions</a>");

        CardIds(await PageAsync(newer)).Should().Equal(ids.Take(50), "back to the page before, in the same order");
    }

    private static List<long> CardIds(string html) =>
        Regex.Matches(html, "<article class=\"contribution\" id=\"contribution-(\\d+)\">").Select(m => long.Parse(m.Groups[1].Value)).ToList();

    [Fact]
    public async Task Phase_and_contribution_pages_show_where_they_stand_in_breadcrumbs()
    {
        var (admin, slug) = await ThemeAsync();
        var phase = (await admin.CreatePhaseAsync(slug, 1, "2026-08-25T09:00", "2026-09-21T23:59"))["id"]!.GetValue<int>();
        var id = (await (await app.ParticipantAsync()).PostContributionAsync(phase, "fr", "Monnaies locales", "Un texte."))["id"]!.GetValue<long>();

        var phasePage = await PageAsync($"/fr/phases/{phase}");
        var trail = Regex.Match(phasePage, "<nav class=\"breadcrumbs\" aria-label=\"Vous êtes ici\">\\s*<ol>.*?</ol>", RegexOptions.Singleline).Value;
        trail.Should().Contain("<a href=\"/fr\" lang=\"fr\">Tous les thèmes</a>").And.Contain($"<a href=\"/fr/themes/{slug}\" lang=\"fr\">Territoires</a>")
            .And.Contain($"<a href=\"/fr/phases/{phase}\" aria-current=\"page\" lang=\"fr\">Phase 1</a>");

        var contributionPage = await PageAsync($"/fr/contributions/{id}");
        var steps = Regex.Match(contributionPage, "<nav class=\"breadcrumbs\".*?</nav>", RegexOptions.Singleline).Value;
        steps.Should().Contain($"href=\"/fr/themes/{slug}\"").And.Contain($"<a href=\"/fr/phases/{phase}\" lang=\"fr\">Phase 1</a>")
            .And.Contain($"<a href=\"/fr/contributions/{id}\" aria-current=\"page\" lang=\"fr\">Monnaies locales</a>");
    }

    [Theory]
    [InlineData("es", new[] { "es", "fr", "en" })]
    [InlineData("en", new[] { "en", "fr", "es" })]
    [InlineData("fr", new[] { "fr", "en", "es" })]
    public async Task Versions_come_in_reading_order_the_readers_first_then_the_original_the_others_a_tap_away(string culture, string[] order)
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var id = (await (await app.ParticipantAsync()).PostContributionAsync(phase, "fr", "Tiers-lieux", "Un texte."))["id"]!.GetValue<long>();
        var translator = await app.ParticipantAsync();
        await translator.PostOkAsync($"/api/contributions/{id}/translations", new { language = "es", title = "Terceros lugares", body = "Un texto." }, HttpStatusCode.Created);
        await translator.PostOkAsync($"/api/contributions/{id}/translations", new { language = "en", title = "Third places", body = "A text." }, HttpStatusCode.Created);

        var html = await PageAsync($"/{culture}/contributions/{id}");
        var boxes = Regex.Matches(html, "<details class=\"version-box\"( open=\"open\")?>\\s*<summary[^>]*>.*?</summary>\\s*<section class=\"version\" lang=\"(\\w+)\"", RegexOptions.Singleline);
        boxes.Select(m => m.Groups[2].Value).Should().Equal(order);
        boxes.Select(m => m.Groups[1].Success).Should().Equal(true, false, false);
        foreach (var language in order)
        {
            html.Should().Contain($"<a href=\"#version-{language}\">", "each version is one tap away, by its anchor");
        }
    }

    [Fact]
    public async Task Replies_have_a_permalink_and_their_author_a_way_to_edit_or_translate_them()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var id = (await (await app.ParticipantAsync()).PostContributionAsync(phase, "en", "Food hubs", "A text."))["id"]!.GetValue<long>();
        var browser = Forms.NewBrowser(app);
        var email = $"replier-{Guid.NewGuid():N}@tests.localhost";
        await Forms.RegisterAndLogInAsync(browser, "en", email, "Lilac-Harbour-42");
        var reply = await Forms.SubmitAsync(browser, $"/en/contributions/{id}", $"/en/contributions/{id}?handler=Reply", new() { ["Reply.Language"] = "en", ["Reply.Body"] = "Agreed." });
        var replyId = long.Parse(Regex.Match(reply.Headers.Location!.OriginalString, "#contribution-(\\d+)").Groups[1].Value);

        var asAuthor = await PageAsync($"/en/contributions/{id}", browser);
        var article = Regex.Match(asAuthor, $"<article class=\"contribution reply\" id=\"contribution-{replyId}\">.*?</article>", RegexOptions.Singleline).Value;
        article.Should().Contain($"<a class=\"permalink\" href=\"#contribution-{replyId}\"")
            .And.Contain($"<a href=\"/en/contributions/{replyId}#version-en\">Edit or translate this reply</a>");

        var asReader = await PageAsync($"/en/contributions/{id}");
        asReader.Should().Contain($"href=\"#contribution-{replyId}\"", "everyone can link to a reply").And.NotContain("Edit or translate this reply");
    }

    [Theory]
    [InlineData("fr", "Contributions reçues", "à ce jour")]
    [InlineData("es", "Contribuciones recibidas", "hasta ahora")]
    [InlineData("en", "Contributions received", "so far")]
    public async Task A_closed_phase_states_its_final_count_not_a_count_so_far(string culture, string heading, string sofar)
    {
        var (admin, slug) = await ThemeAsync();
        var empty = (await admin.CreatePhaseAsync(slug, 1, "2026-07-01T09:00", "2026-07-31T23:59"))["id"]!.GetValue<int>();
        var phase = (await admin.CreatePhaseAsync(slug, 2, "2026-08-25T09:00", "2026-09-21T23:59"))["id"]!.GetValue<int>();
        await (await app.ParticipantAsync()).PostContributionAsync(phase, "fr", "Une idée", "Un texte.");
        var open = await PageAsync($"/{culture}/phases/{phase}");
        Section(open, "<section aria-labelledby=\"statistics\">").Should().Contain(sofar, "an open phase still counts");

        var version = (await admin.GetJsonAsync($"/api/phases/{phase}"))["version"]!.GetValue<Guid>();
        await admin.PostOkAsync($"/api/phases/{phase}/close", new { reason = "Done.", version });
        var closed = await PageAsync($"/{culture}/phases/{phase}");
        var statistics = Section(closed, "<section aria-labelledby=\"statistics\">");
        statistics.Should().Contain(heading).And.NotContain(sofar);

        var none = Section(await PageAsync($"/{culture}/phases/{empty}"), "<section aria-labelledby=\"statistics\">");
        none.Should().NotContain("yet").And.NotContain("pour l’instant").And.NotContain("Todavía", "nothing more will come to a closed phase");
    }

    [Fact]
    public async Task The_live_card_is_the_card_everyone_is_served_whoever_fetches_it()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var id = (await (await app.ParticipantAsync()).PostContributionAsync(phase, "en", "Repair cafés", "A text."))["id"]!.GetValue<long>();
        var page = await PageAsync($"/en/phases/{phase}");

        var admin = Forms.NewBrowser(app);
        (await Forms.SubmitAsync(admin, "/en/account/login", "/en/account/login",
            new() { ["Input.Email"] = ForumApp.AdminEmail, ["Input.Password"] = ForumApp.AdminPassword })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var asModerator = await PageAsync($"/en/phases/{phase}?handler=Card&contributionId={id}", admin);

        asModerator.Trim().Should().Be(Card(page, id));

        // Hidden, it is on nobody's phase page, the moderators' included: no card either, whoever asks.
        var moderator = await app.ModeratorAsync();
        var version = (await moderator.GetJsonAsync($"/api/contributions/{id}"))["version"]!.GetValue<Guid>();
        await moderator.PostOkAsync($"/api/contributions/{id}/hide", new { reason = "Off topic.", version });
        (await admin.GetAsync($"/en/phases/{phase}?handler=Card&contributionId={id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
