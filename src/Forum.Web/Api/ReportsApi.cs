using System.Security.Claims;
using Forum.Web.Reports;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Web.Api;

/// <summary>
/// Participants report contributions; moderators work through the queue and hide or dismiss.
/// Who reported is shown to moderators only: no contribution view carries reports.
/// </summary>
public static class ReportsApi
{
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

    private static async Task<Created<OwnReportView>> FileReport(long id, ReportInput input, ReportService reports, ClaimsPrincipal user) =>
        TypedResults.Created((string?)null, await reports.FileAsync(id, input, user));

    private static async Task<Ok<ReportPage>> ListReports(ReportService reports, string? status, string? cursor, int? limit) =>
        TypedResults.Ok(await reports.ListAsync(status, cursor, limit));

    private static async Task<Ok<ReportView>> ResolveReport(long id, ResolveInput input, ReportService reports, ClaimsPrincipal user) =>
        TypedResults.Ok(await reports.ResolveAsync(id, input, user));
}
