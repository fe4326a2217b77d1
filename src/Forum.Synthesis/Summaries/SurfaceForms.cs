namespace Forum.Synthesis.Summaries;

/// <summary>Finds, for a few stems, the word people actually wrote most often for them.</summary>
internal static class SurfaceForms
{
    /// <summary>
    /// One pass over all tokens: the original text of each token of a wanted stem is read back through
    /// its offsets. Returns, per wanted stem, the most frequent lower-case form (ties: ordinal order).
    /// </summary>
    public static string[] MostFrequent(string language, AnalyzedCorpus corpus, IReadOnlyList<int> stems)
    {
        var rankOfStem = new int[corpus.Vocabulary.Count];
        Array.Fill(rankOfStem, -1);
        var counts = new Dictionary<string, int>[stems.Count];
        for (var rank = 0; rank < stems.Count; rank++)
        {
            rankOfStem[stems[rank]] = rank;
            counts[rank] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        var buffer = new char[256];
        foreach (var contribution in corpus.Contributions)
        {
            for (var token = 0; token < contribution.StemIds.Length; token++)
            {
                var rank = rankOfStem[contribution.StemIds[token]];
                if (rank < 0)
                {
                    continue;
                }

                var start = contribution.TokenStarts[token];
                var original = contribution.PlainText.AsSpan(start, contribution.TokenEnds[token] - start);
                var surface = TextAnalysis.SurfaceForm(language, original, buffer);
                var lookup = counts[rank].GetAlternateLookup<ReadOnlySpan<char>>();
                lookup.TryGetValue(surface, out var count);
                lookup[surface] = count + 1;
            }
        }

        var forms = new string[stems.Count];
        for (var rank = 0; rank < stems.Count; rank++)
        {
            string? best = null;
            var bestCount = 0;
            foreach (var (form, count) in counts[rank])
            {
                if (count > bestCount || (count == bestCount && string.CompareOrdinal(form, best) < 0))
                {
                    best = form;
                    bestCount = count;
                }
            }

            forms[rank] = best ?? corpus.Vocabulary[stems[rank]];
        }

        return forms;
    }
}
