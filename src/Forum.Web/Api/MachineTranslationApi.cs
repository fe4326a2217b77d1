using System.Security.Claims;
using Forum.Web.Authorization;
using Forum.Web.MachineTranslation;
using Forum.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Web.Api;

public static class MachineTranslationApi
{
    public static IEndpointRouteBuilder MapMachineTranslationApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/contributions/{id:long}/machine-translation", ContributionTranslation).WithTags("Contributions")
            .WithName("MachineTranslateContribution")
            .WithSummary("A machine translation of a contribution into ?to=, marked as such; never stored. 409 machine-translation.disabled without a provider.");
        app.MapGet("/api/syntheses/{id:long}/machine-translation", SynthesisTranslation).WithTags("Syntheses")
            .WithName("MachineTranslateSynthesis")
            .WithSummary("A machine translation of a synthesis into ?to=, marked as such; never stored.");
        app.MapPost("/api/machine-translation/draft", Draft).WithTags("Machine translation").WithName("MachineTranslationDraft")
            .WithSummary("A Markdown draft of a contribution's or synthesis's translation into 'to', for a translator to review and save (machineAssisted: true).")
            .RequireAuthorization(Policies.Participant);
        return app;
    }

    private static async Task<Ok<MachineTranslationView>> ContributionTranslation(
        long id, string? to, MachineTranslationService service, ClaimsPrincipal user, HttpContext context) =>
        TypedResults.Ok(await service.ContributionAsync(id, to, user, ClientAddressKey.For(context), context.RequestAborted));

    private static async Task<Ok<MachineTranslationView>> SynthesisTranslation(
        long id, string? to, MachineTranslationService service, ClaimsPrincipal user, HttpContext context) =>
        TypedResults.Ok(await service.SynthesisAsync(id, to, user, ClientAddressKey.For(context), context.RequestAborted));

    private static async Task<Ok<MachineDraft>> Draft(MachineDraftRequest input, MachineTranslationService service, ClaimsPrincipal user, HttpContext context) =>
        TypedResults.Ok(await service.DraftAsync(input, user, ClientAddressKey.For(context), context.RequestAborted));
}
