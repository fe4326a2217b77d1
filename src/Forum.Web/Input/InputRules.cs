using Forum.Core;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Text;

namespace Forum.Web.Input;

/// <summary>Checks shared by the moderator forms of themes and phases.</summary>
public static class InputRules
{
    public static string RequiredText(string? value, string field, int maxLength)
    {
        TextRules.RefuseControlCharacters(value, field);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ForumException.Invalid(field, "text.required", $"{field} is required.");
        }
        var text = value.Trim();
        if (text.Length > maxLength)
        {
            throw ForumException.Invalid(field, "text.too-long", $"{field} has at most {maxLength} characters; this one has {text.Length}.");
        }
        return text;
    }

    /// <summary>A text given per language must name only forum languages and include the original one.</summary>
    public static Dictionary<string, T> PerLanguage<T>(Dictionary<string, T>? texts, string originalLanguage, ForumLanguages languages)
    {
        if (texts is null || texts.Count == 0)
        {
            throw ForumException.Invalid("texts", "texts.required", "Give the texts in at least the original language.");
        }
        foreach (var language in texts.Keys)
        {
            languages.Require(language, $"texts.{language}");
        }
        if (!texts.ContainsKey(originalLanguage))
        {
            throw ForumException.Invalid("texts", "texts.original-missing", $"The texts must include the original language '{originalLanguage}'.");
        }
        return texts;
    }

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    /// <summary>The page size asked for, 1 to <see cref="MaxPageSize"/>, else the default.</summary>
    public static int PageSize(int? limit)
    {
        var size = limit ?? DefaultPageSize;
        return size is < 1 or > MaxPageSize
            ? throw ForumException.Invalid("limit", "paging.limit-out-of-range", $"limit is between 1 and {MaxPageSize}.")
            : size;
    }

    public static string Reason(string? reason, ForumOptions options) =>
        RequiredText(reason, "reason", options.Limits.ReasonMaxLength);

    /// <summary>An edit must name the version it was made from, so that a concurrent edit is not overwritten.</summary>
    public static Guid RequiredVersion(Guid? version) =>
        version ?? throw ForumException.Invalid("version", "version.required", "Send the version you read, to protect concurrent edits.");

    public static void CheckVersion(Guid current, Guid? expected, string what)
    {
        if (expected is not null && expected != current)
        {
            throw ForumException.StaleVersion(what);
        }
    }

    /// <summary>Brings per-language rows to the wanted set in place (rows are keyed by language, so they are updated, not replaced).</summary>
    public static void SyncTexts<T>(List<T> current, IReadOnlyList<T> wanted, Func<T, string> languageOf, Action<T, T> copy)
    {
        current.RemoveAll(c => !wanted.Any(w => languageOf(w) == languageOf(c)));
        foreach (var text in wanted)
        {
            var existing = current.FirstOrDefault(c => languageOf(c) == languageOf(text));
            if (existing is null)
            {
                current.Add(text);
            }
            else
            {
                copy(existing, text);
            }
        }
    }
}
