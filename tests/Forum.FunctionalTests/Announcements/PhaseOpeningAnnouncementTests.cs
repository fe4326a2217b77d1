using System.Net;
using Forum.Core.Notifications;
using Forum.Core.Phases;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Announcements;

/// <summary>Moves the app's clock to 9 September, so it has an app of its own.</summary>
public class PhaseOpeningAnnouncementTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static object PhaseTwo => new
    {
        number = 2,
        originalLanguage = "en",
        opensAt = "2026-09-09T09:00",
        closesAt = "2026-09-21T23:59",
        texts = new Dictionary<string, object>
        {
            ["en"] = new { title = "Local money", question = "How can local money help?", announcementNote = "Bring your examples." },
            ["fr"] = new { title = "Monnaie locale", question = "Comment la monnaie locale peut-elle aider ?", announcementNote = "Apportez vos exemples." },
        },
    };

    [Fact]
    public async Task A_phase_reaching_its_opening_is_announced_once_in_every_language_with_its_dates_counts_synthesis_and_note()
    {
        var moderator = await app.ModeratorAsync();
        var theme = await moderator.CreateThemeAsync();
        var slug = theme["slug"]!.GetValue<string>();
        var first = (await moderator.CreatePhaseAsync(slug, 1, "2026-08-25T09:00", "2026-09-08T23:59"))["id"]!.GetValue<int>();
        var second = (await moderator.PostOkAsync($"/api/themes/{slug}/phases", PhaseTwo, HttpStatusCode.Created))["id"]!.GetValue<int>();
        var participant = await app.ParticipantAsync();
        await participant.PostContributionAsync(first, "en", "Savings", "Local savings fund projects.");
        await participant.PostContributionAsync(first, "fr", "Épargne", "L’épargne locale finance des projets.");
        var synthesis = await moderator.PostOkAsync($"/api/phases/{first}/syntheses",
            new { versions = new[] { new { language = "fr", title = "Ce que nous avons appris", body = "Beaucoup." } } }, HttpStatusCode.Created);
        await moderator.PostOkAsync($"/api/syntheses/{synthesis["id"]!.GetValue<long>()}/publish", new { });
        await app.SettleAsync(async () => (await app.AnnouncementsAsync(first)).Count == 1);
        (await app.AnnouncementsAsync(second)).Should().BeEmpty("phase 2 is scheduled");

        // 09:00 in Paris on 9 September is 07:00 UTC; phase 1 closed the evening before.
        app.Time.Advance(new DateTimeOffset(2026, 9, 9, 7, 0, 0, TimeSpan.Zero) - app.Time.GetUtcNow());
        await app.SettleAsync(async () => (await app.AnnouncementsAsync(second)).Count > 0);
        await app.LookAgainAsync();

        var announcement = (await app.AnnouncementsAsync(second)).Should().ContainSingle().Subject;
        announcement.Kind.Should().Be(AnnouncementKind.Opened);
        announcement.Texts.Select(t => t.Language).Should().BeEquivalentTo(["en", "fr", "es"]);
        announcement.Title("en").Should().Be("Phase 2 is open: Local money");
        announcement.Title("fr").Should().Be("La phase 2 est ouverte\u00a0: Monnaie locale");
        announcement.Title("es").Should().Be("La fase 2 está abierta: Local money");
        announcement.Body("en").Should().StartWith("Phase 2 of “Territories” is open from 9 to 21 September.")
            .And.Contain("The question: How can local money help?")
            .And.Contain("Phase 1 in figures — 2 contributions in total: 1 in English only, 1 in French only.")
            .And.Contain("Synthesis no. 1 is available: “Ce que nous avons appris” — Available in French only.")
            .And.EndWith("From the moderators:\n\nBring your examples.");
        announcement.Body("fr").Should().StartWith("La phase 2 de «\u00a0Territoires\u00a0» est ouverte du 9 au 21 septembre.")
            .And.Contain("La phase 1 en chiffres — 2 contributions au total\u00a0: 1 en anglais uniquement, 1 en français uniquement.")
            .And.Contain("Disponible uniquement en français.")
            .And.EndWith("Apportez vos exemples.");
        announcement.Body("es").Should().StartWith("La fase 2 de «Territories» está abierta del 9 al 21 de septiembre.")
            .And.Contain("La pregunta: How can local money help?")
            .And.Contain("Disponible solo en francés.")
            .And.NotContain("moderadores", "no note was written in Spanish");

        var happenings = await app.HappeningsAsync(second);
        var opened = happenings.Should().ContainSingle().Subject;
        (opened.Kind, opened.AnnouncementId, opened.ThemeId, opened.ActorId).Should().Be((NotificationKind.PhaseOpened, announcement.Id, announcement.ThemeId, null));
        (await app.HappeningsAsync(first)).Select(h => h.Kind).Where(k => k != NotificationKind.SynthesisPublished).Should().Equal(NotificationKind.PhaseOpened, NotificationKind.PhaseClosed); // its synthesis, published meanwhile, is told too

        var reader = app.Anonymous();
        var page = WebUtility.HtmlDecode(await reader.Http.GetStringAsync($"/fr/themes/{slug}"));
        page.Should().Contain("id=\"announcement-" + announcement.Id + "\"").And.Contain("La phase 2 est ouverte\u00a0: Monnaie locale")
            .And.Contain("est ouverte du 9 au 21 septembre.");
        page.IndexOf("La phase 2 est ouverte", StringComparison.Ordinal).Should().BeLessThan(page.IndexOf("La phase 1 est ouverte", StringComparison.Ordinal), "newest first");
        var feed = await reader.Http.GetStringAsync($"/es/themes/{slug}/feed.atom");
        feed.Should().Contain("La fase 2 está abierta: Local money").And.Contain("del 9 al 21 de septiembre");
    }
}
