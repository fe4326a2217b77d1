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
        if (TextRules.IsBlank(value))
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

    /// <summary>
    /// The texts of a theme or phase form, per language (<see cref="PerLanguage"/>): a required title and a required
    /// second text named <paramref name="field"/> (a description, a question). They are brought into
    /// <paramref name="current"/> in place: rows are keyed by language, so they are updated, not replaced.
    /// </summary>
    public static void WriteTitledTexts<TInput, TText>(
        List<TText> current, Dictionary<string, TInput>? given, string originalLanguage, ForumLanguages languages, TextLimits limits,
        string field, Func<TInput, (string? Title, string? Text)> read, Func<TText, string> languageOf,
        Func<string, string, string, TText> create, Action<TText, string, string> write)
    {
        var wanted = PerLanguage(given, originalLanguage, languages).Select(t =>
        {
            var (title, text) = t.Value is null ? (null, null) : read(t.Value);
            return (Language: t.Key, Title: RequiredText(title, $"texts.{t.Key}.title", limits.TitleMaxLength),
                Text: RequiredText(text, $"texts.{t.Key}.{field}", limits.DescriptionMaxLength));
        }).ToList();
        current.RemoveAll(c => !wanted.Any(w => w.Language == languageOf(c)));
        foreach (var (language, title, text) in wanted)
        {
            if (current.FirstOrDefault(c => languageOf(c) == language) is { } existing)
            {
                write(existing, title, text);
            }
            else
            {
                current.Add(create(language, title, text));
            }
        }
    }
}
