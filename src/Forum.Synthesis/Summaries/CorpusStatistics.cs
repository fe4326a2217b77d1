namespace Forum.Synthesis.Summaries;

/// <summary>Per-stem and per-sentence counts of the corpus, computed in one pass over the tokens.</summary>
internal sealed class CorpusStatistics
{
    public required int SentenceCount { get; init; }

    public required int TokenCount { get; init; }

    /// <summary>Contributions (the documents) containing each stem.</summary>
    public required int[] DocumentFrequency { get; init; }

    /// <summary>Smoothed: ln((1 + N) / (1 + df)) + 1, so a stem found everywhere still weighs 1.</summary>
    public required double[] Idf { get; init; }

    /// <summary>Sum of the TF-IDF weights of the corpus: occurrences × idf per stem.</summary>
    public required double[] Centroid { get; init; }

    public required double CentroidNorm { get; init; }

    /// <summary>For each sentence in corpus order: its contribution's index, its index in it, its content tokens.</summary>
    public required int[] SentenceContribution { get; init; }

    public required int[] SentenceIndexInContribution { get; init; }

    public required int[] SentenceTokenCounts { get; init; }

    public static CorpusStatistics Compute(AnalyzedCorpus corpus)
    {
        var stemCount = corpus.Vocabulary.Count;
        var documentFrequency = new int[stemCount];
        var occurrences = new int[stemCount];
        var lastContribution = new int[stemCount];
        Array.Fill(lastContribution, -1);

        var sentenceCount = 0;
        var tokenCount = 0;
        for (var c = 0; c < corpus.Contributions.Length; c++)
        {
            var contribution = corpus.Contributions[c];
            sentenceCount += contribution.Sentences.Length;
            tokenCount += contribution.StemIds.Length;
            foreach (var stem in contribution.StemIds)
            {
                occurrences[stem]++;
                if (lastContribution[stem] != c)
                {
                    lastContribution[stem] = c;
                    documentFrequency[stem]++;
                }
            }
        }

        var documents = corpus.Contributions.Length;
        var idf = new double[stemCount];
        var centroid = new double[stemCount];
        var squares = 0.0;
        for (var stem = 0; stem < stemCount; stem++)
        {
            idf[stem] = Math.Log((1.0 + documents) / (1.0 + documentFrequency[stem])) + 1.0;
            centroid[stem] = occurrences[stem] * idf[stem];
            squares += centroid[stem] * centroid[stem];
        }

        var sentenceContribution = new int[sentenceCount];
        var sentenceIndex = new int[sentenceCount];
        var sentenceTokens = new int[sentenceCount];
        var sentence = 0;
        for (var c = 0; c < corpus.Contributions.Length; c++)
        {
            var contribution = corpus.Contributions[c];
            for (var s = 0; s < contribution.Sentences.Length; s++, sentence++)
            {
                sentenceContribution[sentence] = c;
                sentenceIndex[sentence] = s;
                sentenceTokens[sentence] = contribution.SentenceTokenEnds[s] - contribution.SentenceTokenStart(s);
            }
        }

        return new CorpusStatistics
        {
            SentenceCount = sentenceCount,
            TokenCount = tokenCount,
            DocumentFrequency = documentFrequency,
            Idf = idf,
            Centroid = centroid,
            CentroidNorm = Math.Sqrt(squares),
            SentenceContribution = sentenceContribution,
            SentenceIndexInContribution = sentenceIndex,
            SentenceTokenCounts = sentenceTokens,
        };
    }
}
