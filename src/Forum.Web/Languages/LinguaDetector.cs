using Forum.Core;
using Forum.Core.Languages;
using Lingua;

namespace Forum.Web.Languages;

/// <summary>
/// Lingua, built once per process for the forum's languages only and on the first text it is asked about, so that a
/// forum with the check off never loads it. Low-accuracy mode: its trigram models add about 40 MB to the process where
/// the high-accuracy ones add 240 MB (bench/run.sh --language-check), and texts short enough to suffer from it are
/// not judged anyway (Forum:LanguageCheck:MinWords).
/// </summary>
public sealed class LinguaDetector : ILanguageDetector
{
    private readonly Lazy<LanguageDetector?> _detector;
    private readonly Dictionary<Language, string> _codes;

    public LinguaDetector(ForumLanguages languages, ILogger<LinguaDetector> logger)
    {
        var modelsDirectory = Path.Combine(AppContext.BaseDirectory, "Lingua", "LanguageModels");
        _codes = [];
        foreach (var code in languages.Codes)
        {
            var known = Enum.TryParse<IsoCode6391>(code, ignoreCase: true, out var iso) && iso != IsoCode6391.None;
            // Only the models named in Forum.Web.csproj (LinguaModelLanguages) are shipped: a language without one is not judged.
            if (known && Directory.Exists(Path.Combine(modelsDirectory, code)))
            {
                _codes[LanguageInfo.GetByIsoCode6391(iso)] = code;
            }
            else
            {
                logger.LogWarning("The language check cannot judge '{Language}': no Lingua model for it is shipped.", code);
            }
        }
        _detector = new Lazy<LanguageDetector?>(() => _codes.Count < 2 ? null
            : LanguageDetectorBuilder.FromLanguages([.. _codes.Keys]).WithLowAccuracyMode().WithPreloadedLanguageModels().Build());
    }

    public (string Language, double Confidence)? Detect(string text)
    {
        if (_detector.Value is not { } detector)
        {
            return null;
        }
        var values = detector.ComputeLanguageConfidenceValues(text);
        if (!values.Any())
        {
            return null;
        }
        var best = values.MaxBy(value => value.Value);
        return _codes.TryGetValue(best.Key, out var code) ? (code, best.Value) : null;
    }
}
