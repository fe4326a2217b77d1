using System.Security.Claims;
using Forum.Web.Authorization;
using Forum.Web.Phases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Web.Api;

public static class PhasesApi
{
    public static IEndpointRouteBuilder MapPhasesApi(this IEndpointRouteBuilder app)
    {
        var themed = app.MapGroup("/api/themes/{slug}/phases").WithTags("Phases");
        themed.MapGet("/", ListPhases).WithName("ListPhases").WithSummary("Phases of a theme in order, with their state.");
        themed.MapPost("/", CreatePhase).WithName("CreatePhase").WithSummary("Add a phase to a theme.").RequireAuthorization(Policies.Moderator);

        var api = app.MapGroup("/api/phases/{id:int}").WithTags("Phases");
        api.MapGet("/", GetPhase).WithName("GetPhase").WithSummary("A phase with its state and dates in the forum's time zone.");
        api.MapPut("/", EditPhase).WithName("EditPhase").WithSummary("Edit a phase's texts and dates (send the version you read).").RequireAuthorization(Policies.Moderator);
        api.MapPost("/open", OpenPhase).WithName("OpenPhase").WithSummary("Open a scheduled phase now.").RequireAuthorization(Policies.Moderator);
        api.MapPost("/close", ClosePhase).WithName("ClosePhase").WithSummary("Close an open phase now.").RequireAuthorization(Policies.Moderator);
        api.MapPost("/reopen", ReopenPhase).WithName("ReopenPhase").WithSummary("Open a closed phase again until a date.").RequireAuthorization(Policies.Moderator);
        api.MapPost("/extend", ExtendPhase).WithName("ExtendPhase").WithSummary("Move a phase's closing date later.").RequireAuthorization(Policies.Moderator);
        api.MapGet("/audit", PhaseAudit).WithName("PhaseAudit").WithSummary("Moderator actions on this phase and its contributions.").RequireAuthorization(Policies.Moderator);
        return app;
    }

    internal static async Task<Ok<List<PhaseView>>> ListPhases(string slug, string? lang, PhaseService phases, ClaimsPrincipal user) =>
        TypedResults.Ok(await phases.ListAsync(slug, lang, user));

    internal static async Task<Ok<PhaseView>> GetPhase(int id, string? lang, PhaseService phases, ClaimsPrincipal user) =>
        TypedResults.Ok(await phases.ReadAsync(id, lang, user));

    internal static async Task<Created<PhaseView>> CreatePhase(string slug, PhaseInput input, PhaseService phases, ClaimsPrincipal user)
    {
        var phase = await phases.CreateAsync(slug, input, user);
        return TypedResults.Created($"/api/phases/{phase.Id}", phase);
    }

    internal static async Task<Ok<PhaseView>> EditPhase(int id, PhaseInput input, PhaseService phases, ClaimsPrincipal user) =>
        TypedResults.Ok(await phases.EditAsync(id, input, user));

    internal static async Task<Ok<PhaseView>> OpenPhase(int id, PhaseActionInput input, PhaseService phases, ClaimsPrincipal user) =>
        TypedResults.Ok(await phases.OpenAsync(id, input, user));

    internal static async Task<Ok<PhaseView>> ClosePhase(int id, PhaseActionInput input, PhaseService phases, ClaimsPrincipal user) =>
        TypedResults.Ok(await phases.CloseAsync(id, input, user));

    internal static async Task<Ok<PhaseView>> ReopenPhase(int id, PhaseActionInput input, PhaseService phases, ClaimsPrincipal user) =>
        TypedResults.Ok(await phases.ReopenAsync(id, input, user));

    internal static async Task<Ok<PhaseView>> ExtendPhase(int id, PhaseActionInput input, PhaseService phases, ClaimsPrincipal user) =>
        TypedResults.Ok(await phases.ExtendAsync(id, input, user));

    internal static async Task<Ok<List<AuditView>>> PhaseAudit(int id, PhaseService phases) =>
        TypedResults.Ok(await phases.AuditAsync(id));
}
