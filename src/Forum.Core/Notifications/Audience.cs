using System.Linq.Expressions;

namespace Forum.Core.Notifications;

/// <summary>
/// Who is told of a happening. Phase and synthesis kinds: the followers of the phase or of its theme. A reply or a
/// translation: the author of the contribution concerned (authors follow their own contributions without a row).
/// Never the person who did it, never a deleted account, and never anything about a hidden contribution.
/// </summary>
public static class Audience
{
    /// <summary>Whether the kind is told to the followers of a phase and its theme (rather than to an author).</summary>
    public static bool GoesToFollowers(NotificationKind kind) => kind is not (NotificationKind.Reply or NotificationKind.Translation);

    /// <summary>
    /// Active follows that hear of a happening of <paramref name="phaseId"/> in <paramref name="themeId"/> at
    /// <paramref name="at"/>: only those begun by then, so that replying in a phase just opened does not bring
    /// its opening announcement when the worker handles the opening later.
    /// </summary>
    public static Expression<Func<Follow, bool>> FollowersOf(int themeId, int? phaseId, DateTime at) =>
        f => f.StoppedAt == null && f.CreatedAt <= at && (f.ThemeId == themeId || (phaseId != null && f.PhaseId == phaseId));

    /// <summary>The recipient may be told: not the actor, not deleted.</summary>
    public static bool MayTell(string recipientId, bool recipientDeleted, Happening happening) =>
        !recipientDeleted && recipientId != happening.ActorId;

    /// <summary>A contribution may appear in a message only while it is not hidden (whatever the reader's role: mail is not a moderation tool).</summary>
    public static bool MayMention(bool contributionHidden) => !contributionHidden;
}
