namespace Forum.Synthesis.Summaries;

/// <summary>
/// TF-IDF vectors of all sentences, stored sparse in one flat block: the entries of sentence i are
/// [Starts[i], Starts[i+1]) in Terms/Weights, sorted by term id so two vectors meet in one merge pass.
/// </summary>
internal sealed class SentenceVectors
{
    private readonly int[] _starts;
    private readonly int[] _terms;
    private readonly double[] _weights;
    private readonly double[] _norms;

    private SentenceVectors(int[] starts, int[] terms, double[] weights, double[] norms)
    {
        _starts = starts;
        _terms = terms;
        _weights = weights;
        _norms = norms;
    }

    public int Count => _norms.Length;

    public double Norm(int sentence) => _norms[sentence];

    /// <summary>Builds one vector per sentence of every contribution, in corpus order.</summary>
    public static SentenceVectors Build(AnalyzedCorpus corpus, double[] idf, int sentenceCount, int tokenCount)
    {
        var starts = new int[sentenceCount + 1];
        var terms = new int[tokenCount];
        var weights = new double[tokenCount];
        var norms = new double[sentenceCount];
        var scratch = new int[64];
        var entry = 0;
        var sentence = 0;

        foreach (var contribution in corpus.Contributions)
        {
            for (var s = 0; s < contribution.Sentences.Length; s++, sentence++)
            {
                starts[sentence] = entry;
                var from = contribution.SentenceTokenStart(s);
                var length = contribution.SentenceTokenEnds[s] - from;
                if (length > scratch.Length)
                {
                    scratch = new int[Math.Max(length, scratch.Length * 2)];
                }

                var ids = scratch.AsSpan(0, length);
                contribution.StemIds.AsSpan(from, length).CopyTo(ids);
                ids.Sort();

                var squares = 0.0;
                var i = 0;
                while (i < ids.Length)
                {
                    var term = ids[i];
                    var run = i + 1;
                    while (run < ids.Length && ids[run] == term)
                    {
                        run++;
                    }

                    var weight = (run - i) * idf[term];
                    terms[entry] = term;
                    weights[entry] = weight;
                    squares += weight * weight;
                    entry++;
                    i = run;
                }

                norms[sentence] = Math.Sqrt(squares);
            }
        }

        starts[sentenceCount] = entry;
        return new SentenceVectors(starts, terms, weights, norms);
    }

    public double Dot(int sentence, double[] dense)
    {
        var sum = 0.0;
        for (var e = _starts[sentence]; e < _starts[sentence + 1]; e++)
        {
            sum += _weights[e] * dense[_terms[e]];
        }

        return sum;
    }

    /// <summary>Whether the sentence uses a term that passes the test, e.g. one found in other contributions too.</summary>
    public bool HasTerm(int sentence, Func<int, bool> test)
    {
        for (var e = _starts[sentence]; e < _starts[sentence + 1]; e++)
        {
            if (test(_terms[e]))
            {
                return true;
            }
        }

        return false;
    }

    public double Cosine(int first, int second)
    {
        var denominator = _norms[first] * _norms[second];
        if (denominator == 0)
        {
            return 0;
        }

        var sum = 0.0;
        int a = _starts[first], aEnd = _starts[first + 1];
        int b = _starts[second], bEnd = _starts[second + 1];
        while (a < aEnd && b < bEnd)
        {
            var difference = _terms[a] - _terms[b];
            if (difference == 0)
            {
                sum += _weights[a++] * _weights[b++];
            }
            else if (difference < 0)
            {
                a++;
            }
            else
            {
                b++;
            }
        }

        return sum / denominator;
    }
}
