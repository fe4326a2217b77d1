using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Forum.Synthesis.Summaries;

/// <summary>
/// The Lucene side of the summarizer: which analyzer stems each language, and how to recover from
/// a token's original text the word the analyzer stemmed (lower-cased, without elision or possessive).
/// </summary>
internal static class TextAnalysis
{
    public const string English = "en";
    public const string French = "fr";
    public const string Spanish = "es";

    // EnglishAnalyzer's default list is tiny (no "we", "our", "could"...), while the French and Spanish
    // analyzers already use Snowball's full lists: take Lucene's Snowball list for English too.
    private static readonly CharArraySet EnglishStopWords = WordlistLoader.GetSnowballWordSet(
            IOUtils.GetDecodingReader(typeof(SnowballFilter), "english_stop.txt", Encoding.UTF8),
            LuceneVersion.LUCENE_48)
        .AsReadOnly();

    public static bool TryNormalizeLanguage(string? language, out string normalized)
    {
        normalized = language?.Trim().ToLowerInvariant() ?? string.Empty;
        return normalized is English or French or Spanish;
    }

    /// <summary>
    /// A new analyzer: its token stream components are cached per thread and a stream must not be
    /// consumed by two threads at once, so each unit of work gets its own.
    /// </summary>
    public static Analyzer CreateAnalyzer(string language) => language switch
    {
        English => new EnglishAnalyzer(LuceneVersion.LUCENE_48, EnglishStopWords),
        French => new FrenchAnalyzer(LuceneVersion.LUCENE_48),
        Spanish => new SpanishAnalyzer(LuceneVersion.LUCENE_48),
        _ => throw new ArgumentException($"Unsupported language '{language}'.", nameof(language)),
    };

    /// <summary>
    /// Lower-cases <paramref name="original"/> (the token's text found through its offsets) into
    /// <paramref name="buffer"/> and removes what the analyzer's own filters remove before stemming:
    /// the French elided article (l', d', qu'…) and the English possessive ('s).
    /// </summary>
    public static ReadOnlySpan<char> SurfaceForm(string language, ReadOnlySpan<char> original, char[] buffer)
    {
        var length = Math.Min(original.Length, buffer.Length);
        var lower = buffer.AsSpan(0, length);
        original[..length].ToLowerInvariant(lower);

        if (language == French)
        {
            var apostrophe = lower.IndexOfAny('\'', '\u2019');
            if (apostrophe > 0 && FrenchAnalyzer.DEFAULT_ARTICLES.Contains(buffer, 0, apostrophe))
            {
                return lower[(apostrophe + 1)..];
            }
        }
        else if (language == English && lower.Length > 2 && lower[^1] == 's' && lower[^2] is '\'' or '\u2019' or '\uFF07')
        {
            return lower[..^2];
        }

        return lower;
    }

    /// <summary>Key terms skip numbers and stems too short to mean anything on their own.</summary>
    public static bool CanBeKeyTerm(string stem)
    {
        if (stem.Length < 3)
        {
            return false;
        }

        foreach (var c in stem)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }
}
