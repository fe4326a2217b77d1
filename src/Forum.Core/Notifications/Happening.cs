namespace Forum.Core.Notifications;

/// <summary>
/// Something people may be told of, stored in the same transaction as the change itself (a phase opening,
/// a reply saved): the notification worker later finds who follows it and queues their messages or digest
/// entries, then marks it done. Stored first, told after: a crash in between loses nothing.
/// </summary>
public class Happening
{
    public long Id { get; set; }
    public NotificationKind Kind { get; set; }
    public int ThemeId { get; set; }
    public int? PhaseId { get; set; }

    /// <summary>The contribution concerned: the reply itself, or the contribution that was translated.</summary>
    public long? ContributionId { get; set; }

    /// <summary>The translation added (a contribution version), for <see cref="NotificationKind.Translation"/>.</summary>
    public long? VersionId { get; set; }

    public long? SynthesisId { get; set; }

    /// <summary>The phase announcement to send, for <see cref="NotificationKind.PhaseOpened"/>.</summary>
    public long? AnnouncementId { get; set; }

    /// <summary>Who did it: never told of their own action. Empty when no one did (the schedule).</summary>
    public string? ActorId { get; set; }

    public DateTime At { get; set; }

    /// <summary>When the worker turned it into messages and digest entries.</summary>
    public DateTime? HandledAt { get; set; }
}

/// <summary>The happenings the forum's services record, built in one place.</summary>
public static class Happenings
{
    public static Happening Reply(int themeId, int phaseId, long replyId, string actorId, DateTime at) =>
        new() { Kind = NotificationKind.Reply, ThemeId = themeId, PhaseId = phaseId, ContributionId = replyId, ActorId = actorId, At = at };

    public static Happening Translation(int themeId, int phaseId, long contributionId, long versionId, string actorId, DateTime at) =>
        new() { Kind = NotificationKind.Translation, ThemeId = themeId, PhaseId = phaseId, ContributionId = contributionId, VersionId = versionId, ActorId = actorId, At = at };

    public static Happening SynthesisPublished(int themeId, int phaseId, long synthesisId, string actorId, DateTime at) =>
        new() { Kind = NotificationKind.SynthesisPublished, ThemeId = themeId, PhaseId = phaseId, SynthesisId = synthesisId, ActorId = actorId, At = at };
}
