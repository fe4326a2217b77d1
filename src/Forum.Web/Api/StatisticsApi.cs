using System.Security.Claims;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Phases;
using Forum.Data;
using Forum.Synthesis.Exports;
using Forum.Synthesis.Statistics;
using Forum.Web.Authorization;
using Forum.Web.Caching;
using Forum.Web.Input;
using Forum.Web.Phases;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Api;

public static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        var phase = app.MapGroup("/api/phases/{phaseId:int}").WithTags("Statistics");
        phase.MapGet("/statistics", PhaseStatistics).WithName("PhaseStatistics").CacheOutput(ContributionListCache.PolicyName)
            .WithSummary("A phase's contribution counts: by language combination (with the sentence in ?lang=), original language, coverage, translation backlog, per day.");
        phase.MapGet("/statistics/backlog", TranslationBacklog).WithName("TranslationBacklog")
            .WithSummary("Contributions not yet readable in ?language=, oldest first, paged by cursor; with ?state=outdated, those whose "
                + "translation in it may be out of date (its original changed since), longest out of date first, each with outdatedSince.");
        phase.MapGet("/export/statistics.{format}", ExportStatistics).WithName("ExportStatistics")
            .WithSummary("A phase's statistics as a file: csv or json.");
        app.MapGet("/api/themes/{slug}/statistics", ThemeStatistics).WithTags("Statistics").WithName("ThemeStatistics")
            .WithSummary("A theme's contribution counts across its phases.");
        app.MapPost("/api/admin/statistics/rebuild", Rebuild).WithTags("Statistics").WithName("RebuildStatistics")
            .WithSummary("Recount every statistic from the contributions themselves.").RequireAuthorization(Policies.Admin);
        return app;
    }

    public sealed record StatisticsView(
        string Scope, int Id, string Language, string Sentence, int Contributions, int Replies, int Contributors,
        IReadOnlyList<CombinationCount> Combinations, IReadOnlyList<LanguageCount> OriginalLanguages,
        IReadOnlyList<LanguageCoverage> Coverage, IReadOnlyList<DayCount> PerDay);

    /// <summary>A contribution in the backlog; <see cref="OutdatedSince"/> is set in the list of out-of-date translations.</summary>
    public sealed record BacklogItem(long Id, string OriginalLanguage, IReadOnlyList<string> Languages, string? Title, DateTimeOffset CreatedAt,
        DateTimeOffset? OutdatedSince = null);

    /// <summary><see cref="State"/>: "missing" (not readable in the language) or "outdated" (readable, its translation may be out of date).</summary>
    public sealed record BacklogPage(string Language, IReadOnlyList<BacklogItem> Items, string? NextCursor, string State = BacklogStates.Missing);

    public static class BacklogStates
    {
        public const string Missing = "missing";
        public const string Outdated = "outdated";
    }

    internal static async Task<Ok<StatisticsView>> PhaseStatistics(int phaseId, string? lang, StatisticsReader reader, ForumLanguages languages, LanguageSentences sentences, ClaimsPrincipal user)
    {
        var culture = PhaseAccess.Culture(lang, languages);
        var subject = Readable(await reader.ForPhaseAsync(phaseId), user, "phase", phaseId);
        return TypedResults.Ok(View(subject, culture, languages, sentences));
    }

    internal static async Task<Ok<StatisticsView>> ThemeStatistics(string slug, string? lang, StatisticsReader reader, ForumLanguages languages, LanguageSentences sentences, ClaimsPrincipal user)
    {
        var culture = PhaseAccess.Culture(lang, languages);
        var subject = Readable(await reader.ForThemeAsync(slug), user, "theme", slug);
        return TypedResults.Ok(View(subject, culture, languages, sentences));
    }

    internal static async Task<IResult> ExportStatistics(int phaseId, string format, StatisticsReader reader, ClaimsPrincipal user)
    {
        var statistics = Readable(await reader.ForPhaseAsync(phaseId), user, "phase", phaseId).Statistics;
        return format.ToLowerInvariant() switch
        {
            "json" => TypedResults.Json(statistics, contentType: "application/json; charset=utf-8"),
            "csv" => Results.Stream(stream => StatisticsExport.WriteCsvAsync(statistics, stream), "text/csv; charset=utf-8", $"phase-{phaseId}-statistics.csv"),
            _ => throw ForumException.Invalid("format", "export.format-unknown", "Statistics export as csv or json."),
        };
    }

    internal static async Task<Ok<BacklogPage>> TranslationBacklog(
        int phaseId, string? language, string? state, string? cursor, int? limit, ForumDbContext db, ForumLanguages languages, Core.Time.ForumClock clock, ClaimsPrincipal user)
    {
        var wanted = languages.Require(language, "language");
        var outdated = (state ?? BacklogStates.Missing).ToLowerInvariant() switch
        {
            BacklogStates.Missing => false,
            BacklogStates.Outdated => true,
            _ => throw ForumException.Invalid("state", "backlog.state-unknown", "state is 'missing' or 'outdated'."),
        };
        var size = InputRules.PageSize(limit);
        await PhaseAccess.RequireReadableAsync(db, phaseId, user);
        var (at, id) = cursor is not null ? Cursor.Decode(cursor) : (DateTime.MinValue, 0L);
        if (outdated)
        {
            return TypedResults.Ok(await OutdatedBacklogAsync(phaseId, wanted, at, id, size, db, clock));
        }
        var marked = "," + wanted + ",";
        var rows = await db.Contributions.AsNoTracking().Where(Contribution.VisibleTo(isModerator: false))
            .Where(c => c.PhaseId == phaseId && c.ParentId == null && !("," + c.Languages + ",").Contains(marked))
            .Where(c => c.CreatedAt >= at && (c.CreatedAt > at || c.Id > id))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Take(size + 1)
            .Select(c => new { c.Id, c.OriginalLanguage, c.Languages, c.CreatedAt, Title = c.Versions.Where(v => v.Language == c.OriginalLanguage).Select(v => v.Title).FirstOrDefault() })
            .ToListAsync();
        var items = rows.Take(size).Select(r => new BacklogItem(r.Id, r.OriginalLanguage, r.Languages.Split(','), r.Title, clock.ToLocal(r.CreatedAt))).ToList();
        var next = rows.Count > size ? Cursor.Encode(rows[size - 1].CreatedAt, rows[size - 1].Id) : null;
        return TypedResults.Ok(new BacklogPage(wanted, items, next));
    }

    /// <summary>Top-level contributions whose translation into <paramref name="language"/> may be out of date, longest first (keyset on the instant and the id).</summary>
    private static async Task<BacklogPage> OutdatedBacklogAsync(int phaseId, string language, DateTime at, long id, int size, ForumDbContext db, Core.Time.ForumClock clock)
    {
        var rows = await db.ContributionVersions.AsNoTracking().Where(ContributionVersion.Outdated)
            .Where(v => v.Language == language)
            .Join(db.Contributions.Where(Contribution.VisibleTo(isModerator: false)), v => v.ContributionId, c => c.Id, (v, c) => new { v, c })
            .Where(x => x.c.PhaseId == phaseId && x.c.ParentId == null)
            .Where(x => x.v.OutdatedSince >= at && (x.v.OutdatedSince > at || x.c.Id > id))
            .OrderBy(x => x.v.OutdatedSince).ThenBy(x => x.c.Id)
            .Take(size + 1)
            .Select(x => new
            {
                x.c.Id, x.c.OriginalLanguage, x.c.Languages, x.c.CreatedAt, OutdatedSince = x.v.OutdatedSince!.Value,
                Title = x.c.Versions.Where(o => o.Language == x.c.OriginalLanguage).Select(o => o.Title).FirstOrDefault(),
            })
            .ToListAsync();
        var items = rows.Take(size)
            .Select(r => new BacklogItem(r.Id, r.OriginalLanguage, r.Languages.Split(','), r.Title, clock.ToLocal(r.CreatedAt), clock.ToLocal(r.OutdatedSince)))
            .ToList();
        var next = rows.Count > size ? Cursor.Encode(rows[size - 1].OutdatedSince, rows[size - 1].Id) : null;
        return new BacklogPage(language, items, next, BacklogStates.Outdated);
    }

    /// <remarks>The rebuild announces every phase's statistics as changed, which evicts their cached pages.</remarks>
    internal static async Task<Ok<RebuildReport>> Rebuild(StatisticsRebuilder rebuilder) => TypedResults.Ok(await rebuilder.RebuildAllAsync());

    private static StatisticsSubject Readable(StatisticsSubject? subject, ClaimsPrincipal user, string what, object id) =>
        subject is null || !PhaseVisibility.CanRead(subject.IsPublished, user.IsModerator()) ? throw ForumException.NotFound(what, id) : subject;

    private static StatisticsView View(StatisticsSubject subject, string culture, ForumLanguages languages, LanguageSentences sentences)
    {
        var s = subject.Statistics;
        return new StatisticsView(subject.Scope.ToString().ToLowerInvariant(), subject.Id, culture, sentences.Statistics(s, culture, languages.Codes),
            s.Contributions, s.Replies, s.Contributors, s.Combinations, s.OriginalLanguages, s.Coverage, s.PerDay);
    }
}
