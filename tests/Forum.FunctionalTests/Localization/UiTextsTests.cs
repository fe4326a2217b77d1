using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;
using Forum.Core.Localization;

namespace Forum.FunctionalTests.Localization;

public partial class UiTextsTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static readonly UiTexts Texts = new(Path.Combine(AppContext.BaseDirectory, "localization"));

    [Fact]
    public void Every_language_has_exactly_the_same_keys_and_placeholders()
    {
        Texts.Cultures.Should().BeEquivalentTo(["en", "fr", "es"]);
        var english = Texts.For("en");
        foreach (var culture in Texts.Cultures)
        {
            var texts = Texts.For(culture);
            texts.Keys.Should().BeEquivalentTo(english.Keys, $"{culture}.json must have every key of en.json and no other");
            foreach (var (key, text) in texts)
            {
                text.Should().NotBeNullOrWhiteSpace($"{culture}:{key}");
                Placeholders(text).Should().BeEquivalentTo(Placeholders(english[key]), $"{culture}:{key}");
            }
        }
    }

    /// <summary>Every key the pages and modules ask for by name exists, so no page can ever show a raw key.</summary>
    [Fact]
    public void Every_key_used_in_the_code_exists()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Forum.sln")))
        {
            root = root.Parent;
        }
        root.Should().NotBeNull();
        var used = Directory.EnumerateFiles(Path.Combine(root!.FullName, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".cshtml")) && !f.Contains("/obj/") && !f.Contains("/bin/"))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();
        used.Should().NotBeEmpty();
        var english = Texts.For("en");
        used.Where(u => !english.ContainsKey(u.Key)).Should().BeEmpty("every key used must be in localization/en.json (and so in every language)");
    }

    [GeneratedRegex(@"(?:\bT|texts\.Get|Format)\((?:culture, |Culture, )?""([a-z][a-z-]*(?:\.[a-z-]+)+)""")]
    private static partial Regex KeyUse();

    [Fact]
    public async Task The_forum_names_its_languages_and_states_in_the_readers_language()
    {
        var french = await app.Anonymous().GetJsonAsync("/api/forum?lang=fr");
        french["languageNames"]!["es"]!.GetValue<string>().Should().Be("espagnol");
        french["phaseStateNames"]!["closed"]!.GetValue<string>().Should().Be("Fermée");
        var spanish = await app.Anonymous().GetJsonAsync("/api/forum?lang=es");
        spanish["languageNames"]!["fr"]!.GetValue<string>().Should().Be("francés");
    }

    private static IEnumerable<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Value).Order();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PlaceholderPattern();
}
