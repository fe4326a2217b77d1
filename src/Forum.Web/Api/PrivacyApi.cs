using System.Security.Claims;
using Forum.Core.Errors;
using Forum.Data.Accounts;
using Forum.Web.Accounts;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Api;

/// <summary>A participant's own data: download all of it, or delete the account.</summary>
public static class PrivacyApi
{
    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/api/account").WithTags("Account");
        account.MapGet("/data", DownloadData).WithName("DownloadMyData")
            .WithSummary("Everything the forum holds about you, as a JSON file: profile, contributions with all versions, translations, earlier texts, reports, synthesis texts, moderation actions.")
            .RequireAuthorization(Policies.Participant)
            // A whole account's history is a heavy read: as few a minute per address as log-ins.
            .RequireRateLimiting(Security.RateLimitPolicies.AccountPolicy);
        account.MapDelete("/", DeleteAccount).WithName("DeleteMyAccount")
            .WithSummary("Delete your account (your password in the body). Contributions stay as by a deleted user, or are removed, as the forum is configured.")
            .RequireAuthorization(Policies.Participant);
        return app;
    }

    public sealed record DeleteInput(string? Password);

    public sealed record DeletedView(string Mode, int ContributionsRemoved, int ContributionsKept, int TranslationsRemoved);

    internal static async Task<IResult> DownloadData(ClaimsPrincipal principal, UserManager<ForumUser> users, PersonalDataExport export)
    {
        var user = await users.GetUserAsync(principal) ?? throw ForumException.NotFound("user", principal.Id());
        var roles = (await users.GetRolesAsync(user)).Order().ToList();
        return Results.Stream(stream => export.WriteAsync(user, roles, stream, CancellationToken.None), "application/json; charset=utf-8", export.FileName);
    }

    internal static async Task<Ok<DeletedView>> DeleteAccount(
        [FromBody] DeleteInput? input, ClaimsPrincipal principal, AccountErasure erasure, Microsoft.Extensions.Options.IOptions<PrivacyOptions> privacy)
    {
        var outcome = await erasure.DeleteAsync(principal.Id(), input?.Password);
        return TypedResults.Ok(new DeletedView(privacy.Value.DeletedAccountContributions.ToString().ToLowerInvariant(),
            outcome.ContributionsRemoved, outcome.ContributionsKept, outcome.TranslationsRemoved));
    }
}
