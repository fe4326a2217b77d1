namespace Forum.Synthesis.Summaries;

/// <summary>A sentence as a trimmed range of the plain text it was split from.</summary>
internal readonly record struct SentenceSpan(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// A small rule-based sentence splitter for English, French and Spanish plain text.
/// A sentence ends at a line break, or at . ! ? … (plus closing quotes or brackets) followed by
/// whitespace and something that can open a sentence: an upper-case letter, a digit or an opening quote.
/// A single period after an abbreviation or an initial does not end a sentence.
/// </summary>
internal static class SentenceSplitter
{
    // Lower-case, without the final period. Only abbreviations that usually precede more text.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "e.g", "i.e", "etc", "cf", "vs", "mr", "mrs", "ms", "dr", "prof", "st", "no", "fig", "approx",
        "mme", "mlle", "mm", "ex", "env", "art", "av",
        "sr", "sra", "srta", "dra", "ud", "uds", "pág", "núm",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup =
        Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    public static IReadOnlyList<string> Split(string text)
    {
        var spans = SplitSpans(text);
        var sentences = new string[spans.Count];
        for (var i = 0; i < spans.Count; i++)
        {
            sentences[i] = text.Substring(spans[i].Start, spans[i].Length);
        }

        return sentences;
    }

    public static List<SentenceSpan> SplitSpans(string text)
    {
        var spans = new List<SentenceSpan>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsLineBreak(c))
            {
                AddTrimmed(text, start, i, spans);
                start = i + 1;
                i++;
                continue;
            }

            if (!IsTerminal(c))
            {
                i++;
                continue;
            }

            var afterPunctuation = i;
            while (afterPunctuation < text.Length && IsTerminal(text[afterPunctuation]))
            {
                afterPunctuation++;
            }

            var end = SkipClosingMarks(text, afterPunctuation);
            var next = SkipInlineSpaces(text, end);
            if (next > end && next < text.Length && CanOpenSentence(text[next])
                && !IsNonFinalPeriod(text, i, afterPunctuation))
            {
                AddTrimmed(text, start, end, spans);
                start = end;
                i = next;
                continue;
            }

            i = end;
        }

        AddTrimmed(text, start, text.Length, spans);
        return spans;
    }

    private static int SkipClosingMarks(string text, int position)
    {
        while (position < text.Length)
        {
            if (IsClosingMark(text[position]))
            {
                position++;
                continue;
            }

            // French closing guillemets come after a (often non-breaking) space: « Oui. »
            var afterSpaces = SkipInlineSpaces(text, position);
            if (afterSpaces > position && afterSpaces < text.Length && text[afterSpaces] == '»')
            {
                position = afterSpaces + 1;
                continue;
            }

            break;
        }

        return position;
    }

    private static int SkipInlineSpaces(string text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]) && !IsLineBreak(text[position]))
        {
            position++;
        }

        return position;
    }

    // A lone period after an initial (M., J.) or a known abbreviation (e.g., Mme., p. ex.) is not an end.
    private static bool IsNonFinalPeriod(string text, int punctuationStart, int punctuationEnd)
    {
        if (punctuationEnd - punctuationStart != 1 || text[punctuationStart] != '.')
        {
            return false;
        }

        var wordStart = punctuationStart;
        while (wordStart > 0 && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, punctuationStart - wordStart);
        if (word.Length == 0)
        {
            return false;
        }

        if (word.Length == 1)
        {
            return true;
        }

        Span<char> lower = stackalloc char[Math.Min(word.Length, 32)];
        if (word.Length > lower.Length)
        {
            return false;
        }

        word.ToLowerInvariant(lower);
        return AbbreviationLookup.Contains(lower);
    }

    private static void AddTrimmed(string text, int start, int end, List<SentenceSpan> spans)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            spans.Add(new SentenceSpan(start, end - start));
        }
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029';

    private static bool IsTerminal(char c) => c is '.' or '!' or '?' or '…';

    private static bool IsClosingMark(char c) => c is '"' or '\'' or '”' or '’' or '»' or ')' or ']';

    private static bool CanOpenSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '\'' or '“' or '‘' or '«' or '¿' or '¡';
}
