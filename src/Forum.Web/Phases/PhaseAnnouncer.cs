using Forum.Core.Audit;
using Forum.Core.Events;
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
/// <see cref="PhaseAnnouncement"/> row, and only the instance that claimed it audits and announces it.
/// </summary>
public sealed class PhaseAnnouncer(ForumDbContext db, ForumClock clock, ForumMetrics metrics, IWorkLeases leases, ILogger<PhaseAnnouncer> logger)
{
    /// <summary>Announces every change this instance claims; returns the next instant of any phase's schedule, if one is ahead.</summary>
    public async Task<DateTime?> AnnounceChangesAsync(CancellationToken cancellation)
    {
        var phases = await db.Phases.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.ThemeId, p.OpensAt, p.ClosesAt }).ToListAsync(cancellation);
        var announced = await db.PhaseAnnouncements.AsNoTracking().ToDictionaryAsync(a => a.PhaseId, cancellation);
        var now = clock.UtcNow;
        foreach (var phase in phases)
        {
            var current = PhaseAnnouncement.Of(phase.Id, new PhaseSchedule(phase.OpensAt, phase.ClosesAt), now);
            var previous = announced.GetValueOrDefault(phase.Id);
            var change = current.ChangeSince(previous);
            if (change != PhaseChange.None)
            {
                await ClaimAndAnnounceAsync(phase.ThemeId, current, previous, change, now, cancellation);
            }
        }
        return phases.SelectMany(p => new[] { p.OpensAt, p.ClosesAt }).Where(t => t > now).Order().Cast<DateTime?>().FirstOrDefault();
    }

    private async Task ClaimAndAnnounceAsync(int themeId, PhaseAnnouncement current, PhaseAnnouncement? previous, PhaseChange change, DateTime now,
        CancellationToken cancellation)
    {
        // A new phase's row is inserted, and two inserts would make one fail loudly: its lease keeps them apart (without
        // Redis reachable they may still meet, and the loser's failed insert says it lost).
        var (free, lease) = previous is null ? await leases.TryTakeAsync($"phase-announcement:{current.PhaseId}", cancellation) : (true, null);
        if (!free)
        {
            return;
        }
        await using var held = lease;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        if (!await ClaimAsync(current, previous, cancellation))
        {
            // Another instance announced it (or a newer change) first.
            await transaction.RollbackAsync(cancellation);
            db.ChangeTracker.Clear();
            return;
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
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        db.ChangeTracker.Clear();
        if (previous is not null && previous.State != current.State)
        {
            metrics.PhaseTransition(current.State.ToString().ToLowerInvariant());
        }
        logger.LogInformation("Phase {Phase}: announced {Change} ({State}).", current.PhaseId, change, current.State);
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
