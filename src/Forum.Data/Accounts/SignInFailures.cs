namespace Forum.Data.Accounts;

/// <summary>
/// Wrong passwords counted under one key: an account name alone (every client address together), or
/// an account name and one client address. Keys are hashed, so the table holds neither addresses nor
/// e-mails in clear, and unknown names are counted exactly like existing accounts.
/// </summary>
public sealed class SignInFailureCount
{
    public const int KeyLength = 64;

    /// <summary>SHA-256, in hex, of the scope, the normalized account name and (per address) the client address.</summary>
    public string Key { get; set; } = "";

    public int Failures { get; set; }

    public DateTime LastFailureAt { get; set; }

    /// <summary>Log-ins under this key are refused until then.</summary>
    public DateTime? LockedUntil { get; set; }
}

/// <summary>A refresh token already exchanged: a second use is refused. Kept until the token would have expired anyway.</summary>
public sealed class ConsumedRefreshToken
{
    /// <summary>SHA-256, in hex, of the token as the client sent it.</summary>
    public string Hash { get; set; } = "";

    public DateTime ExpiresAt { get; set; }
}
