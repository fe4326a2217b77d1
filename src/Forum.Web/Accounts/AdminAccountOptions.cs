namespace Forum.Web.Accounts;

/// <summary>
/// The administrator created on first start ("Forum:Admin"). Without a password, one is generated
/// and written once to the log, so no password ever sits in the repository.
/// </summary>
public sealed class AdminAccountOptions
{
    public const string SectionName = "Forum:Admin";

    public string? Email { get; set; }
    public string? Password { get; set; }
}
