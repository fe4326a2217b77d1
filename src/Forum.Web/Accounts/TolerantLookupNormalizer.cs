using Microsoft.AspNetCore.Identity;

namespace Forum.Web.Accounts;

/// <summary>
/// Identity's normalizer calls string.Normalize, which throws on a noncharacter such as U+FFFE: an
/// e-mail address holding one made registration, log-in and password recovery answer 500. Such a
/// string cannot be any account's address, so it is upper-cased as it is and simply matches nothing;
/// the user-name rules then refuse it at registration with a clear 400.
/// </summary>
public sealed class TolerantLookupNormalizer : ILookupNormalizer
{
    public string? NormalizeName(string? name) => Normalize(name);

    public string? NormalizeEmail(string? email) => Normalize(email);

    private static string? Normalize(string? key)
    {
        if (key is null)
        {
            return null;
        }
        try
        {
            return key.Normalize().ToUpperInvariant();
        }
        catch (ArgumentException)
        {
            return key.ToUpperInvariant();
        }
    }
}
