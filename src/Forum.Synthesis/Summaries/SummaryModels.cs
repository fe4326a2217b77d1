namespace Forum.Synthesis.Summaries;

/// <summary>One contribution's body (Markdown) in the language being summarized.</summary>
public sealed record SummarySource(long ContributionId, string Markdown);

/// <summary>
/// A sentence picked for the draft. <see cref="SentenceIndex"/> is the 0-based position of the sentence
/// in its contribution's plain text; <see cref="Text"/> is an exact substring of that plain text.
/// </summary>
public sealed record DraftSentence(long ContributionId, int SentenceIndex, string Text, double Score);

/// <summary>
/// A key term: <see cref="Stem"/> is the analyzer's stem, <see cref="Term"/> its most frequent lower-case
/// surface form in the corpus (ties broken ordinally), <see cref="ContributionCount"/> how many contributions use it.
/// </summary>
public sealed record KeyTerm(string Term, string Stem, int ContributionCount, double Weight);

/// <summary>
/// The draft for one phase and language. <see cref="ContributionCount"/> counts distinct contributions,
/// <see cref="SentenceCount"/> every sentence found in them (including those too short to be picked).
/// </summary>
public sealed record DraftSummaryResult(
    string Language,
    int ContributionCount,
    int SentenceCount,
    IReadOnlyList<DraftSentence> Sentences,
    IReadOnlyList<KeyTerm> KeyTerms);
