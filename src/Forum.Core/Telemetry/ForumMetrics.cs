using System.Diagnostics.Metrics;

namespace Forum.Core.Telemetry;

/// <summary>
/// The forum's own counters, beside what ASP.NET Core, EF Core and SignalR measure: what participants
/// and moderators would ask of a running forum. Exported with the rest by OpenTelemetry when it is
/// configured; read in-process by a MeterListener otherwise (the tests do).
/// </summary>
public sealed class ForumMetrics
{
    public const string MeterName = "Forum";

    private readonly Counter<long> _contributionsPosted;
    private readonly Counter<long> _liveMessagesSent;
    private readonly Counter<long> _phaseTransitions;
    private readonly Counter<long> _summariesComputed;
    private readonly Counter<long> _rateLimitRefusals;

    public ForumMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _contributionsPosted = meter.CreateCounter<long>("forum.contributions.posted", "{contribution}", "Contributions and replies posted, by original language.");
        _liveMessagesSent = meter.CreateCounter<long>("forum.live.messages.sent", "{message}", "Live messages sent to the readers of a phase, by kind.");
        _phaseTransitions = meter.CreateCounter<long>("forum.phase.transitions", "{transition}", "Phases reaching a new state at their instant, announced once across instances.");
        _summariesComputed = meter.CreateCounter<long>("forum.summaries.computed", "{computation}", "Draft summaries of a phase computed (all its languages at once).");
        _rateLimitRefusals = meter.CreateCounter<long>("forum.rate_limit.refusals", "{request}", "Requests refused by a rate limit, by limit.");
    }

    public void ContributionPosted(string originalLanguage, bool isReply) =>
        _contributionsPosted.Add(1, new("language", originalLanguage), new("reply", isReply));

    public void LiveMessageSent(string kind) => _liveMessagesSent.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void PhaseTransition(string state) => _phaseTransitions.Add(1, new KeyValuePair<string, object?>("state", state));

    public void SummaryComputed() => _summariesComputed.Add(1);

    public void RateLimitRefused(string limit) => _rateLimitRefusals.Add(1, new KeyValuePair<string, object?>("limit", limit));
}
