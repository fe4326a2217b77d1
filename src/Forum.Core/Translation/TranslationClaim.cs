using Forum.Core.Errors;

namespace Forum.Core.Translation;

/// <summary>What a volunteer translates on the desk: a contribution or a phase's synthesis.</summary>
public enum TranslationItemKind
{
    Contribution,
    Synthesis,
}

/// <summary>
/// A volunteer's word that they are translating one item into one language, so that nobody else starts the same
/// text. At most one row per item and language (a unique index): a lapsed claim is taken over in place, a released
/// one is deleted. It lapses on its own after the forum's claim time, measured on the forum clock.
/// </summary>
public class TranslationClaim
{
    public long Id { get; set; }
    public TranslationItemKind Kind { get; set; }
    public long ItemId { get; set; }
    public required string Language { get; set; }
    public required string UserId { get; set; }
    public DateTime ClaimedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>Changed on every take-over, so that two volunteers taking over the same lapsed claim do not both win.</summary>
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();

    public bool IsLiveAt(DateTime now) => now < ExpiresAt;

    public bool IsHeldBy(string userId, DateTime now) => IsLiveAt(now) && UserId == userId;

    /// <summary>
    /// Claims an item for <paramref name="userId"/>: a new claim when there is none, the lapsed one taken over, the
    /// person's own live claim renewed. Someone else's live claim is refused, naming them (<paramref name="holderName"/>).
    /// </summary>
    public static TranslationClaim Take(
        TranslationClaim? current, TranslationItemKind kind, long itemId, string language, string userId, string? holderName, DateTime now, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), "A claim lasts some time.");
        }
        EnsureNotClaimedByOther(current, userId, holderName, now);
        if (current is null)
        {
            return new TranslationClaim { Kind = kind, ItemId = itemId, Language = language, UserId = userId, ClaimedAt = now, ExpiresAt = now + duration };
        }
        if (current.UserId != userId || !current.IsLiveAt(now))
        {
            current.ClaimedAt = now;
        }
        current.UserId = userId;
        current.ExpiresAt = now + duration;
        current.ConcurrencyToken = Guid.NewGuid();
        return current;
    }

    /// <summary>Writing the translation is refused while someone else holds a live claim on it; a lapsed or own claim does not stand in the way.</summary>
    public static void EnsureNotClaimedByOther(TranslationClaim? current, string userId, string? holderName, DateTime now)
    {
        if (current is not null && current.IsLiveAt(now) && current.UserId != userId)
        {
            throw Claimed(holderName ?? "", current.ExpiresAt, now);
        }
    }

    /// <summary>
    /// A new claim is refused to someone already holding <paramref name="max"/> live ones (renewing one of theirs is not a
    /// new claim): one account may not lock the whole desk.
    /// </summary>
    public static void EnsureMayHoldAnother(int held, int max)
    {
        if (held >= max)
        {
            throw new ForumException(FailureKind.Conflict, "translation.too-many-claims",
                $"You are already translating {held} texts: save or cancel one of them before claiming another.")
            {
                Arguments = new Dictionary<string, object> { ["count"] = held },
            };
        }
    }

    /// <summary>Whether <paramref name="userId"/> may release this claim: only its holder, while it is live (a lapsed one is already free).</summary>
    public void EnsureReleasableBy(string userId, DateTime now)
    {
        if (!IsLiveAt(now))
        {
            throw new ForumException(FailureKind.NotFound, "translation.claim-not-found", "There is no live claim on this item in this language.");
        }
        if (UserId != userId)
        {
            throw ForumException.Forbidden("translation.claim-not-yours", "Only the person who claimed an item may release the claim.");
        }
    }

    /// <summary>
    /// Someone else holds the item. The message counts the minutes left rather than naming a clock time, which would need
    /// the forum's zone; pages put <c>until</c> in the forum's zone and the reader's format.
    /// </summary>
    public static ForumException Claimed(string holderName, DateTime until, DateTime now)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((until - now).TotalMinutes));
        return new(FailureKind.Conflict, "translation.claimed",
            $"Being translated by {holderName} for {minutes} more minute{(minutes == 1 ? "" : "s")}: choose another item or come back later.")
        {
            Arguments = new Dictionary<string, object> { ["name"] = holderName, ["until"] = until, ["minutes"] = minutes },
        };
    }
}
