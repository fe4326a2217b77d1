using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Text;

namespace Forum.Core.Contributions;

/// <summary>Checks and builds the text of a contribution version: language, title and Markdown body.</summary>
public sealed class VersionText(ForumLanguages languages, ForumOptions options, MarkdownRenderer renderer)
{
    public ContributionVersion Create(string? language, string? title, string? body, bool titleRequired, string authorId, DateTime now)
    {
        var code = languages.Require(language, "language");
        var limits = options.Limits;
        TextRules.RefuseControlCharacters(title, "title");
        TextRules.RefuseControlCharacters(body, "body");
        var cleanTitle = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
        if (cleanTitle is null && titleRequired)
        {
            throw ForumException.Invalid("title", "title.required", "A title is required.");
        }
        if (cleanTitle is not null && cleanTitle.Length > limits.TitleMaxLength)
        {
            throw ForumException.Invalid("title", "title.too-long",
                $"A title has at most {limits.TitleMaxLength} characters; this one has {cleanTitle.Length}.");
        }
        if (string.IsNullOrWhiteSpace(body))
        {
            throw ForumException.Invalid("body", "body.required", "The text of the contribution is empty.");
        }
        var cleanBody = body.Trim();
        if (cleanBody.Length > limits.BodyMaxLength)
        {
            throw ForumException.Invalid("body", "body.too-long",
                $"A text has at most {limits.BodyMaxLength} characters; this one has {cleanBody.Length}.");
        }
        return new ContributionVersion
        {
            Language = code,
            Title = cleanTitle,
            Body = cleanBody,
            BodyHtml = renderer.ToSafeHtml(cleanBody, "body"),
            AuthorId = authorId,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
