using System.Security.Claims;
using Forum.Core.Languages;
using Forum.Core.Time;
using Forum.Data;
using Forum.Synthesis.Summaries;
using Forum.Web.Authorization;
using Forum.Web.Phases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Web.Api;

public static class DraftSummariesApi
{
    public static IEndpointRouteBuilder MapDraftSummariesApi(this IEndpointRouteBuilder app)
    {
        var phase = app.MapGroup("/api/phases/{phaseId:int}/draft-summary").WithTags("Syntheses").RequireAuthorization(Policies.Moderator);
        phase.MapGet("/{language}", GetDraft).WithName("GetDraftSummary")
            .WithSummary("The automatic draft of a phase in one language: its most representative sentences, each linked to its contribution, and key terms.");
        phase.MapPost("/refresh", Refresh).WithName("RefreshDraftSummary")
            .WithSummary("Ask for the phase's drafts to be recomputed in the background now.");
        return app;
    }

    public sealed record DraftSentenceView(long ContributionId, string ContributionUrl, int SentenceIndex, string Text, double Score);

    public sealed record DraftView(
        int PhaseId, string Language, DraftStatus Status, DateTimeOffset? ComputedAt, int ContributionCount, int SampledContributions, int SentenceCount,
        IReadOnlyList<DraftSentenceView> Sentences, IReadOnlyList<KeyTerm> KeyTerms);

    internal static async Task<Ok<DraftView>> GetDraft(int phaseId, string language, ForumDbContext db, DraftSummaries drafts, ForumLanguages languages, ForumClock clock, ClaimsPrincipal user)
    {
        var code = languages.Require(language, "language");
        await PhaseAccess.RequireReadableAsync(db, phaseId, user);
        var stored = await drafts.ReadAsync(phaseId, code);
        var draft = stored.Draft;
        return TypedResults.Ok(new DraftView(phaseId, code, stored.Status, stored.ComputedAt is { } at ? clock.ToLocal(at) : null,
            stored.Available, draft.ContributionCount, draft.SentenceCount,
            draft.Sentences.Select(s => new DraftSentenceView(s.ContributionId, $"/api/contributions/{s.ContributionId}", s.SentenceIndex, s.Text, s.Score)).ToList(),
            draft.KeyTerms));
    }

    internal static async Task<Accepted> Refresh(int phaseId, ForumDbContext db, DraftSummaryWorker worker, ClaimsPrincipal user)
    {
        await PhaseAccess.RequireReadableAsync(db, phaseId, user);
        worker.Refresh(phaseId);
        return TypedResults.Accepted($"/api/phases/{phaseId}/draft-summary");
    }
}
