using Forum.Core.Languages;

namespace Forum.Core.Translation;

/// <summary>Translating from a language one reads into one one writes: the desk's unit of choice.</summary>
public readonly record struct LanguagePair(string From, string To)
{
    public override string ToString() => $"{From}-{To}";

    /// <summary>"fr-es" (or "FR-ES") as a pair of two different forum languages; null otherwise.</summary>
    public static LanguagePair? Parse(string? text, IReadOnlyList<string> forumLanguages)
    {
        var parts = (text ?? "").Trim().ToLowerInvariant().Split('-');
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
    /// Whether a text needs its version in the second language updated from the first: it has one there that may be out of
    /// date (in <paramref name="outdated"/>), and its version in the first is up to date (a stale text is no source to update from).
    /// </summary>
    public bool NeedsUpdate(IReadOnlyCollection<string> languages, IReadOnlyCollection<string> outdated) =>
        languages.Contains(From) && !outdated.Contains(From) && languages.Contains(To) && outdated.Contains(To);

    /// <summary>Whether a text needs this pair's work at all: missing in the second language, or stale there (<see cref="NeedsUpdate"/>).</summary>
    public bool NeedsWork(IReadOnlyCollection<string> languages, IReadOnlyCollection<string> outdated) =>
        Needs(languages) || NeedsUpdate(languages, outdated);

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

    /// <summary>
    /// Every pair of stored combinations, languages and stale languages (<see cref="UpdateKey"/>), that some of
    /// <paramref name="pairs"/> needs updated: the stale languages are a subset of the languages, so a handful of
    /// languages make at most a few hundred keys, and the store compares them to one expression of two columns.
    /// </summary>
    public static IReadOnlyList<string> UpdateKeysNeeding(IEnumerable<LanguagePair> pairs, IReadOnlyList<string> forumLanguages)
    {
        var wanted = pairs.ToList();
        var keys = new List<string>();
        for (var mask = 1; mask < 1 << forumLanguages.Count; mask++)
        {
            var subset = forumLanguages.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            // Every non-empty part of the subset as its stale languages.
            for (var stale = mask; stale > 0; stale = (stale - 1) & mask)
            {
                var outdated = forumLanguages.Where((_, i) => (stale & (1 << i)) != 0).ToList();
                if (wanted.Any(p => p.NeedsUpdate(subset, outdated)))
                {
                    keys.Add(UpdateKey(ForumLanguages.Combination(subset), ForumLanguages.Combination(outdated)));
                }
            }
        }
        return keys;
    }

    /// <summary>A contribution's languages and stale languages as one text, "en,fr|en": what <see cref="UpdateKeysNeeding"/> lists.</summary>
    public static string UpdateKey(string languages, string outdated) => languages + "|" + outdated;

    /// <summary>The languages and stale languages an <see cref="UpdateKey"/> holds.</summary>
    public static (IReadOnlyCollection<string> Languages, IReadOnlyCollection<string> Outdated) ReadUpdateKey(string key)
    {
        var parts = key.Split('|');
        return (Codes(parts[0]), Codes(parts.Length > 1 ? parts[1] : ""));
        static string[] Codes(string combination) => combination.Split(',', StringSplitOptions.RemoveEmptyEntries);
    }
}
