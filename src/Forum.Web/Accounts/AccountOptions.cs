using System.ComponentModel.DataAnnotations;

namespace Forum.Web.Accounts;

/// <summary>
/// Log-in rules ("Forum:Accounts"): how many wrong passwords in a row lock one client address out of
/// an account, how many from anywhere lock the account for everybody, and for how long (ADR 0007).
/// </summary>
public sealed class AccountOptions
{
    public const string SectionName = "Forum:Accounts";

    /// <summary>Wrong passwords in a row from one client address that lock that address out of the account.</summary>
    [Range(1, 1_000)]
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>Wrong passwords from all addresses together that lock the account for everybody.</summary>
    [Range(1, 1_000_000)]
    public int MaxFailedLoginsPerAccount { get; set; } = 100;

    /// <summary>How long a lockout refuses every log-in, even with the right password.</summary>
    [Range(1, 525_600)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>
    /// Whether an account must confirm its address before it posts, replies, translates or reports. Unset: yes when the
    /// forum sends real mail (an SMTP host), no otherwise, since without a mail server nobody receives the link and the
    /// demo must let people post at once. Resolved once by <see cref="ConfirmedAddressRule"/>.
    /// </summary>
    public bool? RequireConfirmedEmail { get; set; }

    /// <summary>How long a confirmation link (a new account's address, or a change of address) works.</summary>
    [Range(1, 720)]
    public int ConfirmationLinkHours { get; set; } = 24;

    /// <summary>How long a password-reset link works: shorter, since it hands over the account.</summary>
    [Range(1, 72)]
    public int ResetLinkHours { get; set; } = 2;
}

/// <summary>What happens to the contributions of an account its owner deletes.</summary>
public enum DeletedAccountContributions
{
    /// <summary>Kept, shown as by a deleted user.</summary>
    Anonymize,

    /// <summary>Removed with their versions, and the user's translations of others' contributions too.</summary>
    Remove,
}

/// <summary>"Forum:Privacy".</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Forum:Privacy";

    public DeletedAccountContributions DeletedAccountContributions { get; set; } = DeletedAccountContributions.Anonymize;
}
