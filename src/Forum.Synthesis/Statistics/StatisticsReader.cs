using Forum.Core.Languages;
using Forum.Core.Phases;
using Forum.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Forum.Synthesis.Statistics;

/// <summary>Where statistics apply, and whether readers outside the moderation team may see them.</summary>
public sealed record StatisticsSubject(TallyScope Scope, int Id, bool IsPublished, ContributionStatistics Statistics);

/// <summary>
/// Reads statistics from the tallies: two small queries (the phase or theme, then its tally rows),
/// whatever the number of contributions.
/// </summary>
public sealed class StatisticsReader(IForumData data, ForumLanguages languages, ForumClock clock)
{
    private sealed record PhaseRow(int ThemeId, bool IsPublished, DateTime OpensAt, DateTime ClosesAt);

    private static readonly Func<DbContext, int, Task<PhaseRow?>> PhaseById =
        EF.CompileAsyncQuery((DbContext db, int id) =>
            db.Set<Phase>().Where(p => p.Id == id).Select(p => new PhaseRow(p.ThemeId, p.Theme!.IsPublished, p.OpensAt, p.ClosesAt)).FirstOrDefault());

    private static readonly Func<DbContext, TallyScope, int, IAsyncEnumerable<ContributionStatistics.Row>> TalliesOf =
        EF.CompileAsyncQuery((DbContext db, TallyScope scope, int id) =>
            db.Set<StatisticTally>().Where(t => t.Scope == scope && t.ScopeId == id)
                .Select(t => new ContributionStatistics.Row(t.Kind, t.Item, t.Count)));

    public async Task<StatisticsSubject?> ForPhaseAsync(int phaseId, CancellationToken cancellation = default)
    {
        if (await PhaseById(data.Db, phaseId) is not { } phase)
        {
            return null;
        }
        var rows = await ReadAsync(TallyScope.Phase, phaseId, cancellation);
        return new StatisticsSubject(TallyScope.Phase, phaseId, phase.IsPublished,
            ContributionStatistics.FromTallies(rows, languages.Codes, DaysOf([(phase.OpensAt, phase.ClosesAt)])));
    }

    public async Task<StatisticsSubject?> ForThemeAsync(string slug, CancellationToken cancellation = default)
    {
        var theme = await data.Db.Set<Core.Themes.Theme>().AsNoTracking().Where(t => t.Slug == slug)
            .Select(t => new { t.Id, t.IsPublished, Phases = t.Phases.Select(p => new { p.OpensAt, p.ClosesAt }).ToList() })
            .FirstOrDefaultAsync(cancellation);
        if (theme is null)
        {
            return null;
        }
        var rows = await ReadAsync(TallyScope.Theme, theme.Id, cancellation);
        return new StatisticsSubject(TallyScope.Theme, theme.Id, theme.IsPublished,
            ContributionStatistics.FromTallies(rows, languages.Codes, DaysOf(theme.Phases.Select(p => (p.OpensAt, p.ClosesAt)))));
    }

    private async Task<List<ContributionStatistics.Row>> ReadAsync(TallyScope scope, int id, CancellationToken cancellation)
    {
        var rows = new List<ContributionStatistics.Row>();
        await foreach (var row in TalliesOf(data.Db, scope, id).WithCancellation(cancellation))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The days the phases have been open so far, in the forum's time zone; null before any opened.</summary>
    private (DateOnly, DateOnly)? DaysOf(IEnumerable<(DateTime OpensAt, DateTime ClosesAt)> phases)
    {
        var now = clock.UtcNow;
        var opened = phases.Where(p => p.OpensAt <= now).ToList();
        if (opened.Count == 0)
        {
            return null;
        }
        var first = clock.DayOf(opened.Min(p => p.OpensAt));
        var last = clock.DayOf(opened.Max(p => p.ClosesAt < now ? p.ClosesAt : now));
        // A phase left open for years would list thousands of empty days; the chart only needs the recent ones.
        return (last.DayNumber - first.DayNumber > MaxDays ? last.AddDays(-MaxDays) : first, last);
    }

    private const int MaxDays = 366;
}
