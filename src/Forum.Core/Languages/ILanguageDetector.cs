namespace Forum.Core.Languages;

/// <summary>
/// Says which of the forum's languages a plain text reads as. The rule of what to do with it is
/// <see cref="Contributions.LanguageCheck"/>; an adapter (Forum.Web/Languages) brings the detector.
/// </summary>
public interface ILanguageDetector
{
    /// <summary>The forum language the text most likely reads as and how confident that is (0 to 1); null when none can be said.</summary>
    (string Language, double Confidence)? Detect(string text);
}
