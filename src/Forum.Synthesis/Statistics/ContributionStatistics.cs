namespace Forum.Synthesis.Statistics;

/// <summary>Contributions readable in exactly these languages, listed most-read language first.</summary>
public sealed record CombinationCount(IReadOnlyList<string> Languages, int Count);

public sealed record LanguageCount(string Language, int Count);

/// <summary>
/// How many contributions can be read in a language, their share of all, and how many still lack it (the translation backlog).
/// <see cref="Outdated"/> of the readable ones have a translation that may be out of date: still counted as readable.
/// </summary>
public sealed record LanguageCoverage(string Language, int Readable, double Share, int Missing, int Outdated = 0);

public sealed record DayCount(DateOnly Day, int Count);

/// <summary>
/// A phase's or theme's statistics, made from its tallies. Hidden contributions are left out;
/// replies are counted apart. The combinations, the original languages and the days each add up
/// to <see cref="Contributions"/>.
/// </summary>
public sealed record ContributionStatistics(
    int Contributions,
    int Replies,
    int Contributors,
    IReadOnlyList<CombinationCount> Combinations,
    IReadOnlyList<LanguageCount> OriginalLanguages,
    IReadOnlyList<LanguageCoverage> Coverage,
    IReadOnlyList<DayCount> PerDay,
    long Revision)
{
    public sealed record Row(string Kind, string Item, int Count);

    /// <summary>
    /// Builds the statistics from tally rows. Combinations come most languages first, then by count,
    /// then in the forum's language order; within one, languages are named most-read first.
    /// Days run over <paramref name="days"/> with the quiet ones at zero.
    /// </summary>
    public static ContributionStatistics FromTallies(IEnumerable<Row> rows, IReadOnlyList<string> forumLanguages, (DateOnly First, DateOnly Last)? days)
    {
        var byKind = rows.Where(r => r.Count != 0 || r.Kind == TallyKinds.Revision).ToLookup(r => r.Kind);
        int Total(string kind) => byKind[kind].Sum(r => r.Count);
        int Rank(string language) => forumLanguages.IndexOf(language) is var i and >= 0 ? i : int.MaxValue;

        var contributions = Total(TallyKinds.Contributions);
        var combinations = byKind[TallyKinds.Combination]
            .Select(r => (Languages: r.Item.Split(',', StringSplitOptions.RemoveEmptyEntries), r.Count))
            .ToList();
        var readable = forumLanguages.Union(combinations.SelectMany(c => c.Languages))
            .ToDictionary(l => l, l => combinations.Where(c => c.Languages.Contains(l)).Sum(c => c.Count));
        var readingOrder = readable.Keys.OrderByDescending(l => readable[l]).ThenBy(Rank).ThenBy(l => l, StringComparer.Ordinal).ToList();

        var orderedCombinations = combinations
            .OrderByDescending(c => c.Languages.Length)
            .ThenByDescending(c => c.Count)
            .ThenBy(c => string.Join(',', c.Languages.Select(l => Rank(l).ToString("D3")).Order(StringComparer.Ordinal)), StringComparer.Ordinal)
            .Select(c => new CombinationCount(c.Languages.OrderBy(readingOrder.IndexOf).ToList(), c.Count))
            .ToList();

        var originals = byKind[TallyKinds.Original]
            .OrderByDescending(r => r.Count).ThenBy(r => Rank(r.Item)).ThenBy(r => r.Item, StringComparer.Ordinal)
            .Select(r => new LanguageCount(r.Item, r.Count)).ToList();

        var outdated = byKind[TallyKinds.Outdated].ToDictionary(r => r.Item, r => r.Count);
        var coverage = forumLanguages
            .Select(l => new LanguageCoverage(l, readable[l], contributions == 0 ? 0 : Math.Round((double)readable[l] / contributions, 4), contributions - readable[l],
                outdated.GetValueOrDefault(l)))
            .ToList();

        var perDay = byKind[TallyKinds.Day].ToDictionary(r => DateOnly.ParseExact(r.Item, "yyyy-MM-dd"), r => r.Count);
        var dayList = new List<DayCount>();
        if (days is not null || perDay.Count > 0)
        {
            var first = new[] { days?.First, perDay.Count > 0 ? perDay.Keys.Min() : null }.Where(d => d is not null).Min()!.Value;
            var last = new[] { days?.Last, perDay.Count > 0 ? perDay.Keys.Max() : null }.Where(d => d is not null).Max()!.Value;
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                dayList.Add(new DayCount(day, perDay.GetValueOrDefault(day)));
            }
        }

        return new ContributionStatistics(contributions, Total(TallyKinds.Replies), Total(TallyKinds.Contributors),
            orderedCombinations, originals, coverage, dayList, Total(TallyKinds.Revision));
    }
}

internal static class ListExtensions
{
    public static int IndexOf<T>(this IReadOnlyList<T> list, T item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(list[i], item))
            {
                return i;
            }
        }
        return -1;
    }
}
