using System.Security.Claims;
using Forum.Core.Languages;
using Forum.Web.Authorization;
using Forum.Web.Contributions;
using Forum.Web.Translation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Web.Api;

public static class TranslationDeskApi
{
    public static IEndpointRouteBuilder MapTranslationDeskApi(this IEndpointRouteBuilder app)
    {
        var desk = app.MapGroup("/api/translation").WithTags("Translation desk").RequireAuthorization(Policies.Participant);
        desk.MapGet("/desk", Desk).WithName("TranslationDesk")
            .WithSummary("What lacks a language or is stale in it, oldest first: ?phaseId=, ?pair=fr-es (else your languages' pairs), ?cursor=, ?limit=, ?lang= for titles; counts per pair (missing and to update).");
        desk.MapGet("/claims", ListClaims).WithName("ListTranslationClaims")
            .WithSummary("Live claims (\"being translated by …\"), oldest first; ?mine=true for yours.");
        desk.MapPost("/claims", Claim).WithName("ClaimTranslation")
            .WithSummary("Claim a contribution or a synthesis in a language it lacks, or whose translation there may be out of date, before translating it; 409 translation.claimed names who holds it.");
        desk.MapDelete("/claims/{item}/{id:long}/{language}", Release).WithName("ReleaseTranslationClaim")
            .WithSummary("Give back your claim (cancelling).");
        desk.MapPost("/{item}/{id:long}/{language}", Save).WithName("SaveDeskTranslation")
            .WithSummary("Save a translation written on the desk (a contribution or a published synthesis lacking the language, or the update of its stale one); 422 language.mismatch unless languageConfirmed; releases the claim.");

        var account = app.MapGroup("/api/account").WithTags("Account").RequireAuthorization(Policies.Participant);
        account.MapGet("/languages", GetLanguages).WithName("GetAccountLanguages").WithSummary("The languages you read and write, for the translation desk.");
        account.MapPut("/languages", SetLanguages).WithName("SetAccountLanguages").WithSummary("Set the languages you read and write (an empty list clears them).");
        return app;
    }

    public sealed record ClaimInput(string? Item, long? Id, string? Language);

    /// <param name="LanguageConfirmed">Keep the language though the text reads as another forum language (else 422 language.mismatch).</param>
    /// <param name="MachineAssisted">Written from a machine translation draft and reviewed.</param>
    /// <param name="Version">For an update of a stale translation: the item's version as read, so that a change meanwhile answers 409.</param>
    public sealed record DeskTranslationInput(string? Title, string? Body, bool? LanguageConfirmed = null, bool? MachineAssisted = null, Guid? Version = null)
    {
        public DeskText ToText() => new(Title, Body, LanguageConfirmed == true, MachineAssisted == true, Version);
    }

    public sealed record LanguagesInput(List<string?>? Languages);

    public sealed record LanguagesView(IReadOnlyList<string> Languages);

    public sealed record SynthesisTranslated(long Id, int PhaseId, int Number, IReadOnlyList<string> Languages);

    internal static async Task<Ok<DeskPage>> Desk(int? phaseId, string? pair, string? cursor, int? limit, string? lang, TranslationDesk desk, ForumLanguages languages, ClaimsPrincipal user) =>
        TypedResults.Ok(await desk.PageAsync(user, phaseId, pair, cursor, limit, Phases.PhaseAccess.Culture(lang, languages)));

    internal static async Task<Ok<List<ClaimView>>> ListClaims(bool? mine, TranslationDesk desk, ClaimsPrincipal user) =>
        TypedResults.Ok(await desk.ClaimsAsync(user, mine == true));

    internal static async Task<Created<ClaimView>> Claim(ClaimInput input, TranslationDesk desk, ClaimsPrincipal user)
    {
        var id = input.Id ?? throw Core.Errors.ForumException.Invalid("id", "translation.id-required", "Name the item's id.");
        var claim = await desk.ClaimAsync(input.Item, id, input.Language, user);
        return TypedResults.Created($"/api/translation/claims/{claim.Item}/{claim.Id}/{claim.Language}", claim);
    }

    internal static async Task<NoContent> Release(string item, long id, string language, TranslationDesk desk, ClaimsPrincipal user)
    {
        await desk.ReleaseAsync(item, id, language, user);
        return TypedResults.NoContent();
    }

    internal static async Task<IResult> Save(string item, long id, string language, DeskTranslationInput input, TranslationDesk desk, ClaimsPrincipal user)
    {
        if (TranslationDesk.KindOf(item) == Core.Translation.TranslationItemKind.Contribution)
        {
            ContributionView saved = await desk.SaveContributionAsync(id, language, input.ToText(), user);
            return TypedResults.Created($"/api/contributions/{id}", saved);
        }
        var synthesis = await desk.SaveSynthesisAsync(id, language, input.ToText(), user);
        return TypedResults.Created($"/api/syntheses/{id}", new SynthesisTranslated(synthesis.Id, synthesis.PhaseId, synthesis.Number, synthesis.Languages));
    }

    internal static async Task<Ok<LanguagesView>> GetLanguages(TranslationDesk desk, ClaimsPrincipal user) =>
        TypedResults.Ok(new LanguagesView(await desk.LanguagesOfAsync(user)));

    internal static async Task<Ok<LanguagesView>> SetLanguages(LanguagesInput input, TranslationDesk desk, ClaimsPrincipal user) =>
        TypedResults.Ok(new LanguagesView(await desk.SetLanguagesAsync(user, input.Languages)));
}
