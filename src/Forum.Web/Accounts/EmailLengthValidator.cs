using Forum.Data.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Forum.Web.Accounts;

/// <summary>
/// An address is at most 254 characters (RFC 5321's path limit): Identity checks only its shape, and a longer
/// one would pass on SQLite but not fit SQL Server's 256-character column once normalized.
/// </summary>
public sealed class EmailLengthValidator : IUserValidator<ForumUser>
{
    public const int MaxLength = 254;

    public Task<IdentityResult> ValidateAsync(UserManager<ForumUser> manager, ForumUser user) =>
        Task.FromResult(user.Email is { Length: > MaxLength }
            ? IdentityResult.Failed(new IdentityError { Code = "EmailTooLong", Description = $"An e-mail address is at most {MaxLength} characters." })
            : IdentityResult.Success);
}
