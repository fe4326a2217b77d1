using Forum.Core.Errors;
using Forum.Data.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Forum.Web.Accounts;

/// <summary>
/// The forum always keeps an administrator: nobody could give roles otherwise. The only one may
/// neither delete their account nor lose the admin role until someone else has it.
/// </summary>
public static class LastAdmin
{
    public const string Rule = "account.last-admin";

    public enum Change
    {
        DeleteAccount,
        DropAdminRole,
    }

    /// <summary>Refuses (409) when <paramref name="user"/> is an administrator and no other account is.</summary>
    public static async Task EnsureAnotherAsync(UserManager<ForumUser> users, ForumUser user, Change change)
    {
        if (!await users.IsInRoleAsync(user, Roles.Admin) || (await users.GetUsersInRoleAsync(Roles.Admin)).Any(a => a.Id != user.Id && a.DeletedAt is null))
        {
            return;
        }
        throw ForumException.Conflict(Rule, change == Change.DeleteAccount
            ? "You are the forum's only administrator: give the admin role to someone else before deleting your account."
            : "This is the forum's only administrator: give the admin role to someone else before taking it away.");
    }
}
