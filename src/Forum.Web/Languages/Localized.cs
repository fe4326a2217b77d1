namespace Forum.Web.Languages;

/// <summary>Which language a text is returned in, and whether the one asked for was missing.</summary>
public sealed record Localized(string Language, bool IsFallback, string OriginalLanguage, IReadOnlyList<string> AvailableLanguages);
