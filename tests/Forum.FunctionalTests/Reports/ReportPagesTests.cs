using System.Net;
using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;
using static Forum.FunctionalTests.Infrastructure.Forms;

namespace Forum.FunctionalTests.Reports;

/// <summary>Reporting and the moderation queue as a browser without script uses them: cookies, antiforgery tokens, form fields.</summary>
public class ReportPagesTests(ForumApp app) : IClassFixture<ForumApp>
{
    /// <summary>A browser signed in as a new participant through the pages, with the API client of the same account.</summary>
    private async Task<(HttpClient Browser, ForumClient Api)> SignedInAsync(string culture, string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@tests.localhost";
        var browser = NewBrowser(app);
        await RegisterAndLogInAsync(browser, culture, email, "Lilac-Harbour-42", name);
        return (browser, await app.Anonymous().LoginAsync(email, "Lilac-Harbour-42"));
    }

    [Fact]
    public async Task A_reader_reports_from_the_contribution_page_and_the_author_sees_nothing_of_it()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var (authorBrowser, author) = await SignedInAsync("fr", "Auteur");
        var id = (await author.PostContributionAsync(phase, "fr", "Montres pas chères", "Achetez des montres."))["id"]!.GetValue<long>();
        using var reporter = (await SignedInAsync("fr", "Signaleuse")).Browser;
        var page = $"/fr/contributions/{id}";

        var form = await reporter.GetStringAsync(page);
        form.Should().Contain("id=\"report-form\"").And.Contain("<option value=\"personal-data\">Révèle des données personnelles</option>");
        (await app.CreateClient().GetStringAsync(page)).Should().NotContain("id=\"report-form\"", "visitors are not signed in");
        (await authorBrowser.GetStringAsync(page)).Should().NotContain("id=\"report-form\"", "nobody reports their own contribution");

        var forged = await reporter.PostAsync($"{page}?handler=Report", new FormUrlEncodedContent(new Dictionary<string, string> { ["Reporting.Reason"] = "spam" }));
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the form needs its antiforgery token");

        var unknown = await SubmitAsync(reporter, page, $"{page}?handler=Report", new() { ["Reporting.Reason"] = "boring", ["Reporting.Comment"] = "Ennuyeux." });
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var refused = await unknown.Content.ReadAsStringAsync();
        Regex.Match(refused, "<span id=\"report-reason-error\" class=\"error\">(.*?)</span>", RegexOptions.Singleline).Value
            .Should().Contain("Choisissez un motif dans la liste.");
        refused.Should().Contain("<details id=\"report\" open=\"open\">").And.Contain("Ennuyeux.", "what was typed is kept");

        var sent = await SubmitAsync(reporter, page, $"{page}?handler=Report", new() { ["Reporting.Reason"] = "spam", ["Reporting.Comment"] = "Publicité déguisée." });
        sent.StatusCode.Should().Be(HttpStatusCode.Redirect);
        // Thanked once, on the next page, like every other done form (no ?reported=true to bookmark or share).
        sent.Headers.Location!.OriginalString.Should().Be(page);
        var thanked = await reporter.GetStringAsync(page);
        Regex.Match(thanked, "<p class=\"notice flash\"[^>]*>(.*?)</p>", RegexOptions.Singleline).Groups[1].Value
            .Should().Contain("Merci : votre signalement a été transmis aux modérateurs.");
        thanked.Should().NotContain("id=\"report-form\"");
        Text(await reporter.GetStringAsync(page)).Should().Contain("Vous avez signalé cette contribution");

        var queued = (await moderator.GetJsonAsync("/api/reports?limit=100"))["items"]!.AsArray().Single(r => r!["contribution"]!["id"]!.GetValue<long>() == id)!;
        queued["comment"]!.GetValue<string>().Should().Be("Publicité déguisée.");
        queued["language"]!.GetValue<string>().Should().Be("fr", "the comment was written on the French page");
        var reporterUserId = queued["reporter"]!["id"]!.GetValue<string>();
        queued["reporter"]!["name"]!.GetValue<string>().Should().Be("Signaleuse");

        var authorView = await authorBrowser.GetStringAsync(page);
        authorView.Should().NotContain(reporterUserId).And.NotContain("Signaleuse").And.NotContain("Publicité déguisée");
        Text(authorView).Should().NotContain("signalement");
        authorBrowser.Dispose();
    }

    [Fact]
    public async Task A_moderator_works_through_the_queue_page_and_others_are_kept_out()
    {
        var api = await app.ModeratorAsync();
        var phase = await api.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var spam = (await author.PostContributionAsync(phase, "en", "Cheap watches", "Buy now."))["id"]!.GetValue<long>();
        var fine = (await author.PostContributionAsync(phase, "es", "Cooperativas", "Las cooperativas crean empleo."))["id"]!.GetValue<long>();
        var (participantBrowser, reporter) = await SignedInAsync("en", "Reporter");
        var spamReport = (await reporter.PostOkAsync($"/api/contributions/{spam}/reports", new { reason = "spam", comment = "Advertising.", language = "en" }, HttpStatusCode.Created))["id"]!.GetValue<long>();
        var fineReport = (await reporter.PostOkAsync($"/api/contributions/{fine}/reports", new { reason = "off-topic" }, HttpStatusCode.Created))["id"]!.GetValue<long>();

        using var anonymous = NewBrowser(app);
        var redirected = await anonymous.GetAsync("/es/moderation/reports");
        redirected.StatusCode.Should().Be(HttpStatusCode.Redirect);
        redirected.Headers.Location!.OriginalString.Should().StartWith("/es/account/login?returnUrl=");
        (await participantBrowser.GetAsync("/es/moderation/reports")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await participantBrowser.PostAsync("/es/moderation/reports?handler=Hide", new FormUrlEncodedContent(new Dictionary<string, string> { ["ReportId"] = spamReport.ToString() })))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var moderator = NewBrowser(app);
        (await SubmitAsync(moderator, "/es/account/login", "/es/account/login", new() { ["Input.Email"] = ForumApp.AdminEmail, ["Input.Password"] = ForumApp.AdminPassword }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var open = (await api.GetJsonAsync("/api/reports?limit=100"))["items"]!.AsArray().Count;
        var dashboard = await moderator.GetStringAsync("/es/moderation");
        Text(dashboard).Should().Contain($"Denuncias por revisar: {open}");
        dashboard.Should().Contain("href=\"/es/moderation/reports\"");

        var queue = await moderator.GetStringAsync("/es/moderation/reports");
        queue.Should().Contain($"id=\"report-{spamReport}\"").And.Contain($"id=\"report-{fineReport}\"").And.Contain("<blockquote lang=\"en\">Advertising.</blockquote>");
        Text(queue).Should().Contain("Spam o publicidad").And.Contain("denunciada por Reporter").And.Contain("Cheap watches").And.Contain("Fuera de tema");

        var dismissed = await SubmitAsync(moderator, "/es/moderation/reports", "/es/moderation/reports?handler=Dismiss", new() { ["ReportId"] = fineReport.ToString(), ["Note"] = "Está en el tema." });
        dismissed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        dismissed.Headers.Location!.OriginalString.Should().Be("/es/moderation/reports");
        var hidden = await SubmitAsync(moderator, "/es/moderation/reports", "/es/moderation/reports?handler=Hide", new() { ["ReportId"] = spamReport.ToString(), ["Note"] = "Publicidad." });
        hidden.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var after = await moderator.GetStringAsync("/es/moderation/reports");
        after.Should().NotContain($"id=\"report-{spamReport}\"").And.NotContain($"id=\"report-{fineReport}\"");
        (await app.CreateClient().GetAsync($"/en/contributions/{spam}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "hidden from readers");
        (await app.CreateClient().GetAsync($"/en/contributions/{fine}")).StatusCode.Should().Be(HttpStatusCode.OK, "a dismissed report leaves it visible");
        Text(await moderator.GetStringAsync("/es/moderation")).Should().Contain($"Denuncias por revisar: {open - 2}");

        // The queue may be empty now: the token comes from the dashboard's forms.
        var twice = await SubmitAsync(moderator, "/es/moderation", "/es/moderation/reports?handler=Dismiss", new() { ["ReportId"] = spamReport.ToString() });
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict);
        Text(await twice.Content.ReadAsStringAsync()).Should().Contain("Esta denuncia ya se ha resuelto.");
        participantBrowser.Dispose();
    }
}
