using System.Security.Claims;
using Forum.Web.Contributions;
using Forum.Web.Edits;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Web.Api;

/// <summary>Authors editing their versions for a while after writing them; moderators reading every text ever written.</summary>
public static class EditsApi
{
    public static IEndpointRouteBuilder MapEditsApi(this IEndpointRouteBuilder app)
    {
        var version = app.MapGroup("/api/contributions/{id:long}/versions/{language}").WithTags("Contributions");
        version.MapPut("/", EditVersion).WithName("EditVersion")
            .WithSummary("Replace the title and text of your own version while its edit window is open (send the version you read).")
            .RequireAuthorization(Policies.Participant);
        version.MapPut("/update", UpdateTranslation).WithName("UpdateTranslation")
            .WithSummary("Update a translation marked out of date (outdatedSince set) after its original changed: anyone who may write, "
                + "no edit window; the updater becomes its translator, the old text goes to its history, the mark is cleared "
                + "(the same text sent again confirms it). Send the version you read.")
            .RequireAuthorization(Policies.Participant);
        version.MapGet("/history", VersionHistory).WithName("VersionHistory")
            .WithSummary("Every text the version has had, oldest first, the current one last.").RequireAuthorization(Policies.Moderator);
        return app;
    }

    private static async Task<Ok<ContributionView>> EditVersion(long id, string language, VersionEdit input, EditService edits, ClaimsPrincipal user) =>
        TypedResults.Ok(await edits.EditAsync(id, language, input, user));

    private static async Task<Ok<ContributionView>> UpdateTranslation(long id, string language, VersionEdit input, EditService edits, ClaimsPrincipal user) =>
        TypedResults.Ok(await edits.UpdateTranslationAsync(id, language, input, user));

    private static async Task<Ok<VersionHistoryView>> VersionHistory(long id, string language, EditService edits) =>
        TypedResults.Ok(await edits.HistoryAsync(id, language));
}
