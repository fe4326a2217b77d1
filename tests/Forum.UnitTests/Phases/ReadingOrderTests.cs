using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Phases;
using Forum.Synthesis.Statistics;
using Forum.Web.Contributions;

namespace Forum.UnitTests.Phases;

/// <summary>The reading pages' rules: which phase a theme puts forward, the order of a text's versions, excerpts, final counts.</summary>
public class ReadingOrderTests
{
    private sealed record P(int Number, PhaseState State);

    [Fact]
    public void The_open_phase_is_featured_before_any_other()
    {
        var (featured, next) = FeaturedPhase.Choose([new P(1, PhaseState.Closed), new P(2, PhaseState.Open), new P(3, PhaseState.Scheduled)], p => p.State);
        featured!.Number.Should().Be(2);
        next!.Number.Should().Be(3);
    }

    [Fact]
    public void Without_an_open_phase_the_latest_closed_one_is_featured_and_a_scheduled_one_only_announced()
    {
        var (featured, next) = FeaturedPhase.Choose(
            [new P(1, PhaseState.Closed), new P(2, PhaseState.Closed), new P(3, PhaseState.Scheduled), new P(4, PhaseState.Scheduled)], p => p.State);
        featured!.Number.Should().Be(2);
        next!.Number.Should().Be(3, "the next to open, not the last");

        var (nothing, first) = FeaturedPhase.Choose([new P(1, PhaseState.Scheduled)], p => p.State);
        nothing.Should().BeNull("a scheduled phase can be neither read nor joined");
        first!.Number.Should().Be(1);
    }

    [Theory]
    [InlineData("es", "fr", "es,fr,en")]
    [InlineData("en", "fr", "en,fr,es")]
    [InlineData("fr", "fr", "fr,en,es")]
    [InlineData("de", "es", "es,en,fr")]
    public void Versions_read_in_the_readers_language_then_the_original_then_the_forums_order(string reader, string original, string expected)
    {
        LocalizedText.InReadingOrder(["fr", "es", "en"], l => l, reader, original, ["en", "fr", "es"])
            .Should().Equal(expected.Split(','));
    }

    [Fact]
    public void An_excerpt_is_plain_text_cut_at_a_word_and_a_short_text_has_none()
    {
        Excerpt.Of("<p>Short <strong>text</strong>.</p>").Should().BeNull();
        var words = string.Concat(Enumerable.Repeat("<p>solidarity &amp; economy</p>", 40));
        var excerpt = Excerpt.Of(words)!;
        excerpt.Should().StartWith("solidarity & economy solidarity").And.EndWith("economy…").And.NotContain("<");
        excerpt.Length.Should().BeLessThanOrEqualTo(Excerpt.Length + 1);
    }

    [Fact]
    public void A_closed_phase_without_contributions_says_none_came_not_none_yet()
    {
        var sentences = new LanguageSentences(new UiTexts(Forum.UnitTests.Statistics.LanguageSentencesTests.LocalizationFolder()));
        var none = ContributionStatistics.FromTallies([], ["en", "fr", "es"], days: null);
        sentences.Statistics(none, "en", ["en", "fr", "es"], final: true).Should().Be("No contributions");
        sentences.Statistics(none, "fr", ["en", "fr", "es"], final: true).Should().Be("Aucune contribution");
        sentences.Statistics(none, "es", ["en", "fr", "es"], final: true).Should().Be("Ninguna contribución");
        sentences.Statistics(none, "en", ["en", "fr", "es"]).Should().Be("No contributions yet");
    }
}
