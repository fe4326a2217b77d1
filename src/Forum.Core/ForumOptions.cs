using System.ComponentModel.DataAnnotations;
using Forum.Core.Languages;

namespace Forum.Core;

/// <summary>Forum-wide settings, bound from the "Forum" configuration section and validated on start.</summary>
public sealed class ForumOptions : IValidatableObject
{
    public const string SectionName = "Forum";

    /// <summary>
    /// The forum's public address (https://forum.example.org): every absolute link is built on it and it is
    /// the origin the same-origin check expects. Empty: the request's own scheme and host.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>Language codes texts may be written in; the first is the forum's default.</summary>
    [MinLength(1)]
    public List<string> Languages { get; set; } = ["en", "fr", "es"];

    /// <summary>
    /// The culture that writes dates and numbers on each language's pages ("en": "en-GB", a 24-hour clock);
    /// a language not named here uses its own usual culture. Set keys are added to these defaults.
    /// </summary>
    public Dictionary<string, string> Cultures { get; set; } = new() { ["en"] = "en-GB", ["fr"] = "fr-FR", ["es"] = "es-ES" };

    /// <summary>IANA (or Windows) time zone in which phase dates are entered and shown.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/Paris";

    public TextLimits Limits { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Forum:LanguageCheck: whether a text that reads as another forum language than declared is questioned.</summary>
    public Contributions.LanguageCheckOptions LanguageCheck { get; set; } = new();

    /// <summary>
    /// Addresses (not networks) of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are
    /// believed; loopback always is. Behind a proxy without it every reader shares the proxy's address.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>How long, from its writing, the author of a version may edit it; 0 turns editing off.</summary>
    [Range(0, 525_600)]
    public int EditWindowMinutes { get; set; } = 30;

    /// <summary>The translation desk's settings (Forum:Translation).</summary>
    public TranslationOptions Translation { get; set; } = new();

    /// <summary>How long an anonymous read of a contribution list may be served from cache; 0 turns caching off.</summary>
    [Range(0, 3600)]
    public int ListCacheSeconds { get; set; } = 60;

    /// <summary>How long draft summaries wait after a change before recomputing, so a burst of posts costs one computation.</summary>
    [Range(0, 86_400)]
    public int SummaryDelaySeconds { get; set; } = 30;

    /// <summary>
    /// How long an instance asked to stop keeps serving while /health/ready already answers 503, so that the load
    /// balancer sends new requests elsewhere before it stops accepting them; 0 stops at once (one instance, no balancer).
    /// </summary>
    [Range(0, 120)]
    public int ShutdownDrainSeconds { get; set; }

    /// <summary>
    /// A Redis connection string (StackExchange.Redis syntax, e.g. "redis:6379"). Unset: one instance, everything
    /// in this process. Set: several instances behave as one (README, "Running several instances").
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Before every Redis key and channel of this forum, so that several forums can share one Redis.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9:_.-]{1,64}$")]
    public string RedisKeyPrefix { get; set; } = "forum:";

    /// <summary>
    /// A draft summary reads at most this many contributions per language; larger phases are summarized
    /// from an even, deterministic sample, which keeps the time and memory of a draft bounded.
    /// </summary>
    [Range(100, 1_000_000)]
    public int SummaryMaxContributions { get; set; } = 20_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ForumLanguages.CultureProblem(Cultures) is { } problem)
        {
            yield return new ValidationResult(problem, [nameof(Cultures)]);
        }
    }
}

/// <summary>Size limits on user text, in characters. The reference forum has 44,000-character reports.</summary>
public sealed class TextLimits
{
    [Range(1, 1000)]
    public int TitleMaxLength { get; set; } = 200;

    [Range(1, 1_000_000)]
    public int BodyMaxLength { get; set; } = 60_000;

    [Range(1, 100_000)]
    public int DescriptionMaxLength { get; set; } = 4_000;

    [Range(1, 10_000)]
    public int ReasonMaxLength { get; set; } = 1_000;
}

/// <summary>The translation desk (Forum:Translation).</summary>
public sealed class TranslationOptions
{
    /// <summary>How long a volunteer's claim on an item keeps others off it, on the forum clock, unless released sooner.</summary>
    [Range(1, 10_080)]
    public int ClaimMinutes { get; set; } = 30;

    /// <summary>How many live claims one person may hold at once, so that nobody can lock the whole desk.</summary>
    [Range(1, 1_000)]
    public int MaxClaimsPerPerson { get; set; } = 10;
}

/// <summary>How often people may write, per minute: enough for any real participant, not for a script.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Contributions, replies and translations per user.</summary>
    [Range(1, 1_000_000)]
    public int WritesPerMinute { get; set; } = 20;

    /// <summary>Reports of contributions per user, counted apart from writes.</summary>
    [Range(1, 1_000_000)]
    public int ReportsPerMinute { get; set; } = 10;

    /// <summary>Every request that changes something (API, forms, hub negotiation) per client address, whoever sends it: accounts made to get around the per-user limits still share one.</summary>
    [Range(1, 1_000_000)]
    public int WritesPerAddressPerMinute { get; set; } = 300;

    /// <summary>Log-in and registration attempts (pages and API) per client address.</summary>
    [Range(1, 1_000_000)]
    public int AccountAttemptsPerMinute { get; set; } = 20;
}
