using Forum.Core.Notifications;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Announcements;

/// <summary>Moves the app's clock, so it has an app of its own.</summary>
public class ClosingReminderTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task The_closing_reminder_is_recorded_once_48_hours_before_and_again_for_a_moved_closing()
    {
        var moderator = await app.ModeratorAsync();
        var theme = await moderator.CreateThemeAsync();
        // 4 September 12:00 in Paris is 10:00 UTC: the reminder is due on 2 September at 10:00 UTC.
        var id = (await moderator.CreatePhaseAsync(theme["slug"]!.GetValue<string>(), 1, "2026-08-25T09:00", "2026-09-04T12:00"))["id"]!.GetValue<int>();
        await app.SettleAsync(async () => (await app.AnnouncementsAsync(id)).Count == 1);
        async Task<int> Reminders() => (await app.HappeningsAsync(id)).Count(h => h.Kind == NotificationKind.PhaseClosingSoon);

        app.Time.Advance(new DateTimeOffset(2026, 9, 2, 9, 59, 0, TimeSpan.Zero) - app.Time.GetUtcNow());
        await app.SettleAsync(() => Task.FromResult(true));
        await app.LookAgainAsync();
        (await Reminders()).Should().Be(0, "it is 48 hours and one minute before the closing");

        app.Time.Advance(TimeSpan.FromMinutes(1));
        await app.SettleAsync(async () => await Reminders() == 1);
        (await Reminders()).Should().Be(1, "the watcher wakes 48 hours before the closing");
        app.Time.Advance(TimeSpan.FromHours(1));
        await app.LookAgainAsync();
        await app.LookAgainAsync();
        (await Reminders()).Should().Be(1);

        // Extended to 10 September 12:00 in Paris: a new reminder on 8 September at 10:00 UTC.
        // Tokens last an hour: sign in again.
        moderator = await app.ModeratorAsync();
        await moderator.PostOkAsync($"/api/phases/{id}/extend", new { reason = "More time", until = "2026-09-10T12:00" });
        await app.SettleAsync(async () => (await app.AnnouncementsAsync(id)).Count == 2);
        app.Time.Advance(new DateTimeOffset(2026, 9, 8, 10, 0, 0, TimeSpan.Zero) - app.Time.GetUtcNow());
        await app.SettleAsync(async () => await Reminders() == 2);
        (await Reminders()).Should().Be(2, "a closing moved later is reminded of again");
        await app.LookAgainAsync();
        var reminders = (await app.HappeningsAsync(id)).Where(h => h.Kind == NotificationKind.PhaseClosingSoon).ToList();
        reminders.Should().HaveCount(2);
        reminders.Should().OnlyContain(h => h.ActorId == null && h.AnnouncementId == null);
    }
}
