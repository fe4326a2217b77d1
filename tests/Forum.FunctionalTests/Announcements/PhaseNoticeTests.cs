using System.Net;
using Forum.Core.Notifications;
using Forum.Core.Phases;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Announcements;

/// <summary>Short notices and what is not announced; the clock stays on 1 September.</summary>
public class PhaseNoticeTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task Extending_and_reopening_a_phase_give_short_notices_not_a_second_announcement()
    {
        var moderator = await app.ModeratorAsync();
        var id = await moderator.CreateOpenPhaseAsync();
        await app.SettleAsync(async () => (await app.AnnouncementsAsync(id)).Count == 1);

        await moderator.PostOkAsync($"/api/phases/{id}/extend", new { reason = "Many late posts", until = "2026-10-12T18:00" });
        await app.SettleAsync(async () => (await app.AnnouncementsAsync(id)).Count == 2);
        await moderator.PostOkAsync($"/api/phases/{id}/close", new { reason = "Done" });
        await app.SettleAsync(async () => (await app.HappeningsAsync(id)).Any(h => h.Kind == NotificationKind.PhaseClosed));
        await moderator.PostOkAsync($"/api/phases/{id}/reopen", new { reason = "One more week", until = "2026-10-20T18:00" });
        await app.SettleAsync(async () => (await app.AnnouncementsAsync(id)).Count == 3);
        await app.LookAgainAsync();

        var announcements = await app.AnnouncementsAsync(id);
        announcements.Select(a => a.Kind).Should().Equal(AnnouncementKind.Opened, AnnouncementKind.Extended, AnnouncementKind.Reopened);
        announcements[1].Title("en").Should().Be("Phase 1 is extended: Phase 1");
        announcements[1].Body("fr").Should().Be("La phase 1 de «\u00a0Territoires\u00a0» est prolongée\u00a0: elle est désormais ouverte du 25 août au 12 octobre.");
        announcements[2].Title("es").Should().Be("La fase 1 vuelve a estar abierta: Phase 1");
        announcements[2].Body("en").Should().Be("Phase 1 of “Territories” is open again, from 25 August to 20 October.");
        var happenings = await app.HappeningsAsync(id);
        happenings.Select(h => h.Kind).Should().Equal(
            NotificationKind.PhaseOpened, NotificationKind.PhaseOpened, NotificationKind.PhaseClosed, NotificationKind.PhaseOpened);
        var moderatorId = (await moderator.GetJsonAsync("/api/account/me"))["id"]!.GetValue<string>();
        happenings.Skip(1).Should().OnlyContain(h => h.ActorId == moderatorId, "the moderator who moved the dates is not told of it");
    }

    [Fact]
    public async Task A_phase_of_an_unpublished_theme_is_announced_to_no_one()
    {
        var moderator = await app.ModeratorAsync();
        var slug = $"hidden-{Guid.NewGuid():N}";
        await moderator.PostOkAsync("/api/themes", new
        {
            slug, position = 1, published = false, originalLanguage = "en",
            texts = new Dictionary<string, object> { ["en"] = new { title = "Hidden", description = "Not yet public." } },
        }, HttpStatusCode.Created);
        var id = (await moderator.CreatePhaseAsync(slug, 1, "2026-08-25T09:00", "2026-09-21T23:59"))["id"]!.GetValue<int>();
        var published = await moderator.CreateOpenPhaseAsync();
        // The watcher looks at every phase at once: once the published one is announced, the hidden one was looked at too.
        await app.SettleAsync(async () => (await app.AnnouncementsAsync(published)).Count == 1);
        await app.LookAgainAsync();

        (await app.AnnouncementsAsync(id)).Should().BeEmpty();
        (await app.HappeningsAsync(id)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_note_too_long_is_refused_by_the_phase_rule()
    {
        var moderator = await app.ModeratorAsync();
        var theme = await moderator.CreateThemeAsync();
        var response = await moderator.PostAsync($"/api/themes/{theme["slug"]!.GetValue<string>()}/phases", new
        {
            number = 1, originalLanguage = "en", opensAt = "2026-11-01T09:00", closesAt = "2026-11-21T23:59",
            texts = new Dictionary<string, object> { ["en"] = new { title = "Long", question = "Why?", announcementNote = new string('a', 2_001) } },
        });
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "text.too-long");
        problem.ToJsonString().Should().Contain("texts.en.announcementNote");
    }
}
