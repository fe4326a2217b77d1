using Forum.Core.Languages;

namespace Forum.Web.Languages;

/// <summary>Which language a text is returned in, and whether the one asked for was missing.</summary>
public sealed record Localized(string Language, bool IsFallback, string OriginalLanguage, IReadOnlyList<string> AvailableLanguages)
{
    /// <summary>The text shown to a reader asking for <paramref name="lang"/>, and the languages around it.</summary>
    internal static (T Text, Localized Localized) Pick<T>(IReadOnlyCollection<T> texts, Func<T, string> languageOf, string? lang, string original)
        where T : class
    {
        var picked = LocalizedText.Pick(texts, languageOf, lang, original);
        return (picked.Text, new Localized(picked.Language, picked.IsFallback, original, texts.Select(languageOf).Order().ToList()));
    }
}
