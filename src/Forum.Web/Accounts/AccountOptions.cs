namespace Forum.Web.Accounts;

/// <summary>Log-in rules ("Forum:Accounts"): how many wrong passwords in a row lock an account, and for how long.</summary>
public sealed class AccountOptions
{
    public const string SectionName = "Forum:Accounts";

    public int MaxFailedLogins { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
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
