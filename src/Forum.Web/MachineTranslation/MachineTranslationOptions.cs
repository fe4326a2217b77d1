using System.ComponentModel.DataAnnotations;

namespace Forum.Web.MachineTranslation;

/// <summary>Which machine translation service the forum asks, if any.</summary>
public enum MachineTranslationProvider
{
    None,
    LibreTranslate,
    DeepL,
}

/// <summary>
/// Optional machine translation ("Forum:MachineTranslation"): readers' translations of a text not in their language,
/// and drafts for the translation desk. Off by default: texts leave the server for the provider when it is on.
/// </summary>
public sealed class MachineTranslationOptions
{
    public const string SectionName = "Forum:MachineTranslation";

    public const string DeepLFreeUrl = "https://api-free.deepl.com";
    public const string DeepLProUrl = "https://api.deepl.com";

    public MachineTranslationProvider Provider { get; set; } = MachineTranslationProvider.None;

    /// <summary>The service's address: required for LibreTranslate; for DeepL, set only to reach another host than DeepL's own.</summary>
    public string? Url { get; set; }

    /// <summary>Required for DeepL; for LibreTranslate, the key its server asks for, if it asks for one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one call to the service may take before it counts as failed (and may be tried again).</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>Further attempts after a transient failure (the service down or busy, a timeout); never after a refusal.</summary>
    [Range(0, 5)]
    public int Retries { get; set; } = 2;

    /// <summary>The first wait before trying again, in milliseconds; each following one doubles it.</summary>
    [Range(0, 60_000)]
    public int RetryDelayMilliseconds { get; set; } = 500;

    /// <summary>Readers' machine translations per client address and minute: each one that is not cached costs money.</summary>
    [Range(1, 1_000_000)]
    public int PerAddressPerMinute { get; set; } = 10;

    /// <summary>How long a reader's machine translation is kept in memory; a version's edit gives it a new one at once.</summary>
    [Range(1, 525_600)]
    public int CacheMinutes { get; set; } = 1_440;

    public bool IsEnabled => Provider != MachineTranslationProvider.None;

    /// <summary>Where DeepL answers: the URL set, else the free API's host for a free key (ending ":fx"), else the paid one's.</summary>
    public Uri DeepLBaseAddress =>
        new(!string.IsNullOrWhiteSpace(Url) ? Url : ApiKey?.EndsWith(":fx", StringComparison.Ordinal) == true ? DeepLFreeUrl : DeepLProUrl);

    /// <summary>What is missing or wrong for the chosen provider, each naming its key.</summary>
    public IEnumerable<string> Problems()
    {
        if (Provider == MachineTranslationProvider.LibreTranslate && string.IsNullOrWhiteSpace(Url))
        {
            yield return $"{SectionName}:Url is required when {SectionName}:Provider is LibreTranslate (the server's address, e.g. http://libretranslate:5000).";
        }
        if (Provider == MachineTranslationProvider.DeepL && string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return $"{SectionName}:ApiKey is required when {SectionName}:Provider is DeepL.";
        }
        if (!string.IsNullOrWhiteSpace(Url)
            && !(Uri.TryCreate(Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            yield return $"{SectionName}:Url must be an absolute http or https address. It is '{Url}'.";
        }
    }
}
