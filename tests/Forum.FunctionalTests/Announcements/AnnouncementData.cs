using Forum.Core.Notifications;
using Forum.Core.Phases;
using Forum.Data;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.FunctionalTests.Announcements;

/// <summary>What the announcer stored, read from the database, and a wait for the watcher's background work.</summary>
internal static class AnnouncementData
{
    public static async Task<List<OpeningAnnouncement>> AnnouncementsAsync(this ForumApp app, int phaseId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
        return await db.OpeningAnnouncements.AsNoTracking().Include(a => a.Texts).Where(a => a.PhaseId == phaseId).OrderBy(a => a.Id).ToListAsync();
    }

    public static async Task<List<Happening>> HappeningsAsync(this ForumApp app, int phaseId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
        return await db.Happenings.AsNoTracking().Where(h => h.PhaseId == phaseId).OrderBy(h => h.Id).ToListAsync();
    }

    /// <summary>
    /// Moves the clock, then waits for the watcher to have looked: its timer fires on the fake clock, and the look
    /// itself runs in the background, so the test waits until what it expects is there (or 10 s have passed).
    /// </summary>
    public static async Task SettleAsync(this ForumApp app, Func<Task<bool>> done)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await app.PhaseWatcherSettledAsync();
        while (!await done() && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
            await app.PhaseWatcherSettledAsync();
        }
        // The watcher may still be between storing what the test waited for and setting its timer on the fake clock;
        // a timer set after the test's next Advance would be set from the later time, and miss its instant.
        await Task.Delay(300);
        await app.PhaseWatcherSettledAsync();
    }

    /// <summary>Another look at the phases, as another instance's watcher would make: it must find nothing left to announce.</summary>
    public static async Task LookAgainAsync(this ForumApp app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Forum.Web.Phases.PhaseAnnouncer>().AnnounceChangesAsync(CancellationToken.None);
    }

    public static string Body(this OpeningAnnouncement announcement, string language) =>
        announcement.Texts.Single(t => t.Language == language).Body;

    public static string Title(this OpeningAnnouncement announcement, string language) =>
        announcement.Texts.Single(t => t.Language == language).Title;
}
