namespace Forum.Web.MachineTranslation;

/// <summary>Why the provider gave no translation; the service turns each into the user's message.</summary>
public enum MachineTranslationFailureKind
{
    /// <summary>Down, too slow, busy past the retries, or refusing the forum's key: not the reader's doing.</summary>
    Unavailable,
    /// <summary>The provider's allowance (characters per month) is used up.</summary>
    Quota,
    /// <summary>The provider does not translate between these two languages.</summary>
    UnsupportedPair,
}

public sealed class MachineTranslationFailure(MachineTranslationFailureKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public MachineTranslationFailureKind Kind { get; } = kind;
}

/// <summary>
/// One provider's API. Texts are HTML fragments (the provider's HTML mode keeps the markup and translates the text
/// between tags); one call translates several, answered in the same order.
/// </summary>
public interface IMachineTranslator
{
    Task<IReadOnlyList<string>> TranslateHtmlAsync(IReadOnlyList<string> html, string from, string to, CancellationToken cancellation);
}

/// <summary>No provider: nothing calls it, since the service refuses first; it is there so that the service always has one.</summary>
public sealed class NoMachineTranslator : IMachineTranslator
{
    public Task<IReadOnlyList<string>> TranslateHtmlAsync(IReadOnlyList<string> html, string from, string to, CancellationToken cancellation) =>
        throw new MachineTranslationFailure(MachineTranslationFailureKind.Unavailable, "No machine translation provider is configured.");
}
