using Forum.Core.Audit;
using Forum.Core.Events;
using Forum.Core.Notifications;
using Forum.Core.Phases;
using Forum.Core.Storage;
using Forum.Core.Telemetry;
using Forum.Core.Time;
using Forum.Data;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Phases;

/// <summary>
/// Announces what changed in the phases since readers were last told: a phase reaching an instant of its
/// schedule (audited as done by the schedule), a moderator's change of its dates, a new phase. Every
/// instance may look at once: each change is claimed by a conditional update of its phase's
/// <see cref="PhaseAnnouncement"/> row, and only the instance that claimed it audits and announces it. In the same
/// transaction it stores what readers and followers are told: the opening announcement (or the short notice of a
/// reopening or an extension) and the happenings the notification worker sends on; and, once per closing, the
/// "closes in 48 hours" reminder, claimed the same way. A phase of an unpublished theme is announced to no one.
/// </summary>
public sealed class PhaseAnnouncer(ForumDbContext db, ForumClock clock, ForumMetrics metrics, IWorkLeases leases, OpeningAnnouncements announcements,
    ILogger<PhaseAnnouncer> logger)
{
    /// <summary>Announces every change this instance claims; returns the next instant of any phase's schedule, if one is ahead.</summary>
    public async Task<DateTime?> AnnounceChangesAsync(CancellationToken cancellation)
    {
        var phases = await db.Phases.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.ThemeId, p.OpensAt, p.ClosesAt, p.CreatedAt, p.Theme!.IsPublished }).ToListAsync(cancellation);
        var announced = await db.PhaseAnnouncements.AsNoTracking().ToDictionaryAsync(a => a.PhaseId, cancellation);
        var now = clock.UtcNow;
        foreach (var phase in phases)
        {
            var current = PhaseAnnouncement.Of(phase.Id, new PhaseSchedule(phase.OpensAt, phase.ClosesAt), now);
            var previous = announced.GetValueOrDefault(phase.Id);
            var change = current.ChangeSince(previous);
            var told = true;
            if (change != PhaseChange.None)
            {
                var isNew = previous is null && phase.CreatedAt >= now - PhaseAnnouncement.NewPhaseWindow;
                told = await ClaimAndAnnounceAsync(phase.ThemeId, phase.IsPublished, isNew, current, previous, change, now, cancellation);
            }
            // The reminder follows what readers were told: only once this instance or another announced the phase as it is.
            if (told && phase.IsPublished && current.NeedsReminder(previous?.ReminderSentFor, now))
            {
                await ClaimReminderAsync(phase.ThemeId, current, now, cancellation);
            }
        }
        // Wake for the next opening, closing or reminder.
        return phases.SelectMany(p => new[] { p.OpensAt, p.ClosesAt, p.ClosesAt - PhaseAnnouncement.ReminderLead })
            .Where(t => t > now).Order().Cast<DateTime?>().FirstOrDefault();
    }

    /// <returns>Whether the change was claimed here (false: another instance announced it, or is announcing it).</returns>
    private async Task<bool> ClaimAndAnnounceAsync(int themeId, bool published, bool isNew, PhaseAnnouncement current, PhaseAnnouncement? previous,
        PhaseChange change, DateTime now, CancellationToken cancellation)
    {
        // A new phase's row is inserted, and two inserts would make one fail loudly: its lease keeps them apart (without
        // Redis reachable they may still meet, and the loser's failed insert says it lost).
        var (free, lease) = previous is null ? await leases.TryTakeAsync($"phase-announcement:{current.PhaseId}", cancellation) : (true, null);
        if (!free)
        {
            return false;
        }
        await using var held = lease;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        if (!await ClaimAsync(current, previous, cancellation))
        {
            // Another instance announced it (or a newer change) first.
            await transaction.RollbackAsync(cancellation);
            db.ChangeTracker.Clear();
            return false;
        }
        if (change == PhaseChange.ReachedInstant)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, ActorId = PhaseAnnouncement.ScheduleActor, Action = current.ScheduleAuditAction, ThemeId = themeId, PhaseId = current.PhaseId,
            });
        }
        db.PendingEvents.Raise(change == PhaseChange.Rescheduled
            ? new PhaseRescheduled(current.PhaseId, current.State, current.OpensAt, current.ClosesAt)
            : new PhaseStateChanged(current.PhaseId, current.State, current.OpensAt, current.ClosesAt));
        if (published)
        {
            // A moderator's change of dates is theirs: they are not told of it. Their audited action is the phase's latest.
            var actor = change == PhaseChange.ReachedInstant ? null : await db.AuditEntries.AsNoTracking()
                .Where(a => a.PhaseId == current.PhaseId && a.ActorId != PhaseAnnouncement.ScheduleActor)
                .OrderByDescending(a => a.Id).Select(a => a.ActorId).FirstOrDefaultAsync(cancellation);
            await TellAsync(themeId, current, previous, isNew, actor, now, cancellation);
        }
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        db.ChangeTracker.Clear();
        if (previous is not null && previous.State != current.State)
        {
            metrics.PhaseTransition(current.State.ToString().ToLowerInvariant());
        }
        logger.LogInformation("Phase {Phase}: announced {Change} ({State}).", current.PhaseId, change, current.State);
        return true;
    }

    /// <summary>Stores what the claimed change tells readers and followers: an announcement with its happening, or a closing's happening.</summary>
    private async Task TellAsync(int themeId, PhaseAnnouncement current, PhaseAnnouncement? previous, bool isNew, string? actor, DateTime now,
        CancellationToken cancellation)
    {
        var openedBefore = current.State == PhaseState.Open
            && await db.OpeningAnnouncements.AnyAsync(a => a.PhaseId == current.PhaseId && a.Kind == AnnouncementKind.Opened, cancellation);
        if (current.AnnouncementSince(previous, openedBefore, isNew) is { } kind)
        {
            var announcement = await announcements.ComposeAsync(current.PhaseId, kind, cancellation);
            db.OpeningAnnouncements.Add(announcement);
            // Saved now for its id, which the happening names; the transaction still holds both.
            await db.SaveChangesAsync(cancellation);
            Record(NotificationKind.PhaseOpened, themeId, current.PhaseId, now, announcement.Id, actor);
            db.PendingEvents.Raise(new AnnouncementPublished(announcement.Id, themeId, current.PhaseId));
        }
        else if (current.ClosedSince(previous))
        {
            Record(NotificationKind.PhaseClosed, themeId, current.PhaseId, now, null, actor);
        }
    }

    /// <summary>Records the "closes in 48 hours" reminder once per closing: the row must still announce this closing and no reminder for it.</summary>
    private async Task ClaimReminderAsync(int themeId, PhaseAnnouncement current, DateTime now, CancellationToken cancellation)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var closesAt = current.ClosesAt;
        var claimed = await db.PhaseAnnouncements
            .Where(a => a.PhaseId == current.PhaseId && a.State == PhaseState.Open && a.ClosesAt == closesAt
                && (a.ReminderSentFor == null || a.ReminderSentFor != closesAt))
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.ReminderSentFor, closesAt), cancellation) == 1;
        if (!claimed)
        {
            await transaction.RollbackAsync(cancellation);
            return;
        }
        Record(NotificationKind.PhaseClosingSoon, themeId, current.PhaseId, now, null, actor: null);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        db.ChangeTracker.Clear();
        logger.LogInformation("Phase {Phase}: closing reminder recorded for {ClosesAt:u}.", current.PhaseId, closesAt);
    }

    /// <summary>A happening for the notification worker; <paramref name="actor"/> is the moderator who moved the dates, null for the schedule.</summary>
    private void Record(NotificationKind kind, int themeId, int phaseId, DateTime now, long? announcementId, string? actor)
    {
        db.Happenings.Add(new Happening { Kind = kind, ThemeId = themeId, PhaseId = phaseId, AnnouncementId = announcementId, ActorId = actor, At = now });
        db.PendingEvents.Raise(new HappeningRecorded());
    }

    /// <summary>Compare-and-set on the phase's row: the row must still say what this instance read.</summary>
    private async Task<bool> ClaimAsync(PhaseAnnouncement current, PhaseAnnouncement? previous, CancellationToken cancellation)
    {
        if (previous is null)
        {
            if (await db.PhaseAnnouncements.AnyAsync(a => a.PhaseId == current.PhaseId, cancellation))
            {
                return false;
            }
            db.PhaseAnnouncements.Add(current);
            try
            {
                await db.SaveChangesAsync(cancellation);
                return true;
            }
            catch (DbUpdateException)
            {
                // The key is taken: another instance announced the new phase.
                return false;
            }
        }
        return await db.PhaseAnnouncements
            .Where(a => a.PhaseId == previous.PhaseId && a.State == previous.State && a.OpensAt == previous.OpensAt && a.ClosesAt == previous.ClosesAt)
            .ExecuteUpdateAsync(set => set
                .SetProperty(a => a.State, current.State)
                .SetProperty(a => a.OpensAt, current.OpensAt)
                .SetProperty(a => a.ClosesAt, current.ClosesAt), cancellation) == 1;
    }
}
