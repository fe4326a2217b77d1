using System.Net;
using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;
using static Forum.FunctionalTests.Infrastructure.Forms;

namespace Forum.FunctionalTests.Pages;

public class ModerationPagesTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task A_moderator_hides_closes_and_publishes_a_synthesis_from_the_pages_and_others_are_kept_out()
    {
        var api = await app.ModeratorAsync();
        var phase = await api.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var spam = (await author.PostContributionAsync(phase, "en", "Cheap watches", "Buy now."))["id"]!.GetValue<long>();
        await author.PostContributionAsync(phase, "fr", "Les coopératives", "Les coopératives locales créent des emplois durables dans les territoires.");

        using var anonymous = NewBrowser(app);
        var redirected = await anonymous.GetAsync($"/fr/moderation/phases/{phase}");
        redirected.StatusCode.Should().Be(HttpStatusCode.Redirect);
        redirected.Headers.Location!.OriginalString.Should().StartWith("/fr/account/login?returnUrl=");

        using var moderator = NewBrowser(app);
        var login = await SubmitAsync(moderator, "/fr/account/login", "/fr/account/login", new() { ["Input.Email"] = ForumApp.AdminEmail, ["Input.Password"] = ForumApp.AdminPassword });
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = $"/fr/moderation/phases/{phase}";
        Text(await moderator.GetStringAsync(page)).Should().Contain("Résumé automatique en français");

        var noReason = await SubmitAsync(moderator, page, $"{page}?handler=Hide", new() { ["ContributionId"] = spam.ToString(), ["Reason"] = "" });
        noReason.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Text(await noReason.Content.ReadAsStringAsync()).Should().Contain("Un motif est requis.");

        (await SubmitAsync(moderator, page, $"{page}?handler=Hide", new() { ["ContributionId"] = spam.ToString(), ["Reason"] = "Publicité." })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await moderator.GetStringAsync(page)).Should().Contain("Masquée");
        (await app.CreateClient().GetStringAsync($"/fr/phases/{phase}")).Should().NotContain($"contribution-{spam}\"");

        (await SubmitAsync(moderator, page, $"{page}?handler=WriteSynthesis", new() { ["SynthesisLanguage"] = "fr", ["SynthesisTitle"] = "Synthèse", ["SynthesisBody"] = "Les coopératives avant tout." })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var synthesisId = (await api.GetJsonAsync($"/api/phases/{phase}/syntheses?includeDrafts=true")).AsArray().Single()!["id"]!.GetValue<long>();
        (await SubmitAsync(moderator, page, $"{page}?handler=Publish", new() { ["SynthesisId"] = synthesisId.ToString() })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        Text(await app.CreateClient().GetStringAsync($"/es/phases/{phase}")).Should().Contain("Disponible solo en francés");

        var read = (await api.GetJsonAsync($"/api/syntheses/{synthesisId}"))["version"]!.GetValue<Guid>();
        (await SubmitAsync(moderator, page, $"{page}?handler=EditSynthesis", new()
        {
            ["SynthesisId"] = synthesisId.ToString(), ["SynthesisVersion"] = read.ToString(), ["SynthesisLanguage"] = "es", ["SynthesisTitle"] = "Síntesis", ["SynthesisBody"] = "Las cooperativas primero.",
        })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        Text(await app.CreateClient().GetStringAsync($"/es/phases/{phase}")).Should().Contain("Disponible en francés y español").And.Contain("Las cooperativas primero.");
        var stale = await SubmitAsync(moderator, page, $"{page}?handler=EditSynthesis", new()
        {
            ["SynthesisId"] = synthesisId.ToString(), ["SynthesisVersion"] = read.ToString(), ["SynthesisLanguage"] = "fr", ["SynthesisTitle"] = "Écrasé", ["SynthesisBody"] = "Texte d'un autre.",
        });
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        Text(await stale.Content.ReadAsStringAsync()).Should().Contain("Quelqu’un d’autre a modifié ceci pendant que vous écriviez").And.Contain("Texte d'un autre.");

        var phaseVersion = (await api.GetJsonAsync($"/api/phases/{phase}"))["version"]!.GetValue<Guid>();
        (await SubmitAsync(moderator, page, $"{page}?handler=EditPhase", new()
        {
            ["Edit.Version"] = phaseVersion.ToString(), ["Edit.OpensAt"] = "2026-08-25T09:00", ["Edit.ClosesAt"] = "2026-09-25T18:00",
            ["Edit.Texts[en].Title"] = "Phase 1", ["Edit.Texts[en].Question"] = "Which SSE actions help territories develop?",
            ["Edit.Texts[fr].Title"] = "Phase 1", ["Edit.Texts[fr].Question"] = "Quelles actions de l'ESS aident les territoires ?",
            ["Edit.Texts[es].Title"] = "Fase 1", ["Edit.Texts[es].Question"] = "¿Qué acciones de la ESS ayudan a los territorios?",
        })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        Text(await app.CreateClient().GetStringAsync($"/es/phases/{phase}")).Should().Contain("¿Qué acciones de la ESS ayudan a los territorios?");
        (await api.GetJsonAsync($"/api/phases/{phase}"))["closesAt"]!.GetValue<DateTimeOffset>().Should().Be(new DateTimeOffset(2026, 9, 25, 18, 0, 0, TimeSpan.FromHours(2)));

        (await SubmitAsync(moderator, page, $"{page}?handler=Close", new() { ["Reason"] = "Fin de la phase.", ["ConfirmClose"] = "true" })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var closed = Text(await moderator.GetStringAsync(page));
        closed.Should().Contain("Fermée").And.Contain("a clos la phase le").And.Contain("Fin de la phase.");

        using var participant = NewBrowser(app);
        await RegisterAndLogInAsync(participant, "en", $"p-{Guid.NewGuid():N}@tests.localhost", "Lilac-Harbour-42");
        (await participant.GetAsync(page)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_dashboard_creates_a_theme_and_its_phase_and_explains_a_refusal()
    {
        using var moderator = NewBrowser(app);
        await SubmitAsync(moderator, "/es/account/login", "/es/account/login", new() { ["Input.Email"] = ForumApp.AdminEmail, ["Input.Password"] = ForumApp.AdminPassword });
        var slug = $"tema-{Guid.NewGuid():N}"[..20];
        var created = await SubmitAsync(moderator, "/es/moderation", "/es/moderation?handler=Theme", new()
        {
            ["NewTheme.Slug"] = slug, ["NewTheme.Language"] = "es", ["NewTheme.Title"] = "Economía solidaria", ["NewTheme.Description"] = "Un debate.", ["NewTheme.Published"] = "true",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var untitled = await SubmitAsync(moderator, "/es/moderation", "/es/moderation?handler=Phase", new()
        {
            ["NewPhase.ThemeSlug"] = slug, ["NewPhase.Language"] = "es", ["NewPhase.Title"] = "", ["NewPhase.Question"] = "¿Qué?", ["NewPhase.OpensAt"] = "2026-09-01T09:00", ["NewPhase.ClosesAt"] = "2026-09-30T18:00",
        });
        untitled.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Text(await untitled.Content.ReadAsStringAsync()).Should().Contain("Este campo es obligatorio.");

        var phase = await SubmitAsync(moderator, "/es/moderation", "/es/moderation?handler=Phase", new()
        {
            ["NewPhase.ThemeSlug"] = slug, ["NewPhase.Language"] = "es", ["NewPhase.Title"] = "Primera fase", ["NewPhase.Question"] = "¿Qué cambia en su barrio?", ["NewPhase.OpensAt"] = "2026-09-01T09:00", ["NewPhase.ClosesAt"] = "2026-09-30T18:00",
        });
        phase.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var dashboard = Text(await moderator.GetStringAsync("/es/moderation"));
        dashboard.Should().Contain("Economía solidaria").And.Contain("Fase 1: Primera fase").And.Contain("Abierta");
        Text(await app.CreateClient().GetStringAsync($"/es/themes/{slug}")).Should().Contain("¿Qué cambia en su barrio?");

        var edited = await SubmitAsync(moderator, $"/es/moderation/themes/{slug}", $"/es/moderation/themes/{slug}", new()
        {
            ["Edit.Version"] = (await app.Anonymous().GetJsonAsync($"/api/themes/{slug}"))["version"]!.GetValue<Guid>().ToString(), ["Edit.Position"] = "2",
            ["Edit.Texts[es].Title"] = "Economía social y solidaria", ["Edit.Texts[es].Description"] = "Un debate.",
            ["Edit.Texts[fr].Title"] = "Économie sociale et solidaire", ["Edit.Texts[fr].Description"] = "Un débat.",
        });
        edited.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.CreateClient().GetAsync($"/fr/themes/{slug}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "unticked, the theme is no longer public");
        Text(await moderator.GetStringAsync("/fr/moderation")).Should().Contain("Économie sociale et solidaire").And.Contain("Non public");
    }
}
