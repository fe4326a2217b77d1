namespace Forum.Core.Errors;

/// <summary>What kind of failure a rule violation is; the web layer maps each kind to one status code.</summary>
public enum FailureKind
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
    RateLimited,

    /// <summary>
    /// Well formed and allowed, but not carried out as asked: the forum asks its sender to confirm first (a text that reads
    /// as another language), or a service cannot do it (a language pair a translation service does not translate).
    /// </summary>
    Unprocessable,
    /// <summary>A service the forum relies on failed: not the caller's doing, and it may work later.</summary>
    Unavailable,
}

/// <summary>
/// A broken forum rule. <see cref="Rule"/> is a stable machine-readable name (clients switch on it),
/// <see cref="Field"/> names the input at fault when there is one.
/// </summary>
public class ForumException(FailureKind kind, string rule, string message, string? field = null)
    : Exception(message)
{
    public FailureKind Kind { get; } = kind;
    public string Rule { get; } = rule;
    public string? Field { get; } = field;

    /// <summary>
    /// Every input at fault when one check found several (an empty title and an empty body): this exception is the
    /// first of them, so callers that read one rule still read the first; the others come along for forms and
    /// ProblemDetails to show all at once. A lone failure lists itself.
    /// </summary>
    public IReadOnlyList<ForumException> Failures => failures ?? [this];

    private IReadOnlyList<ForumException>? failures;

    /// <summary>Throws the failures collected by one check, if any, as one exception: the first, carrying all.</summary>
    public static void ThrowIfAny(IReadOnlyList<ForumException> collected)
    {
        if (collected.Count == 0)
        {
            return;
        }
        var first = collected[0];
        throw collected.Count == 1 ? first : new ForumException(first.Kind, first.Rule, first.Message, first.Field)
        {
            RetryAfter = first.RetryAfter,
            Arguments = first.Arguments,
            failures = collected.ToList(),
        };
    }

    /// <summary>
    /// The values the message names (a phase's number, its dates as UTC <see cref="DateTime"/>s), by name, so
    /// that a page writes them in its own language, zone and date format; <see cref="Exception.Message"/> keeps the English.
    /// </summary>
    public IReadOnlyDictionary<string, object> Arguments { get; init; } = new Dictionary<string, object>();

    public static ForumException Invalid(string field, string rule, string message) =>
        new(FailureKind.Invalid, rule, message, field);

    public static ForumException NotFound(string what, object id) =>
        new(FailureKind.NotFound, $"{what}.not-found", $"No {what} has the id '{id}'.");

    public static ForumException Forbidden(string rule, string message) =>
        new(FailureKind.Forbidden, rule, message);

    public static ForumException Conflict(string rule, string message, string? field = null) =>
        new(FailureKind.Conflict, rule, message, field);

    /// <summary>When a refused request may be tried again; set for <see cref="FailureKind.RateLimited"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Whole seconds to wait, at least one: what the message says and what Retry-After carries.</summary>
    public int? RetryAfterSeconds => RetryAfter is { } after ? WholeSeconds(after) : null;

    private static int WholeSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static ForumException RateLimited(TimeSpan retryAfter) =>
        new(FailureKind.RateLimited, "rate.limited", $"Too many requests in a short time: try again in {WholeSeconds(retryAfter)} seconds.")
        { RetryAfter = retryAfter };

    public static ForumException StaleVersion(string what) =>
        new(FailureKind.Conflict, "concurrency.stale-version",
            $"This {what} was changed by someone else since you read it. Reload it and apply your change again.",
            "version");
}
