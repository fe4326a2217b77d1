using Forum.Core.Reports;
using Forum.Web.Contributions;

namespace Forum.Web.Reports;

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
