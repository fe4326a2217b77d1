using Forum.Core.Events;
using Forum.Core.Languages;
using Forum.Core.Notifications;
using Forum.Core.Storage;
using Forum.Core.Time;
using Forum.Data;
using Forum.Synthesis.Statistics;
using Forum.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Notifications;

/// <summary>
/// Turns each stored <see cref="Happening"/> into messages and digest entries. Every instance runs one; the
/// "notifications" lease lets one at a time work, and happenings are handled in transactions (up to 50 in each)
/// that also mark them handled, so none is told twice; one that keeps failing is set aside and logged, so it does not
/// hold back those behind it. Wakes after a commit that recorded one (<see cref="HappeningRecorded"/>)
/// and every half minute for those recorded by another instance.
/// </summary>
public sealed class NotificationWorker(IServiceScopeFactory scopes, ForumClock clock, IWorkLeases leases, Background.WorkAlarm<HappeningRecorded> alarm, StartupGate startup,
    NotificationOptions options, ILogger<NotificationWorker> logger) : BackgroundService
{
    private static readonly TimeSpan SafetyLook = TimeSpan.FromSeconds(30);
    private const string LeaseName = "notifications";

    // Happenings handled in one transaction: under a stream of replies, one commit for many instead of one each.
    private const int HappeningsPerTransaction = 50;
    private const int AttemptsBeforeSettingAside = 3;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, int> _failures = new();
    private int _looking = 1;

    /// <summary>No look running and none asked for (the tests wait for it).</summary>
    public bool IsIdle => Volatile.Read(ref _looking) == 0 && !alarm.IsPoked;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await startup.WaitAsync(stoppingToken))
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await HandleAllAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not turn happenings into notifications; looking again in half a minute.");
            }
            Volatile.Write(ref _looking, 0);
            try
            {
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(alarm.WaitAsync(wake.Token), Task.Delay(SafetyLook, wake.Token));
                Volatile.Write(ref _looking, 1);
                await wake.CancelAsync();
                // Replies come in bursts: a short gathering handles those of a busy moment in one transaction.
                await Task.Delay(Mail.MailSender.GatherFor, stoppingToken);
                alarm.Reset();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task HandleAllAsync(CancellationToken cancellation)
    {
        var (free, lease) = await leases.TryTakeAsync(LeaseName, cancellation);
        if (!free)
        {
            // Another instance is at it; the next look finds what it left.
            return;
        }
        await using (lease)
        {
            while (true)
            {
                List<Happening> batch;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
                    batch = await db.Happenings.AsNoTracking().Where(h => h.HandledAt == null).OrderBy(h => h.Id)
                        .Take(HappeningsPerTransaction).ToListAsync(cancellation);
                    if (batch.Count == 0)
                    {
                        return;
                    }
                    try
                    {
                        await HandleAsync(scope.ServiceProvider, db, batch, cancellation);
                        continue;
                    }
                    catch (Exception e) when (e is not OperationCanceledException && batch.Count > 1)
                    {
                        logger.LogWarning(e, "Could not handle happenings {First} to {Last} together; handling them one by one.", batch[0].Id, batch[^1].Id);
                    }
                }
                foreach (var happening in batch)
                {
                    await HandleAloneAsync(happening, cancellation);
                }
            }
        }
    }

    /// <summary>
    /// One happening in a transaction of its own, after its batch failed. One that fails again and again (facts that no
    /// longer make sense, a message that cannot be written) is set aside, logged, so the happenings behind it are told.
    /// </summary>
    private async Task HandleAloneAsync(Happening happening, CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
        try
        {
            await HandleAsync(scope.ServiceProvider, db, [happening], cancellation);
            _failures.TryRemove(happening.Id, out _);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var failures = _failures.AddOrUpdate(happening.Id, 1, (_, n) => n + 1);
            if (failures < AttemptsBeforeSettingAside)
            {
                throw;
            }
            logger.LogError(e, "Happening {Id} ({Kind}) failed {Count} times: set aside, no one is told of it.", happening.Id, happening.Kind, failures);
            db.ChangeTracker.Clear();
            await db.Happenings.Where(h => h.Id == happening.Id && h.HandledAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(h => h.HandledAt, clock.UtcNow), cancellation);
            _failures.TryRemove(happening.Id, out _);
        }
    }

    /// <summary>Every recipient of each happening, page by page, and the happenings marked handled: one transaction.</summary>
    private async Task HandleAsync(IServiceProvider services, ForumDbContext db, IReadOnlyList<Happening> happenings, CancellationToken cancellation)
    {
        var letters = services.GetRequiredService<NotificationLetters>();
        var outbox = services.GetRequiredService<MailOutbox>();
        var languages = services.GetRequiredService<ForumLanguages>();
        var statistics = services.GetRequiredService<StatisticsReader>();
        var counts = new List<(Happening Happening, int Told)>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        foreach (var happening in happenings)
        {
            counts.Add((happening, await TellAsync(db, statistics, letters, outbox, languages, happening, cancellation)));
        }
        // Conditional, should an instance without the lease (Redis away) have handled some meanwhile: its transaction then fails here.
        var ids = happenings.Select(h => h.Id).ToList();
        var marked = await db.Happenings.Where(h => ids.Contains(h.Id) && h.HandledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.HandledAt, clock.UtcNow), cancellation);
        if (marked != ids.Count)
        {
            await transaction.RollbackAsync(cancellation);
            db.ChangeTracker.Clear();
            return;
        }
        await transaction.CommitAsync(cancellation);
        foreach (var (happening, told) in counts)
        {
            logger.LogInformation("Happening {Id} ({Kind}): {Count} people told or their digest given it.", happening.Id, happening.Kind, told);
        }
    }

    /// <summary>Queues the messages and digest entries of one happening in the caller's transaction; returns how many people it concerns.</summary>
    private async Task<int> TellAsync(ForumDbContext db, StatisticsReader statistics, NotificationLetters letters, MailOutbox outbox, ForumLanguages languages,
        Happening happening, CancellationToken cancellation)
    {
        var facts = await HappeningFacts.LoadAsync(db, statistics, happening, cancellation);
        var notices = new Dictionary<string, Notice?>();
        var told = 0;
        if (!facts.Silent)
        {
            string after = "";
            while (true)
            {
                var page = await Recipients(db, facts, after).Take(options.BatchSize).ToListAsync(cancellation);
                foreach (var recipient in page)
                {
                    if (!Audience.MayTell(recipient.Id, recipient.Deleted, happening) || recipient.Email is null)
                    {
                        continue;
                    }
                    switch (recipient.Delivery ?? NotificationPreference.Default(happening.Kind))
                    {
                        case Delivery.Immediately:
                            var language = languages.IsSupported(recipient.Language) ? recipient.Language! : languages.Default;
                            if (!notices.TryGetValue(language, out var notice))
                            {
                                notices[language] = notice = letters.Notice(facts, language);
                            }
                            if (notice is not null)
                            {
                                outbox.Queue(letters.Immediate(happening.Kind, notice, language, recipient.Id), recipient.Email, recipient.Id);
                                told++;
                            }
                            break;
                        case Delivery.DailyDigest:
                            db.DigestEntries.Add(new DigestEntry { UserId = recipient.Id, HappeningId = happening.Id, CreatedAt = clock.UtcNow });
                            told++;
                            break;
                    }
                }
                await db.SaveChangesAsync(cancellation);
                db.ChangeTracker.Clear();
                if (page.Count < options.BatchSize)
                {
                    break;
                }
                after = page[^1].Id;
            }
        }
        return told;
    }

    private sealed record Recipient(string Id, string? Email, string? Language, bool Deleted, Delivery? Delivery);

    /// <summary>The people a happening concerns, by id from <paramref name="after"/>: one query per page, whatever their number.</summary>
    private static IQueryable<Recipient> Recipients(ForumDbContext db, HappeningFacts facts, string after)
    {
        var happening = facts.Happening;
        var kind = happening.Kind;
        var users = db.Users.AsNoTracking().Where(u => string.Compare(u.Id, after) > 0);
        if (Audience.GoesToFollowers(kind))
        {
            var followers = db.Follows.Where(Audience.FollowersOf(happening.ThemeId, happening.PhaseId, happening.At));
            users = users.Where(u => followers.Any(f => f.UserId == u.Id));
        }
        else
        {
            var author = facts.AuthorToTell;
            users = users.Where(u => u.Id == author);
        }
        return users.OrderBy(u => u.Id).Select(u => new Recipient(u.Id, u.Email, u.PreferredLanguage, u.DeletedAt != null,
            db.NotificationPreferences.Where(p => p.UserId == u.Id && p.Kind == kind).Select(p => (Delivery?)p.Delivery).FirstOrDefault()));
    }
}
