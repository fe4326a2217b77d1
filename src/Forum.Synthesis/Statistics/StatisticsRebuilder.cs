using System.Diagnostics;
using Forum.Core.Contributions;
using Forum.Core.Phases;
using Forum.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Forum.Synthesis.Statistics;

public sealed record RebuildReport(int Contributions, int TallyRows, int ContributorRows, TimeSpan Elapsed);

/// <summary>
/// Recounts every tally from the contributions themselves. Used when tallies are missing (a database
/// from before them, data loaded around the application) and to check the live bookkeeping.
/// </summary>
public sealed class StatisticsRebuilder(IForumData data, ForumClock clock)
{
    /// <summary>
    /// Whether contributions are stored without their tallies: none at all (a database from before statistics, or loaded
    /// around the app), or none of the newest kind (<see cref="TallyKinds.Desk"/>, which every visible contribution has) in
    /// a database counted before it existed.
    /// </summary>
    public async Task<bool> IsNeededAsync(CancellationToken cancellation = default) =>
        (!await data.Db.Set<StatisticTally>().AnyAsync(cancellation) && await data.Db.Set<Contribution>().AnyAsync(cancellation))
        || (!await data.Db.Set<StatisticTally>().AnyAsync(t => t.Kind == TallyKinds.Desk, cancellation)
            && await data.Db.Set<Contribution>().AnyAsync(c => c.ParentId == null && !c.IsHidden, cancellation));

    public async Task<RebuildReport> RebuildAllAsync(CancellationToken cancellation = default)
    {
        var watch = Stopwatch.StartNew();
        var db = data.Db;
        var dialect = TallyWriter.DialectOf(db);
        await using var transaction = await db.Database.BeginTransactionAsync(dialect.RebuildIsolation, cancellation);
        if (dialect.RebuildLock is { } rebuildLock)
        {
            await db.Database.ExecuteSqlRawAsync(rebuildLock, cancellation);
        }
        // Writing first takes SQLite's write lock before anything is read, so no post can slip between the count and the write.
        // Contributors before tallies, the order in which writers take them, so that a server database never sees the
        // rebuild and a post each holding what the other waits for.
        await db.Set<ContributorTally>().ExecuteDeleteAsync(cancellation);
        await db.Set<StatisticTally>().Where(t => t.Kind != TallyKinds.Revision).ExecuteDeleteAsync(cancellation);

        var themeOfPhase = await db.Set<Phase>().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.ThemeId, cancellation);
        var counts = new TallyChanges(clock.DayOf);
        var contributions = 0;
        var visible = db.Set<Contribution>().AsNoTracking().Where(Contribution.VisibleTo(isModerator: false))
            .Select(c => new ContributionFacts(c.PhaseId, c.ParentId != null, c.AuthorId, c.OriginalLanguage, c.Languages, c.CreatedAt, c.OutdatedLanguages));
        await foreach (var contribution in visible.AsAsyncEnumerable().WithCancellation(cancellation))
        {
            counts.Add(contribution, themeOfPhase[contribution.PhaseId], +1);
            contributions++;
        }

        var contributors = counts.Contributors.ToList();
        foreach (var scope in contributors.GroupBy(c => (c.Key.Scope, c.Key.ScopeId)))
        {
            counts.Count(new(scope.Key.Scope, scope.Key.ScopeId, TallyKinds.Contributors, ""), scope.Count());
        }
        var tallies = counts.Tallies.ToList();
        db.Set<StatisticTally>().AddRange(tallies.Select(t => new StatisticTally
        {
            Scope = t.Key.Scope, ScopeId = t.Key.ScopeId, Kind = t.Key.Kind, Item = t.Key.Item, Count = t.Value,
        }));
        db.Set<ContributorTally>().AddRange(contributors.Select(c => new ContributorTally
        {
            Scope = c.Key.Scope, ScopeId = c.Key.ScopeId, AuthorId = c.Key.AuthorId, Count = c.Value,
        }));
        await db.SaveChangesAsync(cancellation);
        db.ChangeTracker.Clear();

        // Everything derived from the tallies (draft summaries) is now stale.
        await db.Set<StatisticTally>().Where(t => t.Kind == TallyKinds.Revision).ExecuteUpdateAsync(s => s.SetProperty(t => t.Count, t => t.Count + 1), cancellation);
        var touched = new TallyChanges(clock.DayOf);
        foreach (var (phaseId, themeId) in themeOfPhase)
        {
            touched.Touch(phaseId, themeId);
        }
        var existing = await db.Set<StatisticTally>().Where(t => t.Kind == TallyKinds.Revision)
            .Select(t => new { t.Scope, t.ScopeId }).ToListAsync(cancellation);
        var missing = touched.Tallies.Where(t => !existing.Any(e => e.Scope == t.Key.Scope && e.ScopeId == t.Key.ScopeId)).ToList();
        db.Set<StatisticTally>().AddRange(missing.Select(t => new StatisticTally { Scope = t.Key.Scope, ScopeId = t.Key.ScopeId, Kind = TallyKinds.Revision, Item = "", Count = 1 }));
        await db.SaveChangesAsync(cancellation);
        db.ChangeTracker.Clear();
        foreach (var phaseId in themeOfPhase.Keys.Order())
        {
            data.PendingEvents.Raise(new StatisticsChanged(phaseId));
        }
        await transaction.CommitAsync(cancellation);
        return new RebuildReport(contributions, tallies.Count, contributors.Count, watch.Elapsed);
    }
}
