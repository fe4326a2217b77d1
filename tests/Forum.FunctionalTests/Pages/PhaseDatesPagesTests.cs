using System.Net;
using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Forum.FunctionalTests.Pages;

/// <summary>
/// The phase page shows its own opening and closing, in the forum's zone (Paris) and in each language's culture
/// (en-GB, fr-FR, es-ES: 24-hour times), beside the relative time. The app's clock reads 1 September 2026, 12:00 in Paris.
/// </summary>
public sealed class PhaseDatesPagesTests(ForumApp app) : IClassFixture<ForumApp>
{
    /// <summary>Opens in 13 days 23 hours 59 minutes (summer time), closes after the change to winter time.</summary>
    internal static async Task<int> ScheduledPhaseAsync(ForumApp app)
    {
        var admin = await app.AdminAsync();
        var theme = await admin.CreateThemeAsync();
        return (await admin.CreatePhaseAsync(theme["slug"]!.GetValue<string>(), 1, "2026-09-15T11:59", "2026-10-26T18:30"))["id"]!.GetValue<int>();
    }

    /// <summary>The page's HTML, entities decoded (Razor writes the '+' of an offset as &amp;#x2B;).</summary>
    internal static async Task<string> PageAsync(ForumApp app, string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        return WebUtility.HtmlDecode(html);
    }

    [Theory]
    [InlineData("en", "15 September 2026", "26 October 2026", "opens in 13 days", "Paris time")]
    [InlineData("fr", "15 septembre 2026", "26 octobre 2026", "s’ouvre dans 13 jours", "heure de Paris")]
    [InlineData("es", "15 de septiembre de 2026", "26 de octubre de 2026", "abre dentro de 13 días", "hora de París")]
    public async Task The_phase_page_shows_its_opening_and_closing_in_the_forums_zone_with_24_hour_times(string culture, string opening, string closing, string opensIn, string zone)
    {
        var id = await ScheduledPhaseAsync(app);
        var html = await PageAsync(app, $"/{culture}/phases/{id}");

        var dates = Regex.Match(html, "<p class=\"meta\" id=\"phase-dates\">.*?</p>", RegexOptions.Singleline).Value;
        dates.Should().MatchRegex($"<time datetime=\"2026-09-15T11:59:00\\+02:00\">[^<]*{opening} 11:59</time>", "opening in Paris summer time");
        dates.Should().MatchRegex($"<time datetime=\"2026-10-26T18:30:00\\+01:00\">[^<]*{closing} 18:30</time>", "closing in Paris winter time");
        // The zone as people name it in the page's language, not its id (issue 12: "Europe/Paris" was shown).
        dates.Should().Contain(zone).And.NotContain("Europe/Paris").And.NotContain("AM").And.NotContain("PM");
        html.Should().Contain(opensIn, "13 days 23 hours is not '1 week'");
    }

    [Fact]
    public async Task A_closed_phase_and_an_open_one_show_both_dates_too()
    {
        var admin = await app.AdminAsync();
        var slug = (await admin.CreateThemeAsync())["slug"]!.GetValue<string>();
        var closed = (await admin.CreatePhaseAsync(slug, 1, "2026-08-01T09:00", "2026-08-20T18:00"))["id"]!.GetValue<int>();
        var open = (await admin.CreatePhaseAsync(slug, 2, "2026-08-25T09:00", "2026-09-08T11:00"))["id"]!.GetValue<int>();

        var closedPage = await PageAsync(app, $"/en/phases/{closed}");
        closedPage.Should().MatchRegex("<time datetime=\"2026-08-01T09:00:00\\+02:00\">[^<]*1 August 2026 09:00</time>")
            .And.MatchRegex("<time datetime=\"2026-08-20T18:00:00\\+02:00\">[^<]*20 August 2026 18:00</time>");
        var openPage = await PageAsync(app, $"/fr/phases/{open}");
        openPage.Should().MatchRegex("<time datetime=\"2026-09-08T11:00:00\\+02:00\">[^<]*8 septembre 2026 11:00</time>")
            .And.Contain("se termine dans 6 jours", "6 days 23 hours is not '1 week'");
    }
}

/// <summary>A forum that sets Forum:Cultures:en to en-US writes its English pages the American way.</summary>
public sealed class ConfiguredCulturePagesTests(ConfiguredCulturePagesTests.AmericanForumApp app) : IClassFixture<ConfiguredCulturePagesTests.AmericanForumApp>
{
    public sealed class AmericanForumApp : ForumApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Forum:Cultures:en", "en-US");
        }
    }

    [Fact]
    public async Task A_configured_culture_formats_its_languages_pages()
    {
        var id = await PhaseDatesPagesTests.ScheduledPhaseAsync(app);
        var english = await PageAsync($"/en/phases/{id}");
        english.Should().MatchRegex("<time datetime=\"2026-10-26T18:30:00\\+01:00\">[^<]*October 26, 2026,? 6:30\\sPM</time>");
        var french = await PageAsync($"/fr/phases/{id}");
        french.Should().MatchRegex("<time datetime=\"2026-10-26T18:30:00\\+01:00\">[^<]*26 octobre 2026 18:30</time>", "the other languages keep their defaults");
    }

    private Task<string> PageAsync(string path) => PhaseDatesPagesTests.PageAsync(app, path);
}
