using Lucene.Net.Analysis.TokenAttributes;

namespace Forum.Synthesis.Summaries;

/// <summary>One contribution as plain text, its sentences and its content tokens (stem id and offsets).</summary>
internal sealed class AnalyzedContribution
{
    public required long Id { get; init; }

    public required string PlainText { get; init; }

    public required SentenceSpan[] Sentences { get; init; }

    /// <summary>Tokens of sentence i are [SentenceTokenEnds[i-1], SentenceTokenEnds[i]): they come in text order.</summary>
    public required int[] SentenceTokenEnds { get; init; }

    public required int[] StemIds { get; init; }

    public required int[] TokenStarts { get; init; }

    public required int[] TokenEnds { get; init; }

    public int SentenceTokenStart(int sentence) => sentence == 0 ? 0 : SentenceTokenEnds[sentence - 1];
}

/// <summary>The analyzed corpus: contributions in ContributionId order, stems with global ids.</summary>
internal sealed class AnalyzedCorpus
{
    public required AnalyzedContribution[] Contributions { get; init; }

    public required StemVocabulary Vocabulary { get; init; }
}

/// <summary>
/// Markdown to tokens for the whole corpus. Contributions are analyzed in fixed-size chunks in parallel,
/// each with its own analyzer and local vocabulary; the local ids are then renumbered chunk by chunk,
/// which gives every stem the id of its first appearance in ContributionId order, whatever the scheduling.
/// </summary>
internal static class CorpusAnalysis
{
    private const int ChunkSize = 256;
    private const int MaxTokenLength = 256;

    public static AnalyzedCorpus Analyze(string language, IReadOnlyList<SummarySource> sources)
    {
        var chunkCount = (sources.Count + ChunkSize - 1) / ChunkSize;
        var chunks = new ChunkResult[chunkCount];
        if (chunkCount == 1)
        {
            chunks[0] = AnalyzeChunk(language, sources, 0, sources.Count);
        }
        else if (chunkCount > 1)
        {
            Parallel.For(0, chunkCount, chunk =>
            {
                var from = chunk * ChunkSize;
                chunks[chunk] = AnalyzeChunk(language, sources, from, Math.Min(from + ChunkSize, sources.Count));
            });
        }

        var vocabulary = new StemVocabulary();
        var contributions = new AnalyzedContribution[sources.Count];
        var next = 0;
        foreach (var chunk in chunks)
        {
            var globalIds = new int[chunk.Vocabulary.Count];
            for (var local = 0; local < globalIds.Length; local++)
            {
                globalIds[local] = vocabulary.GetOrAdd(chunk.Vocabulary[local]);
            }

            foreach (var contribution in chunk.Contributions)
            {
                var stemIds = contribution.StemIds;
                for (var t = 0; t < stemIds.Length; t++)
                {
                    stemIds[t] = globalIds[stemIds[t]];
                }

                contributions[next++] = contribution;
            }
        }

        return new AnalyzedCorpus { Contributions = contributions, Vocabulary = vocabulary };
    }

    private sealed record ChunkResult(StemVocabulary Vocabulary, AnalyzedContribution[] Contributions);

    private static ChunkResult AnalyzeChunk(string language, IReadOnlyList<SummarySource> sources, int from, int to)
    {
        using var analyzer = TextAnalysis.CreateAnalyzer(language);
        var vocabulary = new StemVocabulary();
        var contributions = new AnalyzedContribution[to - from];
        var stemIds = new List<int>();
        var starts = new List<int>();
        var ends = new List<int>();

        for (var i = from; i < to; i++)
        {
            var plainText = MarkdownPlainText.Convert(sources[i].Markdown);
            var sentences = SentenceSplitter.SplitSpans(plainText).ToArray();
            var sentenceTokenEnds = new int[sentences.Length];
            stemIds.Clear();
            starts.Clear();
            ends.Clear();

            var sentence = 0;
            using (var stream = analyzer.GetTokenStream("body", plainText))
            {
                var term = stream.AddAttribute<ICharTermAttribute>();
                var offset = stream.AddAttribute<IOffsetAttribute>();
                stream.Reset();
                while (stream.IncrementToken())
                {
                    while (sentence < sentences.Length && offset.StartOffset >= sentences[sentence].End)
                    {
                        sentenceTokenEnds[sentence++] = stemIds.Count;
                    }

                    if (sentence == sentences.Length || term.Length > MaxTokenLength)
                    {
                        continue;
                    }

                    stemIds.Add(vocabulary.GetOrAdd(term.Buffer.AsSpan(0, term.Length)));
                    starts.Add(offset.StartOffset);
                    ends.Add(offset.EndOffset);
                }

                stream.End();
            }

            while (sentence < sentences.Length)
            {
                sentenceTokenEnds[sentence++] = stemIds.Count;
            }

            contributions[i - from] = new AnalyzedContribution
            {
                Id = sources[i].ContributionId,
                PlainText = plainText,
                Sentences = sentences,
                SentenceTokenEnds = sentenceTokenEnds,
                StemIds = stemIds.ToArray(),
                TokenStarts = starts.ToArray(),
                TokenEnds = ends.ToArray(),
            };
        }

        return new ChunkResult(vocabulary, contributions);
    }
}
