using Forum.Data.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>
/// Password-reset tokens, apart from Identity's default provider so that they get a lifespan of their own
/// (<see cref="AccountOptions.ResetLinkHours"/>, shorter than a confirmation link's: a reset hands over the account).
/// </summary>
public sealed class PasswordResetTokenProvider(
    IDataProtectionProvider protection, IOptions<PasswordResetTokenOptions> options, ILogger<DataProtectorTokenProvider<ForumUser>> logger)
    : DataProtectorTokenProvider<ForumUser>(protection, options, logger)
{
    public const string ProviderName = "ForumPasswordReset";
}

public sealed class PasswordResetTokenOptions : DataProtectionTokenProviderOptions
{
    public PasswordResetTokenOptions() => Name = PasswordResetTokenProvider.ProviderName;
}
