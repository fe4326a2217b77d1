using Forum.Core.Contributions;
using Forum.Core.Events;
using Forum.Core.Phases;
using Forum.Core.Themes;
using Forum.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Forum.Data.Events;

/// <summary>
/// Reads the forum's events about contributions, phases, themes and accounts from what each save
/// stores, whichever code saved them, into the context's pending events; they leave once the change
/// is committed (<see cref="EventsAfterCommit"/>).
/// </summary>
public sealed class ChangeEvents : SaveChangesInterceptor
{
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
        // A translation marked or cleared "may be out of date" changes what readers see of it, as an edit does.
        foreach (var entry in db.ChangeTracker.Entries<ContributionVersion>().Where(e => e.State == EntityState.Modified
                     && (e.Property(v => v.Body).IsModified || e.Property(v => v.Title).IsModified
                         || (e.Property(v => v.OutdatedSince).OriginalValue is null) != (e.Entity.OutdatedSince is null))))
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
        // Lists and feeds show a theme's titles and follow whether it is published.
        pending.AddRange(ThemesChanged(db));
        // Identity saves the account through this context too: a new stamp withdraws what the old tickets allowed.
        foreach (var entry in db.ChangeTracker.Entries<ForumUser>().Where(e => e.State == EntityState.Modified
                     && e.Property(u => u.SecurityStamp).OriginalValue != e.Entity.SecurityStamp))
        {
            var userId = entry.Entity.Id;
            pending.Add(() => new AccountSecurityChanged(userId));
        }
        foreach (var entry in db.ChangeTracker.Entries<ForumUser>().Where(e => e.State == EntityState.Modified
                     && e.Property(u => u.DisplayName).OriginalValue != e.Entity.DisplayName))
        {
            var userId = entry.Entity.Id;
            pending.Add(() => new AuthorRenamed(userId));
        }
        if (db is ForumDbContext forum)
        {
            pending.ForEach(forum.PendingEvents.Raise);
        }
    }

    private static IEnumerable<Func<ForumEvent>> ThemesChanged(DbContext db)
    {
        static bool Changed(EntityState state) => state is EntityState.Added or EntityState.Modified or EntityState.Deleted;
        // Read late: a new theme's id is given by the database; the same theme twice is one event (PendingEvents drops repeats).
        foreach (var entry in db.ChangeTracker.Entries<Theme>().Where(e => Changed(e.State)))
        {
            var theme = entry.Entity;
            yield return () => new ThemeChanged(theme.Id);
        }
        foreach (var entry in db.ChangeTracker.Entries<ThemeText>().Where(e => Changed(e.State)))
        {
            var text = entry.Entity;
            yield return () => new ThemeChanged(text.ThemeId);
        }
    }
}
