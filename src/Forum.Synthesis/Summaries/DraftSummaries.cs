using System.Diagnostics;
using System.Text.Json;
using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Languages;
using Forum.Core.Time;
using Forum.Synthesis.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Forum.Synthesis.Summaries;

public enum DraftStatus
{
    /// <summary>Computed from the phase as it is now.</summary>
    Ready,

    /// <summary>The phase changed since; a new draft is on its way.</summary>
    Stale,

    /// <summary>Not computed yet.</summary>
    Pending,
}

/// <param name="Available">How many contributions the phase has in the language; more than the draft read when it was sampled.</param>
public sealed record StoredDraft(DraftStatus Status, DateTime? ComputedAt, int Available, DraftSummaryResult Draft);

/// <summary>How long one language's draft took: reading its versions, then summarizing.</summary>
public sealed record DraftTiming(string Language, int Contributions, int Available, TimeSpan Reading, TimeSpan Summarizing);

/// <summary>Computes and stores a phase's draft summary per language, and reads it back with whether it is current.</summary>
public sealed class DraftSummaries(IForumData data, DraftSummarizer summarizer, ForumLanguages languages, ForumClock clock, ForumOptions options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<StoredDraft> ReadAsync(int phaseId, string language, CancellationToken cancellation = default)
    {
        var stored = await data.Db.Set<DraftSummaryRecord>().AsNoTracking()
            .FirstOrDefaultAsync(d => d.PhaseId == phaseId && d.Language == language, cancellation);
        if (stored is null)
        {
            return new StoredDraft(DraftStatus.Pending, null, 0, new DraftSummaryResult(language, 0, 0, [], []));
        }
        var revision = await RevisionAsync(phaseId, cancellation);
        var draft = JsonSerializer.Deserialize<DraftSummaryResult>(stored.Content, Json)!;
        return new StoredDraft(stored.Revision >= revision ? DraftStatus.Ready : DraftStatus.Stale, stored.ComputedAt, stored.ContributionCount, draft);
    }

    /// <summary>Whether any language's draft of the phase is missing or older than the phase's contributions.</summary>
    public async Task<bool> IsOutdatedAsync(int phaseId, CancellationToken cancellation = default)
    {
        var revision = await RevisionAsync(phaseId, cancellation);
        var current = await data.Db.Set<DraftSummaryRecord>().CountAsync(d => d.PhaseId == phaseId && d.Revision >= revision, cancellation);
        return current < languages.Codes.Count;
    }

    /// <summary>Recomputes every language's draft of the phase from its visible contributions and replies.</summary>
    public async Task<List<DraftTiming>> ComputeAsync(int phaseId, CancellationToken cancellation = default)
    {
        var timings = new List<DraftTiming>();
        var db = data.Db;
        // The revision is read first: a change made during the computation leaves the draft marked stale, and it runs again.
        var revision = await RevisionAsync(phaseId, cancellation);
        foreach (var language in languages.Codes)
        {
            var started = Stopwatch.GetTimestamp();
            var sources = new List<SummarySource>();
            var inLanguage = from v in db.Set<ContributionVersion>().AsNoTracking()
                             join c in db.Set<Contribution>().Where(Contribution.VisibleTo(isModerator: false)) on v.ContributionId equals c.Id
                             where c.PhaseId == phaseId && v.Language == language
                             select new { c.Id, v.Body };
            var available = await inLanguage.CountAsync(cancellation);
            // Every step-th contribution by id: an even sample across the whole phase, the same on every run.
            var step = (available + options.SummaryMaxContributions - 1) / options.SummaryMaxContributions;
            var versions = (step > 1 ? inLanguage.Where(r => r.Id % step == 0) : inLanguage).Select(r => new SummarySource(r.Id, r.Body));
            await foreach (var source in versions.AsAsyncEnumerable().WithCancellation(cancellation))
            {
                sources.Add(source);
            }
            var read = Stopwatch.GetElapsedTime(started);
            var draft = summarizer.Summarize(language, sources);
            timings.Add(new DraftTiming(language, draft.ContributionCount, available, read, Stopwatch.GetElapsedTime(started) - read));
            var content = JsonSerializer.Serialize(draft, Json);
            var record = await db.Set<DraftSummaryRecord>().FirstOrDefaultAsync(d => d.PhaseId == phaseId && d.Language == language, cancellation);
            if (record is null)
            {
                record = new DraftSummaryRecord { PhaseId = phaseId, Language = language, Content = content };
                db.Add(record);
            }
            record.Content = content;
            record.Revision = revision;
            record.ComputedAt = clock.UtcNow;
            record.ContributionCount = available;
            await db.SaveChangesAsync(cancellation);
        }
        return timings;
    }

    private Task<int> RevisionAsync(int phaseId, CancellationToken cancellation) =>
        data.Db.Set<StatisticTally>()
            .Where(t => t.Scope == TallyScope.Phase && t.ScopeId == phaseId && t.Kind == TallyKinds.Revision)
            .Select(t => t.Count).FirstOrDefaultAsync(cancellation);
}
