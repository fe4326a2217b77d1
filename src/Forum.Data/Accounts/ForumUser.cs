using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity;

namespace Forum.Data.Accounts;

public class ForumUser : IdentityUser
{
    /// <summary>The name every deleted account shows, in the API; pages show it in their own language.</summary>
    public const string DeletedName = "[deleted]";

    /// <summary>Name shown beside contributions; when empty, the part of the e-mail address before '@'.</summary>
    public string? DisplayName { get; set; }

    /// <summary>When the account was created; empty for accounts older than this column.</summary>
    public DateTime? RegisteredAt { get; set; }

    /// <summary>
    /// When its owner deleted the account. The row stays, erased of personal data, so that what the
    /// account wrote keeps its author key; it can no longer sign in.
    /// </summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>
    /// The forum language every message to this person is written in: the page's language at registration,
    /// changed on the account page. Empty for accounts older than this column: the forum's first language.
    /// </summary>
    public string? PreferredLanguage { get; set; }

    /// <summary>
    /// The forum languages this person reads and writes, as <see cref="Forum.Core.Languages.ForumLanguages.Combination"/> text
    /// ("es,fr"): the translation desk opens on the pairs they make. Empty until chosen on the account page.
    /// </summary>
    public string? TranslationLanguages { get; set; }

    /// <summary>
    /// The name shown for an account: its display name, else its user name (its e-mail address) up to the '@'.
    /// One expression, so that a query can translate it (exports join it) and the code can run it.
    /// </summary>
    public static readonly Expression<Func<string?, string?, string>> PublicNameRule = (displayName, userName) =>
        !string.IsNullOrWhiteSpace(displayName) ? displayName
        : userName == null ? ""
        : userName.Contains("@") ? userName.Substring(0, userName.IndexOf("@")) : userName;

    private static readonly Func<string?, string?, string> CompiledPublicName = PublicNameRule.Compile();

    public string PublicName => PublicNameOf(DisplayName, UserName);

    public static string PublicNameOf(string? displayName, string? userName) => CompiledPublicName(displayName, userName);
}
