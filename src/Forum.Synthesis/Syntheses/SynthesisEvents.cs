using Forum.Core.Events;

namespace Forum.Synthesis.Syntheses;

public sealed record SynthesisPublished(int PhaseId, long SynthesisId, int Number, IReadOnlyList<string> Languages) : ForumEvent;

public sealed record SynthesisUnpublished(int PhaseId, long SynthesisId, int Number) : ForumEvent;
