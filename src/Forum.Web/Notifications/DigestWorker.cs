using Forum.Core.Languages;
using Forum.Core.Storage;
using Forum.Core.Time;
using Forum.Data;
using Forum.Synthesis.Statistics;
using Forum.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Notifications;

/// <summary>
/// Sends the daily digests at <see cref="NotificationOptions.DigestHour"/> in the forum's time zone, on the forum's
/// clock. At each such instant (and on start, for one missed while no instance ran) every person with entries
/// recorded before it gets ONE message with what is still fit to show (a contribution hidden since is left out),
/// queued in the same save that marks the entries sent; nothing is sent when nothing is left. Under the "digest"
/// lease, and the SentAt marks make a second look find nothing: each digest leaves once across instances.
/// </summary>
public sealed class DigestWorker(IServiceScopeFactory scopes, ForumClock clock, TimeProvider time, IWorkLeases leases, StartupGate startup,
    NotificationOptions options, ILogger<DigestWorker> logger) : BackgroundService
{
    private const string LeaseName = "digest";
    private const int UsersPerSave = 200;

    private int _looking = 1;

    /// <summary>No look running (the tests wait for it).</summary>
    public bool IsIdle => Volatile.Read(ref _looking) == 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await startup.WaitAsync(stoppingToken))
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.UtcNow;
            try
            {
                await SendDueAsync(LatestDigestInstant(now), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not send the daily digests; trying again in a minute.");
                Volatile.Write(ref _looking, 0);
                await SleepAsync(TimeSpan.FromMinutes(1), stoppingToken);
                continue;
            }
            Volatile.Write(ref _looking, 0);
            var next = LatestDigestInstant(now).AddDays(1);
            // Recomputed from the forum's local day: a change of daylight-saving time moves the UTC instant.
            next = DigestInstantOn(clock.DayOf(next), next);
            await SleepAsync(next > clock.UtcNow ? next - clock.UtcNow : TimeSpan.Zero, stoppingToken);
            Volatile.Write(ref _looking, 1);
        }
    }

    private async Task SleepAsync(TimeSpan span, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(span, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The latest digest instant at or before <paramref name="now"/>.</summary>
    internal DateTime LatestDigestInstant(DateTime now)
    {
        var today = DigestInstantOn(clock.DayOf(now), now);
        return today <= now ? today : DigestInstantOn(clock.DayOf(now).AddDays(-1), now);
    }

    private DateTime DigestInstantOn(DateOnly day, DateTime fallback)
    {
        var local = day.ToDateTime(new TimeOnly(Math.Clamp(options.DigestHour, 0, 23), 0));
        // An hour skipped by a daylight-saving change is taken an hour later.
        if (clock.Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, clock.Zone);
    }

    /// <summary>Sends the digests of every entry recorded before <paramref name="due"/> and not sent yet.</summary>
    internal async Task SendDueAsync(DateTime due, CancellationToken cancellation)
    {
        var (free, lease) = await leases.TryTakeAsync(LeaseName, cancellation);
        if (!free)
        {
            return;
        }
        await using (lease)
        {
            var facts = new Dictionary<long, HappeningFacts>();
            var sent = 0;
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
                var userIds = await db.DigestEntries.Where(d => d.SentAt == null && d.CreatedAt < due)
                    .Select(d => d.UserId).Distinct().OrderBy(id => id).Take(UsersPerSave).ToListAsync(cancellation);
                if (userIds.Count == 0)
                {
                    break;
                }
                sent += await SendToAsync(scope.ServiceProvider, db, userIds, due, facts, cancellation);
            }
            if (sent > 0)
            {
                logger.LogInformation("Sent {Count} daily digests.", sent);
            }
        }
    }

    private async Task<int> SendToAsync(IServiceProvider services, ForumDbContext db, List<string> userIds, DateTime due,
        Dictionary<long, HappeningFacts> facts, CancellationToken cancellation)
    {
        var letters = services.GetRequiredService<NotificationLetters>();
        var outbox = services.GetRequiredService<MailOutbox>();
        var languages = services.GetRequiredService<ForumLanguages>();
        var statistics = services.GetRequiredService<StatisticsReader>();
        var entries = await db.DigestEntries.Where(d => d.SentAt == null && d.CreatedAt < due && userIds.Contains(d.UserId)).ToListAsync(cancellation);
        var happeningIds = entries.Select(e => e.HappeningId).Distinct().Where(id => !facts.ContainsKey(id)).ToList();
        foreach (var happening in await db.Happenings.AsNoTracking().Where(h => happeningIds.Contains(h.Id)).ToListAsync(cancellation))
        {
            // Read now, not when the entry was made: a contribution hidden meanwhile is left out.
            facts[happening.Id] = await HappeningFacts.LoadAsync(db, statistics, happening, cancellation);
        }
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.PreferredLanguage, u.DeletedAt }).ToDictionaryAsync(u => u.Id, cancellation);
        var sent = 0;
        foreach (var group in entries.GroupBy(e => e.UserId))
        {
            foreach (var entry in group)
            {
                entry.SentAt = clock.UtcNow;
            }
            if (!users.TryGetValue(group.Key, out var user) || user.DeletedAt is not null || user.Email is null)
            {
                continue;
            }
            var language = languages.IsSupported(user.PreferredLanguage) ? user.PreferredLanguage! : languages.Default;
            var notices = group.OrderBy(e => e.HappeningId)
                .Select(e => facts.TryGetValue(e.HappeningId, out var f) ? letters.Notice(f, language) : null)
                .OfType<Notice>().ToList();
            if (notices.Count > 0)
            {
                outbox.Queue(letters.Digest(notices, language, user.Id), user.Email, user.Id);
                sent++;
            }
        }
        // The messages and the marks in one save: a digest is queued exactly when its entries are marked sent.
        await db.SaveChangesAsync(cancellation);
        return sent;
    }
}
