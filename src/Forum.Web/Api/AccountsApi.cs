using System.Security.Claims;
using Forum.Core.Errors;
using Forum.Data;
using Forum.Data.Accounts;
using Forum.Web.Accounts;
using Forum.Web.Authorization;
using Forum.Web.Caching;
using Forum.Web.Errors;
using Forum.Web.Input;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OutputCaching;

namespace Forum.Web.Api;

public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        // Register, log in (bearer token, or a cookie with ?useCookies=true), refresh: ASP.NET Core Identity's own endpoints.
        app.MapGroup("/api/account").WithTags("Account").RequireRateLimiting(Security.RateLimitPolicies.AccountPolicy)
            .AddEndpointFilter<RequiredFieldsFilter>().AddEndpointFilter<IdentityProblemRules>().AddEndpointFilter<SingleUseRefreshTokens>()
            .MapIdentityApi<ForumUser>();

        var account = app.MapGroup("/api/account").WithTags("Account");
        account.MapGet("/me", Me).WithName("Me").WithSummary("The signed-in user and their roles.").RequireAuthorization(Policies.Participant);
        account.MapPut("/profile", EditProfile).WithName("EditProfile").WithSummary("Change the name shown beside your contributions, or the language of the forum's messages to you.").RequireAuthorization(Policies.Participant);

        app.MapPut("/api/users/{email}/roles", SetRoles).WithTags("Account").WithName("SetRoles")
            .WithSummary("Give a user exactly these roles (participant, moderator, admin).").RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <param name="PreferredLanguage">The language of every message the forum sends this person.</param>
    /// <param name="EmailConfirmed">Whether the address is confirmed; with Forum:Accounts:RequireConfirmedEmail, needed to write.</param>
    public sealed record MeView(string Id, string? Email, string Name, IReadOnlyList<string> Roles, string PreferredLanguage, bool EmailConfirmed);

    /// <summary>Either or both: the shown name, the language of the forum's messages.</summary>
    public sealed record ProfileInput(string? DisplayName, string? PreferredLanguage = null);

    public sealed record RolesInput(List<string>? Roles);

    private static async Task<MeView> ViewOf(ForumUser user, UserManager<ForumUser> users, AccountMail mail) =>
        new(user.Id, user.Email, user.PublicName, (await users.GetRolesAsync(user)).Order().ToList(), mail.LanguageOf(user), user.EmailConfirmed);

    internal static async Task<Ok<MeView>> Me(ClaimsPrincipal principal, UserManager<ForumUser> users, AccountMail mail)
    {
        var user = await users.GetUserAsync(principal) ?? throw ForumException.NotFound("user", principal.Id());
        return TypedResults.Ok(await ViewOf(user, users, mail));
    }

    internal static async Task<Ok<MeView>> EditProfile(
        ProfileInput input, ClaimsPrincipal principal, UserManager<ForumUser> users, AccountMail mail, Core.Languages.ForumLanguages languages)
    {
        var user = await users.GetUserAsync(principal) ?? throw ForumException.NotFound("user", principal.Id());
        // A name is required unless only the language changes.
        if (input.DisplayName is not null || input.PreferredLanguage is null)
        {
            user.DisplayName = InputRules.RequiredText(input.DisplayName, "displayName", 80);
            if (user.DisplayName == ForumUser.DeletedName)
            {
                throw ForumException.Invalid("displayName", "account.name-reserved", $"'{ForumUser.DeletedName}' marks deleted accounts: choose another name.");
            }
        }
        if (input.PreferredLanguage is not null)
        {
            user.PreferredLanguage = languages.Require(input.PreferredLanguage.Trim().ToLowerInvariant(), "preferredLanguage");
        }
        // Cached lists show the old name beside everything this person wrote: the save's AuthorRenamed evicts them.
        await users.UpdateAsync(user);
        return TypedResults.Ok(await ViewOf(user, users, mail));
    }

    internal static async Task<Ok<MeView>> SetRoles(string email, RolesInput input, UserManager<ForumUser> users, AccountMail mail)
    {
        var wanted = input.Roles ?? throw ForumException.Invalid("roles", "roles.required", "Give the list of roles.");
        var unknown = wanted.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            throw ForumException.Invalid("roles", "roles.unknown", $"Unknown roles: {string.Join(", ", unknown)}. Roles are {string.Join(", ", Roles.All)}.");
        }
        var user = await users.FindByEmailAsync(email) ?? throw ForumException.NotFound("user", email);
        if (!wanted.Contains(Roles.Admin))
        {
            await LastAdmin.EnsureAnotherAsync(users, user, LastAdmin.Change.DropAdminRole);
        }
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current).Distinct());
        // Tickets issued before carry the old stamp: SecurityStampCheck refuses them from the next request on, so the new roles apply at once.
        await users.UpdateSecurityStampAsync(user);
        return TypedResults.Ok(await ViewOf(user, users, mail));
    }
}
