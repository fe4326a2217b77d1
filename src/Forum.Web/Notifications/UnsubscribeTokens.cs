using System.Security.Cryptography;
using System.Text;
using Forum.Core.Notifications;
using Forum.Web.Security;
using Microsoft.AspNetCore.DataProtection;

namespace Forum.Web.Notifications;

/// <summary>
/// The signed link at the foot of every notification: it names a person and a kind and is the only authorization
/// its page needs (no log-in: it is opened from a mail client). Signed with the forum's Data Protection keys,
/// which every instance shares, so any instance accepts it; it does not expire, as a message may be read late.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection, ForumAddress forum)
{
    private readonly IDataProtector _protector = protection.CreateProtector("unsubscribe");

    // The digest's link names no kind: it stops every kind the person chose to hear of in the digest.
    private const string Digest = "digest";

    /// <summary>A token for one kind, or with <paramref name="kind"/> null for the daily digest.</summary>
    public string Create(string userId, NotificationKind? kind) => _protector.Protect($"{userId}\n{kind?.ToString() ?? Digest}");

    /// <summary>The address of the unsubscribe page, in the recipient's language.</summary>
    public Uri Link(string language, string userId, NotificationKind? kind) =>
        forum.Absolute($"/{language}/unsubscribe?token={Uri.EscapeDataString(Create(userId, kind))}");

    /// <summary>Who and what a token names; null when it was not made here or was changed.</summary>
    public UnsubscribeRequest? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        try
        {
            var parts = _protector.Unprotect(token).Split('\n');
            return parts.Length != 2 ? null
                : parts[1] == Digest ? new UnsubscribeRequest(parts[0], null)
                : Enum.TryParse<NotificationKind>(parts[1], out var kind) && Enum.IsDefined(kind) ? new UnsubscribeRequest(parts[0], kind)
                : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or DecoderFallbackException)
        {
            return null;
        }
    }
}

/// <summary>Who asks to stop what: one kind, or (Kind null) the daily digest.</summary>
public sealed record UnsubscribeRequest(string UserId, NotificationKind? Kind);
