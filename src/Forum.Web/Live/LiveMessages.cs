using Forum.Core.Phases;
using Forum.Synthesis.Statistics;

namespace Forum.Web.Live;

public static class LiveMessages
{
    public sealed record ContributionMessage(int PhaseId, long ContributionId, long? ParentId, IReadOnlyList<string> Languages);

    /// <summary>New counts, with the sentence in every forum language so each page shows its own.</summary>
    public sealed record StatisticsMessage(
        int PhaseId, int Contributions, int Replies, int Contributors, IReadOnlyList<CombinationCount> Combinations,
        IReadOnlyDictionary<string, string> Sentences);

    public sealed record PhaseMessage(int PhaseId, PhaseState State, DateTimeOffset OpensAt, DateTimeOffset ClosesAt);

    public sealed record SynthesisMessage(int PhaseId, long SynthesisId, int Number, IReadOnlyList<string> Languages);

    /// <summary>A phase's announcement: its title in every forum language, for the page to show its own, and where to read it.</summary>
    public sealed record AnnouncementMessage(int PhaseId, long AnnouncementId, string ThemeSlug, IReadOnlyDictionary<string, string> Titles);
}
