using Forum.Data.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Forum.Web.Authorization;

/// <summary>The authorization policies every mutating endpoint names. Reading needs none.</summary>
public static class Policies
{
    public const string Participant = "participant";
    public const string Moderator = "moderator";
    public const string Admin = "admin";

    /// <summary>Moderator pages: signed in by the browser's cookie, so that a visitor is sent to the log-in page rather than given a bare 401.</summary>
    public const string ModeratorPages = "moderator-pages";

    public static AuthorizationBuilder AddForumPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Participant, p => p.RequireAuthenticatedUser().RequireRole(Roles.Participant, Roles.Moderator, Roles.Admin))
        .AddPolicy(Moderator, p => p.RequireAuthenticatedUser().RequireRole(Roles.Moderator, Roles.Admin))
        .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
        .AddPolicy(ModeratorPages, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser().RequireRole(Roles.Moderator, Roles.Admin));
}
