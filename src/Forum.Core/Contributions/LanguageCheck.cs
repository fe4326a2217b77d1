using System.Text.RegularExpressions;
using Forum.Core.Errors;
using Forum.Core.Languages;

namespace Forum.Core.Contributions;

/// <summary>
/// Whether a written text confidently reads as another forum language than the one declared. Judged per
/// paragraph, so that a text with a paragraph in each language is never refused: it is refused only when no
/// paragraph long enough to judge reads as the declared language and the whole reads, confidently, as another.
/// </summary>
public sealed partial class LanguageCheck(ILanguageDetector detector, LanguageCheckOptions options)
{
    public const string MismatchRule = "language.mismatch";

    public bool Enabled => options.Enabled;

    /// <summary>The forum language the text reads as when it is not <paramref name="declared"/>; null when it is, or when it cannot be judged.</summary>
    public string? OtherLanguageOf(string declared, string? title, string body)
    {
        if (!options.Enabled)
        {
            return null;
        }
        var paragraphs = Paragraphs(title, body);
        var whole = string.Join("\n", paragraphs);
        if (WordCount(whole) < options.MinWords)
        {
            return null;
        }
        foreach (var paragraph in paragraphs.Where(p => WordCount(p) >= options.MinWords))
        {
            if (detector.Detect(paragraph) is { } found && found.Language == declared)
            {
                return null;
            }
        }
        return detector.Detect(whole) is { } detected && detected.Language != declared && detected.Confidence >= options.MinConfidence
            ? detected.Language
            : null;
    }

    /// <summary>
    /// Refuses a text that reads as another language, naming it, unless its writer confirmed the declared one;
    /// answers the language the detector heard when confirmed against it (kept on the version for moderators), else null.
    /// </summary>
    public string? Check(string declared, string? title, string body, bool confirmed)
    {
        if (OtherLanguageOf(declared, title, body) is not { } other)
        {
            return null;
        }
        if (confirmed)
        {
            return other;
        }
        throw new ForumException(FailureKind.Unprocessable, MismatchRule,
            $"This text reads as '{other}', not '{declared}'. Send it with language '{other}', or send \"languageConfirmed\": true to keep '{declared}'.",
            "language")
        {
            Arguments = new Dictionary<string, object> { ["detectedLanguage"] = other, ["declaredLanguage"] = declared },
        };
    }

    /// <summary>The text a person wrote, paragraph by paragraph, without what is not language: addresses, code, Markdown marks.</summary>
    private static List<string> Paragraphs(string? title, string body)
    {
        var prose = CodeBlocks().Replace(body, " ");
        prose = InlineCode().Replace(prose, " ");
        prose = Addresses().Replace(prose, " ");
        var paragraphs = BlankLines().Split(prose).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (!string.IsNullOrWhiteSpace(title))
        {
            paragraphs.Insert(0, title.Trim());
        }
        return paragraphs;
    }

    public static int WordCount(string text) => Words().Count(text);

    [GeneratedRegex(@"```.*?```|~~~.*?~~~", RegexOptions.Singleline)]
    private static partial Regex CodeBlocks();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\b\w+://\S+|\S+@\S+\.\w+|\]\([^)]*\)")]
    private static partial Regex Addresses();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\p{L}[\p{L}\p{M}'’-]*")]
    private static partial Regex Words();
}

/// <summary>Forum:LanguageCheck: the language check on writing (README, "Rules worth knowing"; the defaults are measured in bench/).</summary>
public sealed class LanguageCheckOptions
{
    /// <summary>Off: every text is taken in the language declared, and the detector is never loaded.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Texts with fewer words are not judged. At 12 words the low-accuracy detector reads 98.7% of the reference
    /// paragraphs' pieces right and is wrong with a confidence of 0.95 or more on 0.4% (bench/run.sh --language-check).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int MinWords { get; set; } = 12;

    /// <summary>How sure the detector must be that the text reads as another language before the writer is asked.</summary>
    [System.ComponentModel.DataAnnotations.Range(0.5, 1.0)]
    public double MinConfidence { get; set; } = 0.95;
}
