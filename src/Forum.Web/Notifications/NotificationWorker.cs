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
/// "notifications" lease lets one at a time work, and each happening is handled in one transaction that also
/// marks it handled, so none is told twice. Wakes after a commit that recorded one (<see cref="HappeningRecorded"/>)
/// and every half minute for those recorded by another instance.
/// </summary>
public sealed class NotificationWorker(IServiceScopeFactory scopes, ForumClock clock, IWorkLeases leases, HappeningAlarm alarm, StartupGate startup,
    NotificationOptions options, ILogger<NotificationWorker> logger) : BackgroundService
{
    private static readonly TimeSpan SafetyLook = TimeSpan.FromSeconds(30);
    private const string LeaseName = "notifications";

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
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
                var next = await db.Happenings.AsNoTracking().Where(h => h.HandledAt == null).OrderBy(h => h.Id).FirstOrDefaultAsync(cancellation);
                if (next is null)
                {
                    return;
                }
                await HandleAsync(scope.ServiceProvider, db, next, cancellation);
            }
        }
    }

    /// <summary>Every recipient of one happening, page by page, and the happening marked handled: one transaction.</summary>
    private async Task HandleAsync(IServiceProvider services, ForumDbContext db, Happening happening, CancellationToken cancellation)
    {
        var facts = await HappeningFacts.LoadAsync(db, services.GetRequiredService<StatisticsReader>(), happening, cancellation);
        var letters = services.GetRequiredService<NotificationLetters>();
        var outbox = services.GetRequiredService<MailOutbox>();
        var languages = services.GetRequiredService<ForumLanguages>();
        var notices = new Dictionary<string, Notice?>();
        var told = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
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
        // Conditional, should an instance without the lease (Redis away) have handled it meanwhile: its transaction then fails here.
        var marked = await db.Happenings.Where(h => h.Id == happening.Id && h.HandledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.HandledAt, clock.UtcNow), cancellation);
        if (marked == 1)
        {
            await transaction.CommitAsync(cancellation);
            logger.LogInformation("Happening {Id} ({Kind}): {Count} people told or their digest given it.", happening.Id, happening.Kind, told);
        }
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

/// <summary>Wakes the notification workers of this instance when a commit recorded happenings.</summary>
public sealed class HappeningAlarm : IForumEventHandler
{
    private readonly SemaphoreSlim _poke = new(0);

    public ValueTask HandleAsync(ForumEvent forumEvent, CancellationToken cancellation)
    {
        if (forumEvent is HappeningRecorded)
        {
            _poke.Release();
        }
        return ValueTask.CompletedTask;
    }

    public Task WaitAsync(CancellationToken cancellation) => _poke.WaitAsync(cancellation);

    public bool IsPoked => _poke.CurrentCount > 0;

    public void Reset()
    {
        while (_poke.CurrentCount > 0 && _poke.Wait(0))
        {
        }
    }
}
