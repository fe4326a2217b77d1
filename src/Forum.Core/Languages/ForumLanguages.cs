using System.Globalization;
using Forum.Core.Errors;

namespace Forum.Core.Languages;

/// <summary>The set of languages this forum accepts. Codes are lower-case ISO 639-1 ("en", "fr", "es").</summary>
public sealed class ForumLanguages
{
    private readonly HashSet<string> _codes;
    private readonly Dictionary<string, CultureInfo> _cultures;

    /// <param name="cultures">The culture that formats each language's pages (ForumOptions.Cultures); checked by <see cref="CultureProblem"/>.</param>
    public ForumLanguages(IEnumerable<string> codes, IReadOnlyDictionary<string, string>? cultures = null)
    {
        Codes = codes.Select(c => c.Trim().ToLowerInvariant()).Distinct().ToArray();
        if (Codes.Count == 0)
        {
            throw new ArgumentException("A forum needs at least one language.", nameof(codes));
        }
        _codes = new HashSet<string>(Codes, StringComparer.Ordinal);
        _cultures = Codes.ToDictionary(c => c, c => cultures?.GetValueOrDefault(c) is { } name
            ? CultureInfo.GetCultureInfo(name, predefinedOnly: true)
            : CultureInfo.GetCultureInfo(CultureInfo.CreateSpecificCulture(c).Name));
    }

    /// <summary>The culture that writes dates, times and numbers on the pages of a forum language.</summary>
    public CultureInfo CultureOf(string code) => _cultures[code];

    /// <summary>
    /// Why a setting of language → culture cannot be used, or null: a culture must exist and speak its key's
    /// language ("en": "fr-FR" would write English pages with French dates).
    /// </summary>
    public static string? CultureProblem(IReadOnlyDictionary<string, string> cultures)
    {
        foreach (var (code, name) in cultures)
        {
            CultureInfo culture;
            try
            {
                culture = CultureInfo.GetCultureInfo(name, predefinedOnly: true);
            }
            catch (CultureNotFoundException)
            {
                return $"Forum:Cultures:{code} is '{name}', which is not a known culture: use a name such as en-GB.";
            }
            if (!string.Equals(culture.TwoLetterISOLanguageName, code, StringComparison.OrdinalIgnoreCase))
            {
                return $"Forum:Cultures:{code} is '{name}', a culture of another language than '{code}'.";
            }
        }
        return null;
    }

    public IReadOnlyList<string> Codes { get; }

    public string Default => Codes[0];

    /// <summary>
    /// The one of several texts to show a reader: the one in <paramref name="wanted"/>, else the first in the forum's
    /// order of languages (a text in French and Spanish read in English shows French, on every page and in the API).
    /// </summary>
    public T ShownFor<T>(IReadOnlyCollection<T> texts, Func<T, string> languageOf, string wanted) =>
        texts.FirstOrDefault(t => languageOf(t) == wanted) ?? texts.OrderBy(t => Order(languageOf(t))).First();

    private int Order(string code) => Codes.ToList().IndexOf(code) is var i and >= 0 ? i : int.MaxValue;

    public bool IsSupported(string? code) => code is not null && _codes.Contains(code);

    /// <summary>Returns the code when the forum supports it, else fails naming <paramref name="field"/>.</summary>
    public string Require(string? code, string field)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw ForumException.Invalid(field, "language.required", "A language code is required.");
        }
        if (!IsSupported(code))
        {
            throw ForumException.Invalid(field, "language.unknown",
                $"'{code}' is not one of this forum's languages ({string.Join(", ", Codes)}).");
        }
        return code;
    }

    /// <summary>
    /// A language named in a query (<c>?lang=</c>, <c>?language=</c>): null when absent, else it must be one
    /// of the forum's. Refusing the rest keeps every cache that varies by these values bounded.
    /// </summary>
    public string? Optional(string? code, string field) => string.IsNullOrEmpty(code) ? null : Require(code, field);

    /// <summary>Canonical text form of a language set: supported codes in alphabetical order, comma-separated.</summary>
    public static string Combination(IEnumerable<string> codes) =>
        string.Join(',', codes.Distinct().Order(StringComparer.Ordinal));
}
