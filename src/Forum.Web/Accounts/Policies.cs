using Forum.Data.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Forum.Web.Accounts;

/// <summary>The authorization policies every mutating endpoint names. Reading needs none.</summary>
public static class Policies
{
    public const string Participant = "participant";
    public const string Moderator = "moderator";
    public const string Admin = "admin";

    public static AuthorizationBuilder AddForumPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Participant, p => p.RequireAuthenticatedUser().RequireRole(Roles.Participant, Roles.Moderator, Roles.Admin))
        .AddPolicy(Moderator, p => p.RequireAuthenticatedUser().RequireRole(Roles.Moderator, Roles.Admin))
        .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
}
