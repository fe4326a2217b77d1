using System.Text.Json;

namespace Forum.Core.Localization;

/// <summary>
/// UI texts per culture, read once from localization/{culture}.json (flat key → text).
/// A key missing in a culture falls back to English rather than showing the raw key.
/// </summary>
public sealed class UiTexts
{
    public const string Fallback = "en";

    private readonly Dictionary<string, Dictionary<string, string>> _cultures;

    public UiTexts(string folder)
    {
        _cultures = Directory.EnumerateFiles(folder, "*.json").ToDictionary(
            f => Path.GetFileNameWithoutExtension(f),
            f => JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(f))
                 ?? throw new InvalidDataException($"{f} holds no texts."));
        if (!_cultures.ContainsKey(Fallback))
        {
            throw new InvalidDataException($"{folder} has no {Fallback}.json.");
        }
    }

    public IReadOnlyCollection<string> Cultures => _cultures.Keys;

    public IReadOnlyDictionary<string, string> For(string culture) => _cultures[culture];

    /// <summary>The text for a key when any language has it, else null; for keys made from data, such as error rules.</summary>
    public string? Find(string culture, string key) =>
        _cultures.TryGetValue(culture, out var texts) && texts.TryGetValue(key, out var text) ? text
        : _cultures[Fallback].GetValueOrDefault(key);

    public string Get(string culture, string key) =>
        _cultures.TryGetValue(culture, out var texts) && texts.TryGetValue(key, out var text) ? text
        : _cultures[Fallback].TryGetValue(key, out var english) ? english
        : throw new KeyNotFoundException($"No UI text has the key '{key}'.");
}
