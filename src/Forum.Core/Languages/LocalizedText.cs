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
}
