using System.Security.Claims;
using Forum.Core.Errors;
using Forum.Data;
using Forum.Synthesis.Exports;
using Forum.Web.Authorization;
using Forum.Web.Phases;

namespace Forum.Web.Api;

public static class ExportsApi
{
    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/phases/{phaseId:int}/export/contributions.{format}", ExportContributions).WithTags("Exports").WithName("ExportContributions")
            .WithSummary("A phase's visible contributions with all their versions, streamed as csv (Excel-ready), json or md.")
            .RequireAuthorization(Policies.Moderator);
        return app;
    }

    internal static async Task<IResult> ExportContributions(int phaseId, string format, ForumDbContext db, PhaseExport export, ClaimsPrincipal user)
    {
        if (!PhaseExport.Extensions.TryGetValue(format, out var kind))
        {
            throw ForumException.Invalid("format", "export.format-unknown", "Contributions export as csv, json or md.");
        }
        await PhaseAccess.RequireReadableAsync(db, phaseId, user);
        return Results.Stream(stream => export.WriteAsync(phaseId, kind, stream), PhaseExport.ContentType(kind), $"phase-{phaseId}-contributions.{format.ToLowerInvariant()}");
    }
}
