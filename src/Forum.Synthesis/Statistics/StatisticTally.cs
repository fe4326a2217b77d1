namespace Forum.Synthesis.Statistics;

/// <summary>What a tally counts for: one phase, or a theme across its phases.</summary>
public enum TallyScope
{
    Phase = 1,
    Theme = 2,
}

/// <summary>
/// One running count of a phase's or theme's statistics, e.g. (phase 3, combination, "en,es,fr") = 7.
/// Kept current in the same transaction as every contribution change, so reading statistics never counts contributions.
/// </summary>
public class StatisticTally
{
    public TallyScope Scope { get; set; }
    public int ScopeId { get; set; }
    public required string Kind { get; set; }

    /// <summary>What is counted within the kind: a language combination, a language, a day; empty for plain totals.</summary>
    public required string Item { get; set; }
    public int Count { get; set; }
}

/// <summary>How many visible posts one author has in a phase or theme; its moves between 0 and 1 keep the distinct-contributor tally exact.</summary>
public class ContributorTally
{
    public TallyScope Scope { get; set; }
    public int ScopeId { get; set; }
    public required string AuthorId { get; set; }
    public int Count { get; set; }
}

public static class TallyKinds
{
    /// <summary>Visible top-level contributions.</summary>
    public const string Contributions = "contributions";

    /// <summary>Visible replies, counted apart from contributions.</summary>
    public const string Replies = "replies";

    /// <summary>Distinct authors of visible contributions and replies.</summary>
    public const string Contributors = "contributors";

    /// <summary>Contributions per set of languages they can be read in; the item is the canonical combination.</summary>
    public const string Combination = "combination";

    /// <summary>Contributions per language they were written in.</summary>
    public const string Original = "original";

    /// <summary>Contributions per day (yyyy-MM-dd in the forum's time zone) they were posted on.</summary>
    public const string Day = "day";

    /// <summary>Contributions per language whose translation may be out of date; still counted as readable in it.</summary>
    public const string Outdated = "outdated";

    /// <summary>
    /// Contributions per languages and stale languages together ("en,fr|en", <see cref="Core.Translation.LanguagePair.UpdateKey"/>),
    /// in phases only: the translation desk counts what each language pair has to do from these few rows.
    /// </summary>
    public const string Desk = "desk";

    /// <summary>Grows with every change to the scope's contributions; draft summaries compare it to know they are stale.</summary>
    public const string Revision = "revision";
}
