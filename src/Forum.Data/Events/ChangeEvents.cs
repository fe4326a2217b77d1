using System.Runtime.CompilerServices;
using Forum.Core.Contributions;
using Forum.Core.Events;
using Forum.Core.Phases;
using Forum.Core.Themes;
using Forum.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Forum.Data.Events;

/// <summary>
/// Raises the forum's events about contributions and phases from what each save stored, after it
/// succeeded: whichever code saved them, the live layer hears of it. Registered after the statistics
/// interceptor, so the save's transaction is committed before anyone is told.
/// </summary>
public sealed class ChangeEvents(Func<ForumEvents?> events) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<Func<ForumEvent>>> _pending = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context!);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context!);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await PublishAsync(eventData.Context!);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        PublishAsync(eventData.Context!).GetAwaiter().GetResult();
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _pending.Remove(eventData.Context!);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending.Remove(eventData.Context!);
        return Task.CompletedTask;
    }

    private void Collect(DbContext db)
    {
        var pending = new List<Func<ForumEvent>>();
        foreach (var entry in db.ChangeTracker.Entries<Contribution>())
        {
            var c = entry.Entity;
            switch (entry.State)
            {
                case EntityState.Added:
                    // Ids are given by the database during the save: read them once it is done.
                    pending.Add(() => new ContributionPosted(c.PhaseId, c.Id, c.ParentId, c.OriginalLanguage, c.LanguageCodes.ToList()));
                    break;
                case EntityState.Modified:
                    if (entry.Property(x => x.Languages).IsModified && entry.Property(x => x.Languages).OriginalValue != c.Languages)
                    {
                        pending.Add(() => new ContributionTranslated(c.PhaseId, c.Id, c.LanguageCodes.ToList()));
                    }
                    if (entry.Property(x => x.IsHidden).OriginalValue != c.IsHidden)
                    {
                        var hidden = c.IsHidden;
                        pending.Add(() => hidden ? new ContributionHidden(c.PhaseId, c.Id) : new ContributionRestored(c.PhaseId, c.Id));
                    }
                    break;
            }
        }
        foreach (var entry in db.ChangeTracker.Entries<ContributionVersion>().Where(e => e.State == EntityState.Modified
                     && (e.Property(v => v.Body).IsModified || e.Property(v => v.Title).IsModified)))
        {
            var version = entry.Entity;
            // An edit goes through its contribution, so the contribution is tracked and knows the phase.
            if (db.ChangeTracker.Entries<Contribution>().FirstOrDefault(c => c.Entity.Id == version.ContributionId)?.Entity is { } owner)
            {
                pending.Add(() => new ContributionEdited(owner.PhaseId, owner.Id, version.Language));
            }
        }
        foreach (var entry in db.ChangeTracker.Entries<Phase>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            var phase = entry.Entity;
            pending.Add(() => new PhaseSaved(phase.Id));
        }
        foreach (var entry in db.ChangeTracker.Entries<Theme>().Where(e => e.State == EntityState.Modified
                     && e.Property(t => t.IsPublished).OriginalValue != e.Entity.IsPublished))
        {
            var theme = entry.Entity;
            var published = theme.IsPublished;
            pending.Add(() => new ThemePublicationChanged(theme.Id, published));
        }
        // Identity saves the account through this context too: a new stamp withdraws what the old tickets allowed.
        foreach (var entry in db.ChangeTracker.Entries<ForumUser>().Where(e => e.State == EntityState.Modified
                     && e.Property(u => u.SecurityStamp).OriginalValue != e.Entity.SecurityStamp))
        {
            var userId = entry.Entity.Id;
            pending.Add(() => new AccountSecurityChanged(userId));
        }
        if (pending.Count > 0)
        {
            _pending.AddOrUpdate(db, pending);
        }
    }

    private async Task PublishAsync(DbContext db)
    {
        if (!_pending.TryGetValue(db, out var pending))
        {
            return;
        }
        _pending.Remove(db);
        if (events() is not { } forumEvents)
        {
            return;
        }
        foreach (var raise in pending)
        {
            await forumEvents.PublishAsync(raise());
        }
    }
}
