using Forum.Core.Localization;
using Forum.Synthesis.Statistics;

namespace Forum.UnitTests.Statistics;

public class LanguageSentencesTests
{
    private static readonly string[] Forum = ["en", "fr", "es"];

    private static readonly LanguageSentences Sentences = new(new UiTexts(LocalizationFolder()));

    private static ContributionStatistics Statistics(params (string Combination, int Count)[] combinations) =>
        ContributionStatistics.FromTallies(
            combinations.Select(c => new ContributionStatistics.Row(TallyKinds.Combination, c.Combination, c.Count))
                .Append(new ContributionStatistics.Row(TallyKinds.Contributions, "", combinations.Sum(c => c.Count))),
            Forum, days: null);

    [Fact]
    public void One_contribution_is_singular_in_every_language()
    {
        var one = Statistics(("fr", 1));
        Sentences.Statistics(one, "en", Forum).Should().Be("1 contribution in total: 1 in French only");
        Sentences.Statistics(one, "fr", Forum).Should().Be("1 contribution au total\u00a0: 1 en français uniquement");
        Sentences.Statistics(one, "es", Forum).Should().Be("1 contribución en total: 1 solo en francés");
    }

    [Fact]
    public void No_contribution_says_so_plainly()
    {
        var none = Statistics();
        Sentences.Statistics(none, "en", Forum).Should().Be("No contributions yet");
        Sentences.Statistics(none, "fr", Forum).Should().Be("Aucune contribution pour l’instant");
        Sentences.Statistics(none, "es", Forum).Should().Be("Todavía no hay contribuciones");
    }

    [Fact]
    public void Spanish_writes_e_instead_of_y_before_an_i_sound()
    {
        var statistics = Statistics(("en,es", 2), ("en,fr", 3));
        // Named most-read first: English (5), then French (3) and Spanish (2).
        Sentences.Statistics(statistics, "es", Forum).Should().Be("5 contribuciones en total: 3 en inglés y francés, 2 en inglés y español");
        Sentences.AvailableIn(["fr", "en"], "es").Should().Be("Disponible en francés e inglés");
        Sentences.AvailableIn(["en", "fr"], "es").Should().Be("Disponible en inglés y francés");
    }

    [Fact]
    public void Large_counts_use_the_readers_digit_grouping()
    {
        var statistics = Statistics(("en", 12_345));
        Sentences.Statistics(statistics, "en", Forum).Should().StartWith("12,345 contributions in total");
        Sentences.Statistics(statistics, "es", Forum).Should().StartWith("12.345 contribuciones en total");
        Sentences.Statistics(statistics, "fr", Forum).Should().MatchRegex(@"^12\s345 contributions au total");
    }

    [Fact]
    public void Three_of_four_languages_are_named_rather_than_counted()
    {
        string[] four = ["en", "fr", "es", "de"];
        var texts = new UiTexts(LocalizationFolder());
        var statistics = ContributionStatistics.FromTallies(
            [new(TallyKinds.Combination, "en,es,fr", 2), new(TallyKinds.Contributions, "", 2)], four, null);
        new LanguageSentences(texts).Statistics(statistics, "en", four).Should().Be("2 contributions in total: 2 in English, French and Spanish");
    }

    [Fact]
    public void Available_in_lines_read_naturally()
    {
        Sentences.AvailableIn(["fr"], "en").Should().Be("Available in French only");
        Sentences.AvailableIn(["fr"], "fr").Should().Be("Disponible uniquement en français");
        Sentences.AvailableIn(["fr"], "es").Should().Be("Disponible solo en francés");
        Sentences.AvailableIn(["fr", "en", "es"], "fr").Should().Be("Disponible en français, en anglais et en espagnol");
        Sentences.AvailableIn(["fr", "en"], "en").Should().Be("Available in French and English");
    }

    [Fact]
    public void Breakdowns_order_by_size_then_count_and_always_add_up()
    {
        var statistics = ContributionStatistics.FromTallies(
        [
            new(TallyKinds.Contributions, "", 12), new(TallyKinds.Combination, "es", 1), new(TallyKinds.Combination, "fr", 3),
            new(TallyKinds.Combination, "es,fr", 2), new(TallyKinds.Combination, "en,fr", 2), new(TallyKinds.Combination, "en,es,fr", 4),
            new(TallyKinds.Combination, "en", 0), new(TallyKinds.Original, "fr", 7), new(TallyKinds.Original, "en", 5),
            new(TallyKinds.Day, "2026-09-02", 12),
        ], Forum, (new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 3)));

        statistics.Combinations.Select(c => (string.Join(' ', c.Languages), c.Count)).Should().Equal(
            ("fr es en", 4), ("fr en", 2), ("fr es", 2), ("fr", 3), ("es", 1));
        statistics.Combinations.Sum(c => c.Count).Should().Be(statistics.Contributions);
        statistics.Coverage.Select(c => (c.Language, c.Readable, c.Missing)).Should().Equal(("en", 6, 6), ("fr", 11, 1), ("es", 7, 5));
        statistics.PerDay.Select(d => d.Count).Should().Equal(0, 12, 0);
        statistics.OriginalLanguages.Select(o => o.Language).Should().Equal("fr", "en");
    }

    internal static string LocalizationFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "localization");
            if (File.Exists(Path.Combine(candidate, "en.json")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("No localization folder above the test output.");
    }
}
