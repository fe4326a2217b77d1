using Forum.Core.Languages;

namespace Forum.Core.Translation;

/// <summary>Translating from a language one reads into one one writes: the desk's unit of choice.</summary>
public readonly record struct LanguagePair(string From, string To)
{
    public override string ToString() => $"{From}-{To}";

    /// <summary>"fr-es" as a pair of two different forum languages; null otherwise.</summary>
    public static LanguagePair? Parse(string? text, IReadOnlyList<string> forumLanguages)
    {
        var parts = (text ?? "").Split('-');
        return parts.Length == 2 && parts[0] != parts[1] && forumLanguages.Contains(parts[0]) && forumLanguages.Contains(parts[1])
            ? new LanguagePair(parts[0], parts[1])
            : null;
    }

    /// <summary>
    /// The pairs a person's languages make, from each to each other one, in the forum's language order; with fewer
    /// than two chosen (none yet, say), every pair of the forum's languages.
    /// </summary>
    public static IReadOnlyList<LanguagePair> Of(IReadOnlyCollection<string> personLanguages, IReadOnlyList<string> forumLanguages)
    {
        var known = forumLanguages.Where(personLanguages.Contains).ToList();
        var from = known.Count >= 2 ? known : forumLanguages.ToList();
        return from.SelectMany(f => from.Where(t => t != f).Select(t => new LanguagePair(f, t))).ToList();
    }

    /// <summary>Whether a text readable in <paramref name="languages"/> needs this pair's work: it is in the first, not in the second.</summary>
    public bool Needs(IReadOnlyCollection<string> languages) => languages.Contains(From) && !languages.Contains(To);

    /// <summary>
    /// Every language combination (as stored, <see cref="ForumLanguages.Combination"/>) that some of <paramref name="pairs"/>
    /// needs: the desk asks the store for contributions whose combination is one of these, which an index answers.
    /// </summary>
    public static IReadOnlyList<string> CombinationsNeeding(IEnumerable<LanguagePair> pairs, IReadOnlyList<string> forumLanguages)
    {
        var wanted = pairs.ToList();
        var combinations = new List<string>();
        // Every non-empty subset of the forum's languages (a handful of languages: at most a few hundred subsets).
        for (var mask = 1; mask < 1 << forumLanguages.Count; mask++)
        {
            var subset = forumLanguages.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            if (wanted.Any(p => p.Needs(subset)))
            {
                combinations.Add(ForumLanguages.Combination(subset));
            }
        }
        return combinations;
    }
}
