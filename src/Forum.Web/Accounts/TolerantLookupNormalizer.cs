using Forum.Core.Text;
using Microsoft.AspNetCore.Identity;

namespace Forum.Web.Accounts;

/// <summary>
/// Identity's normalizer calls string.Normalize, which throws on a noncharacter such as U+FFFE, and
/// PostgreSQL refuses a NUL or a lone surrogate even in a query's parameter: an e-mail address holding
/// one made registration, log-in and password recovery answer 500. Such a string cannot be any account's
/// address, so its forbidden characters become U+FFFD and it simply matches nothing; the user-name rules
/// then refuse it at registration with a clear 400.
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
        key = TextRules.ReplaceForbidden(key);
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
