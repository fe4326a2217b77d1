namespace Forum.Synthesis.Summaries;

/// <summary>
/// Extractive draft of a phase's contributions in one language: the most representative sentences
/// and the key terms. Pure and deterministic: the same contributions in any order give the same draft.
/// Stateless, so one instance can serve several threads at once.
/// </summary>
public sealed class DraftSummarizer
{
    // A candidate this close to an already picked sentence says the same thing again.
    private const double NearDuplicateSimilarity = 0.5;
    private const int MaxSentencesPerContribution = 2;
    private const int MinContentTokens = 4;
    private const int ScoreDecimals = 6;

    public DraftSummaryResult Summarize(string language, IEnumerable<SummarySource> sources, int maxSentences = 5, int maxTerms = 10)
    {
        if (!TextAnalysis.TryNormalizeLanguage(language, out var normalizedLanguage))
        {
            throw new ArgumentException($"Unsupported language '{language}': expected en, fr or es.", nameof(language));
        }

        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfNegative(maxSentences);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTerms);

        var ordered = OrderById(sources);
        if (ordered.Count == 0)
        {
            return new DraftSummaryResult(normalizedLanguage, 0, 0, [], []);
        }

        var corpus = CorpusAnalysis.Analyze(normalizedLanguage, ordered);
        var statistics = CorpusStatistics.Compute(corpus);
        var vectors = SentenceVectors.Build(corpus, statistics.Idf, statistics.SentenceCount, statistics.TokenCount);

        var sentences = PickSentences(corpus, statistics, vectors, maxSentences);
        var keyTerms = PickKeyTerms(normalizedLanguage, corpus, statistics, maxTerms);
        return new DraftSummaryResult(normalizedLanguage, corpus.Contributions.Length, statistics.SentenceCount, sentences, keyTerms);
    }

    // Stable sort, so among duplicate ids the first one given wins.
    private static List<SummarySource> OrderById(IEnumerable<SummarySource> sources)
    {
        var ordered = new List<SummarySource>();
        foreach (var source in sources.OrderBy(s => s.ContributionId))
        {
            if (ordered.Count == 0 || ordered[^1].ContributionId != source.ContributionId)
            {
                ordered.Add(source);
            }
        }

        return ordered;
    }

    /// <summary>
    /// Centroid method: each sentence is scored by the cosine between its TF-IDF vector and the corpus
    /// centroid, taken as the sum of all TF-IDF weights of the corpus (the direction of the mean sentence
    /// vector, which is all a cosine sees). Then a maximal-marginal-relevance style pass walks the
    /// candidates best first and skips near-duplicates of picked sentences and over-represented contributions.
    /// </summary>
    private static List<DraftSentence> PickSentences(AnalyzedCorpus corpus, CorpusStatistics statistics, SentenceVectors vectors, int maxSentences)
    {
        var picked = new List<DraftSentence>();
        if (maxSentences == 0 || statistics.CentroidNorm == 0)
        {
            return picked;
        }

        var scores = new double[vectors.Count];
        var candidates = new List<(int Sentence, int Priority)>();
        var shared = corpus.Contributions.Length > 1;
        for (var sentence = 0; sentence < vectors.Count; sentence++)
        {
            if (statistics.SentenceTokenCounts[sentence] < MinContentTokens)
            {
                continue;
            }

            // A sentence sharing no term with any other contribution speaks for its author alone, however few sentences there are.
            if (shared && !vectors.HasTerm(sentence, term => statistics.DocumentFrequency[term] >= 2))
            {
                continue;
            }

            var cosine = vectors.Dot(sentence, statistics.Centroid) / (vectors.Norm(sentence) * statistics.CentroidNorm);
            scores[sentence] = Math.Round(cosine, ScoreDecimals);
            candidates.Add((sentence, sentence));
        }

        // Best score first; equal scores in (ContributionId, SentenceIndex) order, which is the global sentence order.
        var bestFirst = Comparer<int>.Create((a, b) =>
        {
            var byScore = scores[b].CompareTo(scores[a]);
            return byScore != 0 ? byScore : a.CompareTo(b);
        });

        // A heap instead of a full sort: only the candidates until the draft is full get popped.
        var queue = new PriorityQueue<int, int>(candidates, bestFirst);
        var pickedSentences = new List<int>(maxSentences);
        while (pickedSentences.Count < maxSentences && queue.TryDequeue(out var candidate, out _))
        {
            if (!CanJoin(candidate, pickedSentences, statistics, vectors))
            {
                continue;
            }

            pickedSentences.Add(candidate);
            var contribution = corpus.Contributions[statistics.SentenceContribution[candidate]];
            var index = statistics.SentenceIndexInContribution[candidate];
            var span = contribution.Sentences[index];
            picked.Add(new DraftSentence(contribution.Id, index, contribution.PlainText.Substring(span.Start, span.Length), scores[candidate]));
        }

        return picked;
    }

    private static bool CanJoin(int candidate, List<int> pickedSentences, CorpusStatistics statistics, SentenceVectors vectors)
    {
        var sameContribution = 0;
        foreach (var other in pickedSentences)
        {
            if (statistics.SentenceContribution[other] == statistics.SentenceContribution[candidate]
                && ++sameContribution >= MaxSentencesPerContribution)
            {
                return false;
            }

            if (vectors.Cosine(candidate, other) >= NearDuplicateSimilarity)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Key terms rank stems by their TF-IDF weight summed over the corpus (occurrences × smoothed idf):
    /// frequent stems rise, stems used in nearly every contribution are damped. Equal weights go by stem, ordinally.
    /// </summary>
    private static List<KeyTerm> PickKeyTerms(string language, AnalyzedCorpus corpus, CorpusStatistics statistics, int maxTerms)
    {
        var vocabulary = corpus.Vocabulary;
        var weights = new double[vocabulary.Count];
        var candidates = new List<(int Stem, int Priority)>();
        for (var stem = 0; stem < vocabulary.Count; stem++)
        {
            if (TextAnalysis.CanBeKeyTerm(vocabulary[stem]))
            {
                weights[stem] = Math.Round(statistics.Centroid[stem], ScoreDecimals);
                candidates.Add((stem, stem));
            }
        }

        var heaviestFirst = Comparer<int>.Create((a, b) =>
        {
            var byWeight = weights[b].CompareTo(weights[a]);
            return byWeight != 0 ? byWeight : string.CompareOrdinal(vocabulary[a], vocabulary[b]);
        });

        var queue = new PriorityQueue<int, int>(candidates, heaviestFirst);
        var topStems = new List<int>(maxTerms);
        while (topStems.Count < maxTerms && queue.TryDequeue(out var stem, out _))
        {
            topStems.Add(stem);
        }

        var surfaces = SurfaceForms.MostFrequent(language, corpus, topStems);
        var keyTerms = new List<KeyTerm>(topStems.Count);
        for (var rank = 0; rank < topStems.Count; rank++)
        {
            var stem = topStems[rank];
            keyTerms.Add(new KeyTerm(surfaces[rank], vocabulary[stem], statistics.DocumentFrequency[stem], weights[stem]));
        }

        return keyTerms;
    }
}
