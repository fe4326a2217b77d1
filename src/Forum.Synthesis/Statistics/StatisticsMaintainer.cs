using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Forum.Core.Contributions;
using Forum.Core.Phases;
using Forum.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Forum.Synthesis.Statistics;

/// <summary>
/// Keeps the statistics tallies current whenever contributions are saved, whichever code saves them:
/// it reads what changed from the change tracker, and writes the tally changes in the same
/// transaction as the contributions (starting one when the caller has none), so the two never disagree.
/// Its StatisticsChanged joins the context's pending events, which leave only once the outermost
/// transaction commits (its own, when it started one).
/// </summary>
public sealed class StatisticsMaintainer(ForumClock clock) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, PendingSave> _pending = new();

    // A phase never changes theme, so the lookup is remembered for the process's life.
    private readonly ConcurrentDictionary<int, int> _themeOfPhase = new();

    private sealed record PendingSave(IDbContextTransaction OwnTransaction);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await BeforeSaveAsync(eventData.Context!, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        BeforeSaveAsync(eventData.Context!, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await AfterSaveAsync(eventData.Context!, committed: true);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSaveAsync(eventData.Context!, committed: true).GetAwaiter().GetResult();
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        await AfterSaveAsync(eventData.Context!, committed: false);

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        AfterSaveAsync(eventData.Context!, committed: false).GetAwaiter().GetResult();

    // A stale row ends a save without SaveChangesFailed: without this, the transaction begun for the save stayed
    // open and registered, and the pooled context's next save (of another request) tried to commit it.
    public override async ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await AfterSaveAsync(eventData.Context!, committed: false);
        return result;
    }

    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        AfterSaveAsync(eventData.Context!, committed: false).GetAwaiter().GetResult();
        return result;
    }

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        await AfterSaveAsync(eventData.Context!, committed: false);

    private async Task BeforeSaveAsync(DbContext db, CancellationToken cancellation)
    {
        if (db.ChangeTracker.AutoDetectChangesEnabled)
        {
            db.ChangeTracker.DetectChanges();
        }
        var entries = db.ChangeTracker.Entries<Contribution>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        if (entries.Count == 0)
        {
            return;
        }

        var changes = new TallyChanges(clock.DayOf);
        foreach (var entry in entries)
        {
            var themeId = await ThemeOfAsync(db, entry.Entity.PhaseId, cancellation);
            if (Before(entry) is { } before)
            {
                changes.Add(before, themeId, -1);
            }
            if (entry.State != EntityState.Deleted && !entry.Entity.IsHidden)
            {
                changes.Add(ContributionFacts.Of(entry.Entity), themeId, +1);
            }
            changes.Touch(entry.Entity.PhaseId, themeId);
        }

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellation) : null;
        if (own is not null)
        {
            // A savepoint inside a transaction that exists only for this save protects nothing and costs two statements.
            db.Database.AutoSavepointsEnabled = false;
        }
        try
        {
            await TallyWriter.ApplyAsync(db, changes, cancellation);
        }
        catch
        {
            if (own is not null)
            {
                await own.DisposeAsync();
                db.Database.AutoSavepointsEnabled = true;
            }
            throw;
        }
        if (db is IForumData data)
        {
            foreach (var phaseId in changes.TouchedPhases)
            {
                data.PendingEvents.Raise(new StatisticsChanged(phaseId));
            }
        }
        if (own is not null)
        {
            _pending.AddOrUpdate(db, new PendingSave(own));
        }
    }

    /// <summary>What the contribution counted for before this save: nothing when new or hidden.</summary>
    private static ContributionFacts? Before(EntityEntry<Contribution> entry)
    {
        if (entry.State == EntityState.Added || entry.Property(c => c.IsHidden).OriginalValue)
        {
            return null;
        }
        var c = entry.Entity;
        return new ContributionFacts(c.PhaseId, c.ParentId is not null, c.AuthorId,
            entry.Property(x => x.OriginalLanguage).OriginalValue, entry.Property(x => x.Languages).OriginalValue, c.CreatedAt,
            entry.Property(x => x.OutdatedLanguages).OriginalValue);
    }

    private async Task AfterSaveAsync(DbContext db, bool committed)
    {
        if (!_pending.TryGetValue(db, out var pending))
        {
            return;
        }
        _pending.Remove(db);
        if (committed)
        {
            await pending.OwnTransaction.CommitAsync();
        }
        await pending.OwnTransaction.DisposeAsync();
        db.Database.AutoSavepointsEnabled = true;
    }

    private async ValueTask<int> ThemeOfAsync(DbContext db, int phaseId, CancellationToken cancellation)
    {
        if (_themeOfPhase.TryGetValue(phaseId, out var themeId))
        {
            return themeId;
        }
        var tracked = db.ChangeTracker.Entries<Phase>().FirstOrDefault(p => p.Entity.Id == phaseId)?.Entity.ThemeId;
        themeId = tracked ?? await db.Set<Phase>().AsNoTracking().Where(p => p.Id == phaseId).Select(p => p.ThemeId).FirstAsync(cancellation);
        _themeOfPhase[phaseId] = themeId;
        return themeId;
    }
}
