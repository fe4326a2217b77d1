using System.Globalization;
using Forum.Core.Localization;
using Humanizer;

namespace Forum.Synthesis.Statistics;

/// <summary>
/// Sentences about languages in the reader's language: the statistics sentence of a phase
/// ("29 contributions in total: 7 in three languages, 4 in French and English, …") and the
/// "available in" line of a synthesis. Templates come from localization/; the few grammar rules
/// that templates cannot express (plural of zero, Spanish "y" → "e") are here.
/// </summary>
public sealed class LanguageSentences(UiTexts texts)
{
    /// <param name="final">The phase is closed: the count is the final one, so nothing is "yet" to come.</param>
    public string Statistics(ContributionStatistics statistics, string culture, IReadOnlyList<string> forumLanguages, bool final = false)
    {
        if (statistics.Contributions == 0)
        {
            return texts.Get(culture, final ? "stats.sentence.none.final" : "stats.sentence.none");
        }
        var total = Format(culture, IsSingular(culture, statistics.Contributions) ? "stats.sentence.total.one" : "stats.sentence.total.other", Number(culture, statistics.Contributions));
        var parts = statistics.Combinations.Select(c => Part(c, culture, forumLanguages));
        return Format(culture, "stats.sentence.breakdown", total, string.Join(texts.Get(culture, "list.separator"), parts));
    }

    /// <summary>"Available in French only", "Available in French and English".</summary>
    public string AvailableIn(IReadOnlyList<string> languages, string culture) =>
        languages.Count == 1
            ? Format(culture, "languages.available.only", Names(languages, culture))
            : Format(culture, "languages.available.some", Names(languages, culture));

    private string Part(CombinationCount combination, string culture, IReadOnlyList<string> forumLanguages)
    {
        var count = Number(culture, combination.Count);
        var everyLanguage = combination.Languages.Count >= 3 && forumLanguages.All(combination.Languages.Contains);
        return everyLanguage
            ? Format(culture, "stats.sentence.every-language", count, combination.Languages.Count.ToWords(CultureInfo.GetCultureInfo(culture)))
            : combination.Languages.Count == 1
                ? Format(culture, "stats.sentence.only", count, Names(combination.Languages, culture))
                : Format(culture, "stats.sentence.some", count, Names(combination.Languages, culture));
    }

    /// <summary>Language names as a list: "French and English", "en français et en anglais", "francés e inglés".</summary>
    private string Names(IReadOnlyList<string> languages, string culture)
    {
        var items = languages.Select(l => Format(culture, "languages.list.item", texts.Get(culture, $"language.{l}"))).ToList();
        if (items.Count == 1)
        {
            return items[0];
        }
        var last = items[^1];
        var and = texts.Get(culture, "list.and");
        // Spanish writes "e" for "y" before a word starting with the sound /i/ ("francés e inglés"), but not before "hie-" ("y hielo").
        if (culture == "es" && StartsWithISound(last))
        {
            and = " e ";
        }
        return string.Join(texts.Get(culture, "list.separator"), items[..^1]) + and + last;
    }

    private static bool StartsWithISound(string word)
    {
        var w = word.TrimStart().ToLowerInvariant();
        return (w.StartsWith('i') || w.StartsWith('í') || w.StartsWith("hi", StringComparison.Ordinal) || w.StartsWith("hí", StringComparison.Ordinal))
            && !(w.StartsWith("hia", StringComparison.Ordinal) || w.StartsWith("hie", StringComparison.Ordinal) || w.StartsWith("hio", StringComparison.Ordinal) || w.StartsWith("hiu", StringComparison.Ordinal));
    }

    /// <summary>French puts zero and one in the singular ("0 contribution"); English and Spanish only one.</summary>
    public static bool IsSingular(string culture, int count) => culture == "fr" ? count <= 1 : count == 1;

    private static string Number(string culture, int value) => value.ToString("N0", CultureInfo.GetCultureInfo(culture));

    private string Format(string culture, string key, params object[] values) =>
        string.Format(CultureInfo.GetCultureInfo(culture), texts.Get(culture, key), values);
}
