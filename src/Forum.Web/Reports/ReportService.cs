using System.Security.Claims;
using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Reports;
using Forum.Core.Time;
using Forum.Data;
using Forum.Web.Authorization;
using Forum.Web.Contributions;
using Forum.Web.Input;
using Forum.Web.Phases;
using Forum.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Reports;

/// <summary>
/// Participants report contributions; moderators work through the queue and hide or dismiss (ADR 5).
/// Who reported is shown to moderators only: no contribution view carries reports.
/// </summary>
public sealed class ReportService(ForumDbContext db, ForumLanguages languages, ForumOptions options, ForumClock clock, ReportLimiter limiter,
    Accounts.ConfirmedAddressRule addressRule)
{
    public const int ExcerptLength = 200;

    public async Task<OwnReportView> FileAsync(long id, ReportInput input, ClaimsPrincipal user)
    {
        await addressRule.EnsureMayWriteAsync(user);
        await limiter.CheckAsync(user);
        var (contribution, _) = await PhaseAccess.RequireReadableAsync(db, db.Contributions.AsNoTracking(), id, user);
        var reason = Report.ParseReason(input.Reason);
        if (input.Language is not null)
        {
            languages.Require(input.Language, "language");
        }
        var reporterId = user.Id();
        if (await AlreadyReportedAsync(id, reporterId))
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
            if (await AlreadyReportedAsync(id, reporterId))
            {
                throw Duplicate();
            }
            throw;
        }
        return new OwnReportView(report.Id, report.ContributionId, report.ReasonCode, report.Comment, clock.ToLocal(report.CreatedAt), report.Status);
    }

    public Task<bool> AlreadyReportedAsync(long contributionId, string reporterId) =>
        db.Reports.AnyAsync(r => r.ContributionId == contributionId && r.ReporterId == reporterId);

    public Task<int> OpenCountAsync() => db.Reports.CountAsync(r => r.Status == ReportStatus.Open);

    private static ForumException Duplicate() =>
        ForumException.Conflict("report.duplicate", "You have already reported this contribution: the moderators have your report.");

    /// <summary>The moderation queue: reports with a status (open by default), oldest first, paged by cursor.</summary>
    public async Task<ReportPage> ListAsync(string? status, string? cursor, int? limit)
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
            .Where(r => r.CreatedAt >= at && (r.CreatedAt > at || r.Id > after))
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Take(size + 1)
            .ToListAsync();
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? Cursor.Encode(page[^1].CreatedAt, page[^1].Id) : null;
        return new ReportPage(await ViewsAsync(page), next);
    }

    /// <summary>Hides the contribution and upholds its open reports, or dismisses this report only; audited either way.</summary>
    public async Task<ReportView> ResolveAsync(long id, ResolveInput input, ClaimsPrincipal user)
    {
        var action = Report.ParseAction(input.Action);
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : InputRules.RequiredText(input.Note, "note", options.Limits.ReasonMaxLength);
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == id) ?? throw ForumException.NotFound("report", id);
        var contribution = await db.Contributions.FirstAsync(c => c.Id == report.ContributionId);
        var phase = await db.Phases.AsNoTracking().FirstAsync(p => p.Id == contribution.PhaseId);
        var others = action == ReportAction.Hide
            ? await db.Reports.Where(r => r.ContributionId == contribution.Id && r.Status == ReportStatus.Open && r.Id != id).ToListAsync()
            : [];
        var moderatorId = user.Id();
        var now = clock.UtcNow;
        var resolution = report.Resolve(action, contribution, others, moderatorId, note, now);
        if (resolution.HidingReason is { } reason)
        {
            db.AuditEntries.Add(ContributionService.AuditOf(phase, contribution.Id, moderatorId, "contribution.hide", reason, now));
        }
        db.AuditEntries.Add(action == ReportAction.Hide
            ? ContributionService.AuditOf(phase, contribution.Id, moderatorId, "report.uphold", note, now,
                $"Report {id} ({report.ReasonCode}); {resolution.Upheld} open report(s) upheld.")
            : ContributionService.AuditOf(phase, contribution.Id, moderatorId, "report.dismiss", note, now, $"Report {id} ({report.ReasonCode}) dismissed."));
        await db.SaveChangesAsync();
        return (await ViewsAsync([report])).Single();
    }

    private sealed record ContributionRow(Contribution Contribution, string? Title, string BodyHtml);

    private async Task<List<ReportView>> ViewsAsync(IReadOnlyList<Report> reports)
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
        var people = await Authors.LoadAsync(db, reports.Select(r => r.ReporterId).Concat(contributions.Values.Select(c => c.Contribution.AuthorId)));
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
    internal static string Excerpt(string html)
    {
        var text = Contributions.Excerpt.PlainText(html);
        return text.Length <= ExcerptLength ? text : text[..ExcerptLength].TrimEnd() + "…";
    }
}
