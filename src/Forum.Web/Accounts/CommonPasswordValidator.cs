using System.Collections.Frozen;
using Forum.Data.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Forum.Web.Accounts;

/// <summary>
/// Refuses the passwords that are tried first: the 49,233 most common ones of zxcvbn's list
/// (CommonPasswords/common-passwords.txt, MIT, see its LICENSE.txt), compared without case. NIST SP
/// 800-63B asks for such a list and for length instead of composition rules.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ForumUser>
{
    public const string Code = "PasswordCommon";

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public static int Count => Common.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<ForumUser> manager, ForumUser user, string? password) =>
        Task.FromResult(password is not null && Common.Value.Contains(password.Trim())
            ? IdentityResult.Failed(new IdentityError { Code = Code, Description = "This password is among the most common ones, which are tried first: choose another." })
            : IdentityResult.Success);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Forum.Web.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line);
            }
        }
        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
