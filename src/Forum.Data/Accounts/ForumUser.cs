using Microsoft.AspNetCore.Identity;

namespace Forum.Data.Accounts;

public class ForumUser : IdentityUser
{
    /// <summary>Name shown beside contributions; when empty, the part of the e-mail address before '@'.</summary>
    public string? DisplayName { get; set; }

    public string PublicName => PublicNameOf(DisplayName, UserName);

    public static string PublicNameOf(string? displayName, string? userName) =>
        !string.IsNullOrWhiteSpace(displayName) ? displayName : (userName ?? "").Split('@')[0];
}
