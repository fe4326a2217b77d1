using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Text;

namespace Forum.Core.Reports;

/// <summary>Why a participant reports a contribution: a fixed list, so the moderation queue can be sorted and counted.</summary>
public enum ReportReason
{
    Spam,
    Abuse,
    OffTopic,
    PersonalData,
    Other,
}

/// <summary>What a moderator does with a report.</summary>
public enum ReportAction
{
    /// <summary>Hide the contribution and uphold every open report of it.</summary>
    Hide,

    /// <summary>Dismiss this report only: another reporter may have seen what this one did not.</summary>
    Dismiss,
}

/// <summary>What resolving a report did: the reason the contribution was hidden with (null when it was not hidden by it) and how many reports were upheld.</summary>
public sealed record ReportResolution(ReportAction Action, string? HidingReason, int Upheld);

public enum ReportStatus
{
    Open,

    /// <summary>The moderators agreed: the contribution is hidden.</summary>
    Upheld,
    Dismissed,
}

/// <summary>
/// A participant's report of a contribution to the moderators. The reporter is known to the
/// moderation team only, never to the contribution's author.
/// </summary>
public class Report
{
    public const int CommentMaxLength = 1000;

    /// <summary>The reasons as clients write them: spam, abuse, off-topic, personal-data, other.</summary>
    public static IReadOnlyDictionary<string, ReportReason> ReasonCodes { get; } = new Dictionary<string, ReportReason>
    {
        ["spam"] = ReportReason.Spam,
        ["abuse"] = ReportReason.Abuse,
        ["off-topic"] = ReportReason.OffTopic,
        ["personal-data"] = ReportReason.PersonalData,
        ["other"] = ReportReason.Other,
    };

    public long Id { get; set; }
    public long ContributionId { get; set; }
    public required string ReporterId { get; set; }
    public ReportReason Reason { get; set; }
    public string? Comment { get; set; }

    /// <summary>The language the reporter wrote the comment in, when known.</summary>
    public string? Language { get; set; }

    public DateTime CreatedAt { get; set; }
    public ReportStatus Status { get; set; }
    public string? ResolvedById { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolutionNote { get; set; }

    public string ReasonCode => CodeOf(Reason);

    public static string CodeOf(ReportReason reason) => ReasonCodes.First(r => r.Value == reason).Key;

    public static ReportReason ParseReason(string? code) =>
        code is not null && ReasonCodes.TryGetValue(code.Trim().ToLowerInvariant(), out var reason)
            ? reason
            : throw ForumException.Invalid("reason", "report.reason-unknown",
                $"reason is one of: {string.Join(", ", ReasonCodes.Keys)}.");

    public static ReportAction ParseAction(string? action) => action?.Trim().ToLowerInvariant() switch
    {
        "hide" => ReportAction.Hide,
        "dismiss" => ReportAction.Dismiss,
        _ => throw ForumException.Invalid("action", "report.action-unknown", "action is 'hide' or 'dismiss'."),
    };

    /// <summary>Whether <paramref name="reporterId"/> may report the contribution: someone else's, still visible. Reporting twice is refused by the store.</summary>
    public static bool CanFile(Contribution contribution, string reporterId) => FilingRefusal(contribution, reporterId) is null;

    private static ForumException? FilingRefusal(Contribution contribution, string reporterId) =>
        contribution.AuthorId == reporterId
            ? ForumException.Conflict("report.own-contribution", "You cannot report your own contribution.")
        : contribution.IsHidden
            ? ForumException.Conflict("report.contribution-hidden", "This contribution is already hidden: there is nothing to report.")
        : null;

    /// <summary>A report of a visible contribution by someone other than its author.</summary>
    public static Report File(Contribution contribution, string reporterId, ReportReason reason, string? comment, string? language, DateTime now)
    {
        if (FilingRefusal(contribution, reporterId) is { } refusal)
        {
            throw refusal;
        }
        TextRules.RefuseControlCharacters(comment, "comment");
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (text?.Length > CommentMaxLength)
        {
            throw ForumException.Invalid("comment", "text.too-long", $"comment has at most {CommentMaxLength} characters; this one has {text.Length}.");
        }
        return new Report
        {
            ContributionId = contribution.Id,
            ReporterId = reporterId,
            Reason = reason,
            Comment = text,
            Language = text is null ? null : language,
            CreatedAt = now,
            Status = ReportStatus.Open,
        };
    }

    /// <summary>Whether the report still waits for a moderator: a report is resolved once.</summary>
    public bool CanResolve => Status == ReportStatus.Open;

    /// <summary>
    /// Resolves this report of <paramref name="contribution"/> (ADR 5). Hiding upholds this report and
    /// <paramref name="openReportsOfIt"/> (the contribution's other open reports), and hides the
    /// contribution unless it is hidden already, when its hiding stays as it was. Dismissing answers this report only.
    /// </summary>
    public ReportResolution Resolve(ReportAction action, Contribution contribution, IReadOnlyCollection<Report> openReportsOfIt, string moderatorId, string? note, DateTime now)
    {
        if (contribution.Id != ContributionId)
        {
            throw new ArgumentException($"Report {Id} is about contribution {ContributionId}, not {contribution.Id}.", nameof(contribution));
        }
        if (action == ReportAction.Dismiss)
        {
            Dismiss(moderatorId, note, now);
            return new ReportResolution(action, null, 0);
        }
        Uphold(moderatorId, note, now);
        var others = openReportsOfIt.Where(r => r != this && r.ContributionId == ContributionId && r.CanResolve).ToList();
        others.ForEach(r => r.Uphold(moderatorId, note, now));
        string? hidingReason = null;
        if (!contribution.IsHidden)
        {
            hidingReason = note ?? $"Reported: {ReasonCode}";
            contribution.Hide(hidingReason, moderatorId, now);
        }
        return new ReportResolution(action, hidingReason, others.Count + 1);
    }

    public void Uphold(string moderatorId, string? note, DateTime now) => Resolve(ReportStatus.Upheld, moderatorId, note, now);

    public void Dismiss(string moderatorId, string? note, DateTime now) => Resolve(ReportStatus.Dismissed, moderatorId, note, now);

    private void Resolve(ReportStatus status, string moderatorId, string? note, DateTime now)
    {
        if (!CanResolve)
        {
            throw ForumException.Conflict("report.already-resolved", $"This report was already resolved ({Status.ToString().ToLowerInvariant()}).");
        }
        Status = status;
        ResolvedById = moderatorId;
        ResolvedAt = now;
        ResolutionNote = note;
    }
}
