using Forum.Core.Contributions;
using Forum.Data;
using Forum.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Contributions;

public sealed record VersionInput(string? Language, string? Title, string? Body);

/// <summary>A new contribution; with <see cref="ReplyTo"/> it answers a contribution of the same phase.</summary>
public sealed record ContributionInput(string? Language, string? Title, string? Body, long? ReplyTo);

public sealed record ModerationInput(string? Reason, Guid? Version);

public sealed record Author(string Id, string Name)
{
    /// <summary>
    /// A deleted account's id would tie together everything it wrote: each of its texts gets an id of
    /// its own instead, made from the text's public key (a contribution's id, a translation's language).
    /// </summary>
    public static Author Of(string userId, string name, bool deleted, string textKey) =>
        deleted ? new Author($"deleted-{textKey}", name) : new Author(userId, name);
}

/// <summary>The public names of the accounts behind some texts; <see cref="Of(string, string)"/> names one text's author.</summary>
public sealed class Authors(IReadOnlyDictionary<string, (string Name, bool Deleted)> people)
{
    public Author Of(string userId, string textKey) => Author.Of(userId, people[userId].Name, people[userId].Deleted, textKey);

    /// <summary>The author of a contribution, or of one of its versions: the original is by the contribution's author.</summary>
    public Author Of(Contribution c) => Of(c.AuthorId, TextKey(c));

    public Author Of(Contribution c, ContributionVersion v) => Of(v.AuthorId, TextKey(c, v.Language));

    public static string TextKey(Contribution c, string? language = null) =>
        language is null || language == c.OriginalLanguage ? c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{c.Id}-{language}";

    public static async Task<Authors> LoadAsync(ForumDbContext db, IEnumerable<string> ids)
    {
        var wanted = ids.Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.UserName, Deleted = u.DeletedAt != null }).ToListAsync();
        return new Authors(users.ToDictionary(u => u.Id, u => (ForumUser.PublicNameOf(u.DisplayName, u.UserName), u.Deleted)));
    }
}

/// <summary>
/// A version as readers see it; <see cref="EditedAt"/> says its author changed it since, the older texts being for moderators only.
/// <see cref="OutdatedSince"/>: a translation whose original was changed then, so that it may be out of date; null when up to date.
/// </summary>
public sealed record VersionView(
    string Language, bool IsOriginal, string? Title, string Body, string BodyHtml, Author Author, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? EditedAt,
    DateTimeOffset? OutdatedSince = null);

/// <summary>
/// The version shown in a list: the reader's language when there is one, else the original. <see cref="Excerpt"/>
/// is the start of a long text as plain text (null when the text is short enough to show whole).
/// </summary>
public sealed record ShownVersion(string Language, bool IsOriginal, bool IsFallback, string? Title, string BodyHtml, string? Excerpt, DateTimeOffset? EditedAt,
    DateTimeOffset? OutdatedSince = null);

/// <summary>A contribution in a list; <see cref="LastActivityAt"/> is its latest version, edit or visible reply.</summary>
public sealed record ContributionSummary(
    long Id, int PhaseId, long? ParentId, Author Author, string OriginalLanguage, IReadOnlyList<string> Languages,
    int ReplyCount, DateTimeOffset CreatedAt, bool IsHidden, ShownVersion Shown, DateTimeOffset LastActivityAt);

/// <summary>A page of the phase page's list, newest first, with the cursors of the newer and the older pages.</summary>
public sealed record ReadingPage(IReadOnlyList<ContributionSummary> Items, string? NewerCursor, string? OlderCursor);

/// <summary>The start of a rendered text as plain text, cut at a word, for lists that link to the whole text.</summary>
public static partial class Excerpt
{
    public const int Length = 300;

    /// <summary>Null when the whole text fits: the list then shows it as rendered.</summary>
    public static string? Of(string html)
    {
        var text = PlainText(html);
        if (text.Length <= Length)
        {
            return null;
        }
        var cut = text.LastIndexOf(' ', Length);
        var start = cut > Length / 2 ? text[..cut] : text[..Length];
        return start.TrimEnd(' ', ',', ';', ':', '.', '-', '–', '—') + "…";
    }

    /// <summary>The sanitized HTML's text only: tags become spaces, so nothing of the markup can reach a page.</summary>
    public static string PlainText(string html) =>
        Whitespace().Replace(System.Net.WebUtility.HtmlDecode(Tag().Replace(html, " ")), " ").Trim();

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]+>")]
    private static partial System.Text.RegularExpressions.Regex Tag();

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex Whitespace();
}

public sealed record HiddenInfo(string Reason, DateTimeOffset At, string ModeratorId);

public sealed record ContributionView(
    long Id, int PhaseId, long? ParentId, Author Author, string OriginalLanguage, IReadOnlyList<string> Languages,
    DateTimeOffset CreatedAt, IReadOnlyList<VersionView> Versions, IReadOnlyList<ContributionView> Replies,
    HiddenInfo? Hidden, Guid Version);

public sealed record ContributionPage(IReadOnlyList<ContributionSummary> Items, string? NextCursor);

/// <summary>A contribution read for a page: its view, and the stored contribution to ask what the reader may do with it.</summary>
public sealed record ContributionReading(ContributionView View, Contribution Contribution);
