using System.Text.RegularExpressions;
using System.Net;
using Forum.FunctionalTests.Infrastructure;
using static Forum.FunctionalTests.Infrastructure.Forms;

namespace Forum.FunctionalTests.Pages;

/// <summary>What a moderator meets on the moderation pages: refusals in the page's language with what was typed kept, the actions the phase allows, confirmations, success messages, and an audit trail in sentences.</summary>
public class ModerationFeedbackPagesTests(ForumApp app) : IClassFixture<ForumApp>
{
    /// <summary>A moderator with a display name, signed in through the log-in page of <paramref name="culture"/>, and the same account on the API.</summary>
    private async Task<(HttpClient Browser, ForumClient Api)> ModeratorAsync(string culture, string name)
    {
        var email = $"moderator-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, "Lilac-Harbour-42");
        var admin = await app.AdminAsync();
        (await admin.PutAsync($"/api/users/{email}/roles", new { roles = new[] { "participant", "moderator" } })).EnsureSuccessStatusCode();
        var api = await app.Anonymous().LoginAsync(email, "Lilac-Harbour-42");
        (await api.PutAsync("/api/account/profile", new { displayName = name })).EnsureSuccessStatusCode();
        var browser = NewBrowser(app);
        var login = await SubmitAsync(browser, $"/{culture}/account/login", $"/{culture}/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = "Lilac-Harbour-42" });
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return (browser, api);
    }

    private static async Task<string> FollowAsync(HttpClient browser, HttpResponseMessage redirect)
    {
        redirect.StatusCode.Should().Be(HttpStatusCode.Redirect, Text(await redirect.Content.ReadAsStringAsync()));
        return Text(await browser.GetStringAsync(redirect.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task A_new_phase_overlapping_another_is_refused_in_french_with_paris_times_and_the_typed_fields_kept()
    {
        var (moderator, api) = await ModeratorAsync("fr", "Marie Dupont");
        var slug = (await api.CreateThemeAsync())["slug"]!.GetValue<string>();
        // Paris is UTC+1 in November: the overlapped phase runs 09:00–18:00 Paris time, 08:00–17:00 UTC.
        await api.CreatePhaseAsync(slug, 1, "2026-11-02T09:00", "2026-11-25T18:00");

        var refused = await SubmitAsync(moderator, "/fr/moderation", "/fr/moderation?handler=Phase", new()
        {
            ["NewPhase.ThemeSlug"] = slug, ["NewPhase.Language"] = "fr", ["NewPhase.Title"] = "Deuxième phase",
            ["NewPhase.Question"] = "Que faut-il changer ?", ["NewPhase.OpensAt"] = "2026-11-20T09:00", ["NewPhase.ClosesAt"] = "2026-12-14T18:00",
        });

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var html = await refused.Content.ReadAsStringAsync();
        Text(html).Should().Contain("Ces dates chevauchent la phase 1 de ce thème, ouverte du lundi 2 novembre 2026 09:00 au mercredi 25 novembre 2026 18:00")
            .And.NotContain("UTC").And.NotContain("overlap");
        html.Should().Contain("id=\"newphase-errors\"").And.Contain("href=\"#newphase-opensat\"", "the summary links to the field at fault");
        html.Should().Contain("value=\"2026-11-20T09:00\"").And.Contain("value=\"2026-12-14T18:00\"").And.Contain("value=\"Deuxième phase\"")
            .And.Contain("Que faut-il changer ?").And.MatchRegex($"<option value=\"{slug}\" selected=\"selected\"");
        Text(html).Should().Contain("Ouverture (heure de Paris)");
    }

    [Fact]
    public async Task A_stale_phase_edit_keeps_the_moderators_text_and_shows_the_one_saved_meanwhile()
    {
        var (moderator, api) = await ModeratorAsync("en", "Marie Dupont");
        var phase = await api.CreateOpenPhaseAsync();
        var page = $"/en/moderation/phases/{phase}";
        var read = (await api.GetJsonAsync($"/api/phases/{phase}"))["version"]!.GetValue<Guid>();
        (await api.PutAsync($"/api/phases/{phase}", new
        {
            version = read, opensAt = "2026-08-25T09:00", closesAt = "2026-09-21T23:59",
            texts = new Dictionary<string, object> { ["en"] = new { title = "Phase 1", question = "Their question, saved first." } },
        })).EnsureSuccessStatusCode();

        var stale = await SubmitAsync(moderator, page, $"{page}?handler=EditPhase", new()
        {
            ["Edit.Version"] = read.ToString(), ["Edit.OpensAt"] = "2026-08-25T09:00", ["Edit.ClosesAt"] = "2026-09-28T18:00",
            ["Edit.Texts[en].Title"] = "Phase 1", ["Edit.Texts[en].Question"] = "My question, typed with care.",
        });

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var html = await stale.Content.ReadAsStringAsync();
        Text(html).Should().Contain("Someone else changed this while you were editing").And.Contain("The version saved meanwhile")
            .And.Contain("Their question, saved first.");
        html.Should().Contain(">My question, typed with care.</textarea>").And.Contain("value=\"2026-09-28T18:00\"");
        html.Should().Contain($"name=\"Edit.Version\" value=\"{(await api.GetJsonAsync($"/api/phases/{phase}"))["version"]!.GetValue<Guid>()}\"",
            "saving again, knowing the other change, replaces it");
    }

    [Fact]
    public async Task The_schedule_offers_only_the_actions_the_phases_state_allows()
    {
        var (moderator, api) = await ModeratorAsync("fr", "Marie Dupont");
        var slug = (await api.CreateThemeAsync())["slug"]!.GetValue<string>();
        var scheduled = (await api.CreatePhaseAsync(slug, 1, "2026-10-01T09:00", "2026-10-20T18:00"))["id"]!.GetValue<int>();
        var open = (await api.CreatePhaseAsync(slug, 2, "2026-08-25T09:00", "2026-09-20T18:00"))["id"]!.GetValue<int>();
        var closed = (await api.CreatePhaseAsync(slug, 3, "2026-07-01T09:00", "2026-07-20T18:00"))["id"]!.GetValue<int>();

        var whenScheduled = await moderator.GetStringAsync($"/fr/moderation/phases/{scheduled}");
        whenScheduled.Should().Contain("?handler=Open").And.Contain("?handler=Extend").And.NotContain("?handler=Close\"").And.NotContain("?handler=Reopen");
        var whenOpen = await moderator.GetStringAsync($"/fr/moderation/phases/{open}");
        whenOpen.Should().NotContain("?handler=Open\"").And.Contain("?handler=Close").And.Contain("?handler=Extend").And.NotContain("?handler=Reopen");
        Text(whenOpen).Should().NotContain("Ouvrir maintenant");
        var whenClosed = await moderator.GetStringAsync($"/fr/moderation/phases/{closed}");
        whenClosed.Should().Contain("?handler=Reopen").And.NotContain("?handler=Open\"").And.NotContain("?handler=Close\"").And.NotContain("?handler=Extend");
    }

    [Fact]
    public async Task Closing_needs_a_confirmation_and_a_reason_then_says_it_is_done_and_the_audit_trail_says_who_did_it_when()
    {
        var (moderator, api) = await ModeratorAsync("fr", "Marie Dupont");
        var phase = await api.CreateOpenPhaseAsync();
        var page = $"/fr/moderation/phases/{phase}";

        var unconfirmed = await SubmitAsync(moderator, page, $"{page}?handler=Close", new() { ["Reason"] = "Fin du débat." });
        unconfirmed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await unconfirmed.Content.ReadAsStringAsync();
        Text(html).Should().Contain("Cochez la case pour confirmer la clôture immédiate de la phase.");
        html.Should().Contain("value=\"Fin du débat.\"", "the reason typed is kept");
        (await api.GetJsonAsync($"/api/phases/{phase}"))["state"]!.GetValue<string>().Should().Be("open");

        var noReason = await SubmitAsync(moderator, page, $"{page}?handler=Close", new() { ["Reason"] = "", ["ConfirmClose"] = "true" });
        noReason.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Text(await noReason.Content.ReadAsStringAsync()).Should().Contain("Un motif est requis.");

        var closed = await FollowAsync(moderator, await SubmitAsync(moderator, page, $"{page}?handler=Close", new() { ["Reason"] = "Fin du débat.", ["ConfirmClose"] = "true" }));
        closed.Should().Contain("La phase est close.");
        // The app's clock reads 1 September 2026, 10:00 UTC: 12:00 in Paris.
        closed.Should().Contain("Marie Dupont a clos la phase le 1 septembre 2026 à 12:00 (heure de Paris).")
            .And.Contain("Qui").And.Contain("Fin du débat.").And.NotContain("phase.close").And.NotContain(" -> ");
        closed.Should().Contain("Marie Dupont a créé la phase le 1 septembre 2026 à 12:00 (heure de Paris), ouverte du mardi 25 août 2026 09:00 au");
        Text(await moderator.GetStringAsync(page)).Should().NotContain("La phase est close.", "the message is said once");
    }

    [Fact]
    public async Task A_close_sent_from_a_page_loaded_before_another_moderator_closed_the_phase_says_why()
    {
        var (moderator, api) = await ModeratorAsync("fr", "Paul Martin");
        var phase = await api.CreateOpenPhaseAsync();
        var page = $"/fr/moderation/phases/{phase}";
        var token = Token(await moderator.GetStringAsync(page));
        await api.PostOkAsync($"/api/phases/{phase}/close", new { reason = "Fermée par une collègue." });

        var late = await moderator.PostAsync($"{page}?handler=Close", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Reason"] = "Fin du débat.", ["ConfirmClose"] = "true",
        }));

        late.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var summary = Regex.Match(await late.Content.ReadAsStringAsync(), "<div class=\"error-summary\".*?</div>", RegexOptions.Singleline).Value;
        Text(summary).Should().Contain("Seule une phase ouverte peut être close.", "the form is gone from the page, its refusal is not");
    }

    [Fact]
    public async Task Syntheses_and_hiding_say_they_are_done_and_the_trail_names_them_in_the_pages_language()
    {
        var (moderator, api) = await ModeratorAsync("es", "Ana Pérez");
        var phase = await api.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var spam = (await author.PostContributionAsync(phase, "en", "Cheap watches", "Buy now, cheap watches for everyone."))["id"]!.GetValue<long>();
        var page = $"/es/moderation/phases/{phase}";

        var listed = await moderator.GetStringAsync(page);
        listed.Should().Contain($"href=\"/es/contributions/{spam}\"");
        Text(listed).Should().Contain("Buy now, cheap watches for everyone.").And.Contain("Todavía no hay síntesis.");

        (await FollowAsync(moderator, await SubmitAsync(moderator, page, $"{page}?handler=Hide", new() { ["ContributionId"] = spam.ToString(), ["Reason"] = "Publicidad." })))
            .Should().Contain("La contribución está oculta.");
        (await FollowAsync(moderator, await SubmitAsync(moderator, page, $"{page}?handler=WriteSynthesis", new() { ["SynthesisLanguage"] = "fr", ["SynthesisTitle"] = "Synthèse", ["SynthesisBody"] = "Les coopératives d'abord." })))
            .Should().Contain("La síntesis n.º 1 se ha guardado como borrador.");
        var synthesis = (await api.GetJsonAsync($"/api/phases/{phase}/syntheses?includeDrafts=true")).AsArray().Single()!["id"]!.GetValue<long>();
        var published = await FollowAsync(moderator, await SubmitAsync(moderator, page, $"{page}?handler=Publish", new() { ["SynthesisId"] = synthesis.ToString() }));

        published.Should().Contain("La síntesis n.º 1 se ha publicado.")
            .And.Contain($"Ana Pérez ocultó la contribución n.º {spam} el 1 de septiembre de 2026 a las 12:00 (hora de París).")
            .And.Contain("Ana Pérez creó la síntesis n.º 1 en francés el 1 de septiembre de 2026")
            .And.Contain("Ana Pérez publicó la síntesis n.º 1 el 1 de septiembre de 2026");
    }

    [Fact]
    public async Task A_phase_page_refuses_to_act_on_a_contribution_or_synthesis_of_another_phase()
    {
        var (moderator, api) = await ModeratorAsync("en", "Marie Dupont");
        var mine = await api.CreateOpenPhaseAsync();
        var other = await api.CreateOpenPhaseAsync();
        var elsewhere = (await (await app.ParticipantAsync()).PostContributionAsync(other, "en", "Elsewhere", "A contribution of the other phase."))["id"]!.GetValue<long>();
        var synthesis = (await api.PostOkAsync($"/api/phases/{other}/syntheses", new { versions = new[] { new { language = "en", title = "Other", body = "Of the other phase." } } }, HttpStatusCode.Created))["id"]!.GetValue<long>();
        var page = $"/en/moderation/phases/{mine}";

        (await SubmitAsync(moderator, page, $"{page}?handler=Hide", new() { ["ContributionId"] = elsewhere.ToString(), ["Reason"] = "Wrong page." }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await SubmitAsync(moderator, page, $"{page}?handler=Publish", new() { ["SynthesisId"] = synthesis.ToString() }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await app.CreateClient().GetStringAsync($"/en/phases/{other}")).Should().Contain($"contribution-{elsewhere}\"", "the contribution was not hidden");
        (await api.GetJsonAsync($"/api/syntheses/{synthesis}"))["status"]!.GetValue<string>().Should().Be("draft");
    }

    [Fact]
    public async Task Showing_the_draft_summary_in_another_language_without_script_keeps_the_synthesis_being_typed()
    {
        var (moderator, api) = await ModeratorAsync("fr", "Marie Dupont");
        var phase = await api.CreateOpenPhaseAsync();
        var page = $"/fr/moderation/phases/{phase}";

        var shown = await SubmitAsync(moderator, page, $"{page}?handler=ShowDraft", new()
        {
            ["SynthesisLanguage"] = "es", ["SynthesisTitle"] = "Síntesis en curso", ["SynthesisBody"] = "Un texto largo que no quiero perder.", ["DraftLanguage"] = "en",
        });

        shown.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await shown.Content.ReadAsStringAsync();
        html.Should().Contain("value=\"Síntesis en curso\"").And.Contain(">Un texto largo que no quiero perder.</textarea>")
            .And.MatchRegex("<option value=\"es\" lang=\"es\" selected=\"selected\"");
        html.Should().MatchRegex("<section id=\"draft-en\"[^>]*class=\"draft\"(?![^>]*hidden)").And.MatchRegex("<section id=\"draft-fr\"[^>]*hidden");
        (await api.GetJsonAsync($"/api/phases/{phase}/syntheses?includeDrafts=true")).AsArray().Should().BeEmpty("showing a draft saves nothing");
    }

    [Fact]
    public async Task Resolving_a_report_says_it_is_done_and_a_refused_note_is_kept()
    {
        var (moderator, api) = await ModeratorAsync("fr", "Marie Dupont");
        var phase = await api.CreateOpenPhaseAsync();
        var contribution = (await (await app.ParticipantAsync()).PostContributionAsync(phase, "en", "Cheap watches", "Buy now."))["id"]!.GetValue<long>();
        var report = (await (await app.ParticipantAsync()).PostOkAsync($"/api/contributions/{contribution}/reports", new { reason = "spam" }, HttpStatusCode.Created))["id"]!.GetValue<long>();

        var tooLong = await SubmitAsync(moderator, "/fr/moderation/reports", "/fr/moderation/reports?handler=Dismiss", new() { ["ReportId"] = report.ToString(), ["Note"] = new string('n', 1001) });
        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await tooLong.Content.ReadAsStringAsync();
        html.Should().Contain($"id=\"report-{report}-errors\"").And.Contain($"value=\"{new string('n', 1001)}\"");

        (await FollowAsync(moderator, await SubmitAsync(moderator, "/fr/moderation/reports", "/fr/moderation/reports?handler=Dismiss", new() { ["ReportId"] = report.ToString(), ["Note"] = "Rien à redire." })))
            .Should().Contain("Le signalement est rejeté.");
    }
}
