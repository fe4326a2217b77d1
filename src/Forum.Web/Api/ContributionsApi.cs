using System.Security.Claims;
using Forum.Web.Contributions;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Web.Api;

public static class ContributionsApi
{
    public static IEndpointRouteBuilder MapContributionsApi(this IEndpointRouteBuilder app)
    {
        var phase = app.MapGroup("/api/phases/{phaseId:int}/contributions").WithTags("Contributions");
        phase.MapGet("/", ListContributions).WithName("ListContributions").CacheOutput(Caching.ContributionListCache.PolicyName)
            .WithSummary("Top-level contributions of a phase, newest first, paged by cursor; filter by available language.");
        phase.MapPost("/", PostContribution).WithName("PostContribution")
            .WithSummary("Post a contribution to an open phase.").RequireAuthorization(Policies.Participant);

        var api = app.MapGroup("/api/contributions/{id:long}").WithTags("Contributions");
        api.MapGet("/", GetContribution).WithName("GetContribution").WithSummary("A contribution with all its versions and replies.");
        api.MapPost("/replies", PostReply).WithName("PostReply")
            .WithSummary("Reply to a contribution while its phase is open.").RequireAuthorization(Policies.Participant);
        api.MapPost("/translations", AddTranslation).WithName("AddTranslation")
            .WithSummary("Add a version in another language, while the phase is open or after it closed.").RequireAuthorization(Policies.Participant);
        api.MapPost("/hide", HideContribution).WithName("HideContribution")
            .WithSummary("Hide a contribution from readers, with a reason.").RequireAuthorization(Policies.Moderator);
        api.MapPost("/restore", RestoreContribution).WithName("RestoreContribution")
            .WithSummary("Show a hidden contribution again, with a reason.").RequireAuthorization(Policies.Moderator);
        return app;
    }

    private static async Task<Results<Ok<ContributionPage>, ForbidHttpResult>> ListContributions(
        int phaseId, ContributionService contributions, ClaimsPrincipal user,
        string? language, string? lang, string? cursor, int? limit, string? order, bool includeHidden = false) =>
        await contributions.ListAsync(phaseId, user, language, lang, cursor, limit, order, includeHidden) is { } page
            ? TypedResults.Ok(page)
            : TypedResults.Forbid();

    private static async Task<Ok<ContributionView>> GetContribution(long id, ContributionService contributions, ClaimsPrincipal user) =>
        TypedResults.Ok((await contributions.ReadAsync(id, user)).View);

    private static async Task<Created<ContributionView>> PostContribution(int phaseId, ContributionInput input, ContributionService contributions, ClaimsPrincipal user) =>
        Created(await contributions.PostAsync(phaseId, input, user));

    private static async Task<Created<ContributionView>> PostReply(long id, VersionInput input, ContributionService contributions, ClaimsPrincipal user) =>
        Created(await contributions.ReplyAsync(id, input, user));

    private static async Task<Created<ContributionView>> AddTranslation(long id, VersionInput input, ContributionService contributions, ClaimsPrincipal user) =>
        TypedResults.Created($"/api/contributions/{id}", await contributions.TranslateAsync(id, input, user));

    private static async Task<Ok<ContributionView>> HideContribution(long id, ModerationInput input, ContributionService contributions, ClaimsPrincipal user) =>
        TypedResults.Ok(await contributions.HideAsync(id, input, user));

    private static async Task<Ok<ContributionView>> RestoreContribution(long id, ModerationInput input, ContributionService contributions, ClaimsPrincipal user) =>
        TypedResults.Ok(await contributions.RestoreAsync(id, input, user));

    private static Created<ContributionView> Created(ContributionView view) => TypedResults.Created($"/api/contributions/{view.Id}", view);
}
