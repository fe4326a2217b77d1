namespace Forum.Core.Languages;

/// <summary>A text picked for a reader: the requested language when it exists, else the original.</summary>
public readonly record struct Picked<T>(T Text, string Language, bool IsFallback);

public static class LocalizedText
{
    public static Picked<T> Pick<T>(IReadOnlyCollection<T> texts, Func<T, string> languageOf, string? requested, string original)
        where T : class
    {
        if (requested is not null && texts.FirstOrDefault(t => languageOf(t) == requested) is { } wanted)
        {
            return new Picked<T>(wanted, requested, false);
        }
        var fallback = texts.FirstOrDefault(t => languageOf(t) == original) ?? texts.First();
        return new Picked<T>(fallback, languageOf(fallback), requested is not null);
    }

    /// <summary>
    /// The order a reader meets a text's versions in: their own language first, then the original,
    /// then the others in the forum's order, so that the same contribution always reads the same way.
    /// </summary>
    public static IReadOnlyList<T> InReadingOrder<T>(
        IEnumerable<T> texts, Func<T, string> languageOf, string? reader, string original, IReadOnlyList<string> forumOrder)
    {
        int Rank(T text)
        {
            var language = languageOf(text);
            if (language == reader)
            {
                return -2;
            }
            if (language == original)
            {
                return -1;
            }
            for (var i = 0; i < forumOrder.Count; i++)
            {
                if (forumOrder[i] == language)
                {
                    return i;
                }
            }
            return forumOrder.Count;
        }
        return texts.OrderBy(Rank).ThenBy(languageOf, StringComparer.Ordinal).ToList();
    }
}
