using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Reports;
using Forum.Core.Time;
using Forum.Data;
using Forum.Web.Accounts;
using Forum.Web.Caching;
using Forum.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using static Forum.Web.Api.ContributionsApi;

namespace Forum.Web.Api;

/// <summary>
/// Participants report contributions; moderators work through the queue and hide or dismiss.
/// Who reported is shown to moderators only: no contribution view carries reports.
/// </summary>
public static partial class ReportsApi
{
    public const int ExcerptLength = 200;

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/contributions/{id:long}/reports", FileReport).WithTags("Reports").WithName("FileReport")
            .WithSummary("Report a contribution to the moderators, with a reason (spam, abuse, off-topic, personal-data, other) and an optional comment.")
            .RequireAuthorization(Policies.Participant);
        var reports = app.MapGroup("/api/reports").WithTags("Reports");
        reports.MapGet("/", ListReports).WithName("ListReports")
            .WithSummary("The moderation queue: reports with a status (open by default), oldest first, paged by cursor.")
            .RequireAuthorization(Policies.Moderator);
        reports.MapPost("/{id:long}/resolve", ResolveReport).WithName("ResolveReport")
            .WithSummary("Resolve a report: 'hide' hides the contribution and upholds all its open reports; 'dismiss' dismisses this report only.")
            .RequireAuthorization(Policies.Moderator);
        return app;
    }

    public sealed record ReportInput(string? Reason, string? Comment, string? Language);

    public sealed record ResolveInput(string? Action, string? Note);

    /// <summary>A report as its reporter sees it.</summary>
    public sealed record OwnReportView(long Id, long ContributionId, string Reason, string? Comment, DateTimeOffset CreatedAt, ReportStatus Status);

    public sealed record ReportedContribution(
        long Id, int PhaseId, long? ParentId, Author Author, string Language, string? Title, string Excerpt, bool IsHidden);

    public sealed record Resolution(string ById, DateTimeOffset At, string? Note);

    /// <summary>A report as moderators see it, with its contribution and how many reports of it are still open.</summary>
    public sealed record ReportView(
        long Id, string Reason, string? Comment, string? Language, DateTimeOffset CreatedAt, ReportStatus Status,
        Author Reporter, ReportedContribution Contribution, int OpenReports, Resolution? Resolution);

    public sealed record ReportPage(IReadOnlyList<ReportView> Items, string? NextCursor);

    internal static async Task<Created<OwnReportView>> FileReport(
        long id, ReportInput input, ForumDbContext db, ForumLanguages languages, ForumClock clock, ClaimsPrincipal user, ReportLimiter limiter)
    {
        limiter.Check(user);
        var (contribution, _) = await PhaseAccess.RequireReadableAsync(db, db.Contributions.AsNoTracking(), id, user);
        var reason = Report.ParseReason(input.Reason);
        if (input.Language is not null)
        {
            languages.Require(input.Language, "language");
        }
        var reporterId = user.Id();
        if (await AlreadyReportedAsync(db, id, reporterId))
        {
            throw Duplicate();
        }
        var report = Report.File(contribution, reporterId, reason, input.Comment, input.Language, clock.UtcNow);
        db.Reports.Add(report);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The unique index caught a second report sent at the same moment.
            db.ChangeTracker.Clear();
            if (await AlreadyReportedAsync(db, id, reporterId))
            {
                throw Duplicate();
            }
            throw;
        }
        return TypedResults.Created((string?)null,
            new OwnReportView(report.Id, report.ContributionId, report.ReasonCode, report.Comment, clock.ToLocal(report.CreatedAt), report.Status));
    }

    public static Task<bool> AlreadyReportedAsync(ForumDbContext db, long contributionId, string reporterId) =>
        db.Reports.AnyAsync(r => r.ContributionId == contributionId && r.ReporterId == reporterId);

    public static Task<int> OpenCountAsync(ForumDbContext db) => db.Reports.CountAsync(r => r.Status == ReportStatus.Open);

    private static ForumException Duplicate() =>
        ForumException.Conflict("report.duplicate", "You have already reported this contribution: the moderators have your report.");

    internal static async Task<Ok<ReportPage>> ListReports(ForumDbContext db, ForumClock clock, string? status, string? cursor, int? limit)
    {
        var wanted = status?.Trim().ToLowerInvariant() switch
        {
            null or "open" => ReportStatus.Open,
            "upheld" => ReportStatus.Upheld,
            "dismissed" => ReportStatus.Dismissed,
            _ => throw ForumException.Invalid("status", "report.status-unknown", "status is 'open', 'upheld' or 'dismissed'."),
        };
        var size = InputRules.PageSize(limit);
        var (at, after) = cursor is not null ? Cursor.Decode(cursor) : (DateTime.MinValue, long.MinValue);
        var rows = await db.Reports.AsNoTracking()
            .Where(r => r.Status == wanted)
            .Where(r => r.CreatedAt > at || (r.CreatedAt == at && r.Id > after))
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Take(size + 1)
            .ToListAsync();
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? Cursor.Encode(page[^1].CreatedAt, page[^1].Id) : null;
        return TypedResults.Ok(new ReportPage(await ViewsAsync(db, clock, page), next));
    }

    internal static async Task<Ok<ReportView>> ResolveReport(
        long id, ResolveInput input, ForumDbContext db, ForumOptions options, ForumClock clock, ClaimsPrincipal user, IOutputCacheStore cache)
    {
        var hide = input.Action?.Trim().ToLowerInvariant() switch
        {
            "hide" => true,
            "dismiss" => false,
            _ => throw ForumException.Invalid("action", "report.action-unknown", "action is 'hide' or 'dismiss'."),
        };
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : InputRules.RequiredText(input.Note, "note", options.Limits.ReasonMaxLength);
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == id) ?? throw ForumException.NotFound("report", id);
        var contribution = await db.Contributions.FirstAsync(c => c.Id == report.ContributionId);
        var phase = await db.Phases.AsNoTracking().FirstAsync(p => p.Id == contribution.PhaseId);
        var moderatorId = user.Id();
        var now = clock.UtcNow;
        if (hide)
        {
            report.Uphold(moderatorId, note, now);
            var others = await db.Reports.Where(r => r.ContributionId == contribution.Id && r.Status == ReportStatus.Open && r.Id != id).ToListAsync();
            others.ForEach(r => r.Uphold(moderatorId, note, now));
            // Hidden by other means already: the reports are upheld all the same, the hiding stays as it was.
            if (!contribution.IsHidden)
            {
                var reason = note ?? $"Reported: {report.ReasonCode}";
                contribution.Hide(reason, moderatorId, now);
                db.AuditEntries.Add(AuditOf(phase, contribution.Id, moderatorId, "contribution.hide", reason, now));
            }
            db.AuditEntries.Add(AuditOf(phase, contribution.Id, moderatorId, "report.uphold", note, now,
                $"Report {id} ({report.ReasonCode}); {others.Count + 1} open report(s) upheld."));
        }
        else
        {
            // Only this report: another reporter may have seen what this one did not.
            report.Dismiss(moderatorId, note, now);
            db.AuditEntries.Add(AuditOf(phase, contribution.Id, moderatorId, "report.dismiss", note, now, $"Report {id} ({report.ReasonCode}) dismissed."));
        }
        await db.SaveChangesAsync();
        if (hide)
        {
            await cache.EvictPhaseAsync(phase.Id);
        }
        return TypedResults.Ok((await ViewsAsync(db, clock, [report])).Single());
    }

    private sealed record ContributionRow(Contribution Contribution, string? Title, string BodyHtml);

    private static async Task<List<ReportView>> ViewsAsync(ForumDbContext db, ForumClock clock, IReadOnlyList<Report> reports)
    {
        var ids = reports.Select(r => r.ContributionId).Distinct().ToList();
        var contributions = await db.Contributions.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new ContributionRow(c,
                c.Versions.Where(v => v.Language == c.OriginalLanguage).Select(v => v.Title).FirstOrDefault(),
                c.Versions.Where(v => v.Language == c.OriginalLanguage).Select(v => v.BodyHtml).FirstOrDefault() ?? ""))
            .ToDictionaryAsync(row => row.Contribution.Id);
        var open = await db.Reports.AsNoTracking().Where(r => ids.Contains(r.ContributionId) && r.Status == ReportStatus.Open)
            .GroupBy(r => r.ContributionId).Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count);
        var people = await AuthorsAsync(db, reports.Select(r => r.ReporterId).Concat(contributions.Values.Select(c => c.Contribution.AuthorId)));
        return reports.Select(r =>
        {
            var row = contributions[r.ContributionId];
            var c = row.Contribution;
            return new ReportView(r.Id, r.ReasonCode, r.Comment, r.Language, clock.ToLocal(r.CreatedAt), r.Status, people.Of(r.ReporterId, $"report-{r.Id}"),
                new ReportedContribution(c.Id, c.PhaseId, c.ParentId, people.Of(c), c.OriginalLanguage, row.Title, Excerpt(row.BodyHtml), c.IsHidden),
                open.GetValueOrDefault(c.Id),
                r.ResolvedAt is { } at ? new Resolution(r.ResolvedById ?? "", clock.ToLocal(at), r.ResolutionNote) : null);
        }).ToList();
    }

    /// <summary>The start of a body as plain text, for a queue that moderators scan.</summary>
    private static string Excerpt(string html)
    {
        var text = Whitespace().Replace(WebUtility.HtmlDecode(Tag().Replace(html, " ")), " ").Trim();
        return text.Length <= ExcerptLength ? text : text[..ExcerptLength].TrimEnd() + "…";
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
