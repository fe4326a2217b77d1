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

    [Fact]
    public async Task The_forum_names_its_languages_and_states_in_the_readers_language()
    {
        var french = await app.Anonymous().GetJsonAsync("/api/forum?lang=fr");
        french["languageNames"]!["es"]!.GetValue<string>().Should().Be("espagnol");
        french["phaseStateNames"]!["closed"]!.GetValue<string>().Should().Be("Close");
        var spanish = await app.Anonymous().GetJsonAsync("/api/forum?lang=es");
        spanish["languageNames"]!["fr"]!.GetValue<string>().Should().Be("francés");
    }

    private static IEnumerable<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Value).Order();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PlaceholderPattern();
}
