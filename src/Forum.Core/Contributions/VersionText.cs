using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Text;

namespace Forum.Core.Contributions;

/// <summary>Checks and builds the text of a contribution version: language, title and Markdown body.</summary>
public sealed class VersionText(ForumLanguages languages, ForumOptions options, MarkdownRenderer renderer, LanguageCheck? languageCheck = null)
{
    /// <summary>
    /// Checks every field before refusing, so that a form shows all that is wrong at once (an empty title and an
    /// empty body), each field's first fault only.
    /// Then, a text that reads as another forum language than declared is refused (<see cref="LanguageCheck"/>) unless
    /// <paramref name="languageConfirmed"/>, and a confirmed one keeps what the detector heard.
    /// </summary>
    public ContributionVersion Create(string? language, string? title, string? body, bool titleRequired, string authorId, DateTime now,
        bool languageConfirmed = false)
    {
        var failures = new List<ForumException>();
        var code = Collect(failures, () => languages.Require(language, "language"));
        var cleanTitle = Collect(failures, () => CheckTitle(title, titleRequired));
        var cleanBody = Collect(failures, () => CheckBody(body));
        var bodyHtml = cleanBody is null ? null : Collect(failures, () => renderer.ToSafeHtml(cleanBody, "body"));
        ForumException.ThrowIfAny(failures);
        var detected = languageCheck?.Check(code!, cleanTitle, cleanBody!, languageConfirmed);
        return new ContributionVersion
        {
            Language = code!,
            DetectedLanguage = detected,
            Title = cleanTitle,
            Body = cleanBody!,
            BodyHtml = bodyHtml!,
            AuthorId = authorId,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>A body as it would be shown once posted, refused by the same rules as a posted one (the page's preview).</summary>
    public string Preview(string? body) => renderer.ToSafeHtml(CheckBody(body), "body");

    private string? CheckTitle(string? title, bool titleRequired)
    {
        TextRules.RefuseControlCharacters(title, "title");
        TextRules.RefuseDirectionOverrides(title, "title");
        var cleanTitle = TextRules.IsBlank(title) ? null : title.Trim();
        if (cleanTitle is null && titleRequired)
        {
            throw ForumException.Invalid("title", "title.required", "A title is required.");
        }
        if (cleanTitle is not null && cleanTitle.Length > options.Limits.TitleMaxLength)
        {
            throw ForumException.Invalid("title", "title.too-long",
                $"A title has at most {options.Limits.TitleMaxLength} characters; this one has {cleanTitle.Length}.");
        }
        return cleanTitle;
    }

    private string CheckBody(string? body)
    {
        TextRules.RefuseControlCharacters(body, "body");
        if (TextRules.IsBlank(body))
        {
            throw ForumException.Invalid("body", "body.required", "The text of the contribution is empty.");
        }
        var cleanBody = body.Trim();
        if (cleanBody.Length > options.Limits.BodyMaxLength)
        {
            throw ForumException.Invalid("body", "body.too-long",
                $"A text has at most {options.Limits.BodyMaxLength} characters; this one has {cleanBody.Length}.");
        }
        return cleanBody;
    }

    private static T? Collect<T>(List<ForumException> failures, Func<T> check) where T : class?
    {
        try
        {
            return check();
        }
        catch (ForumException failure)
        {
            failures.Add(failure);
            return null;
        }
    }
}
