using Forum.Web.MachineTranslation;

namespace Forum.FunctionalTests.MachineTranslation;

/// <summary>A draft's Markdown sent in pieces and put back: only words change, every piece of syntax keeps its bytes.</summary>
public class MarkupSegmentsTests
{
    /// <summary>What a service answering like the test's fake would make of the Markdown.</summary>
    private static string Drafted(string markdown)
    {
        var segments = MarkupSegments.Split(markdown);
        return MarkupSegments.Join(markdown, segments, segments.Select(s => FakeTranslationService.Capitals(s.Html)).ToList());
    }

    [Theory]
    [InlineData("## Un titre\n\nUn texte.", "## UN TITRE\n\nUN TEXTE.")]
    [InlineData("| Ville | Monnaie |\n|---|---|\n| Nantes | SoNantes |", "| VILLE | MONNAIE |\n|---|---|\n| NANTES | SONANTES |")]
    [InlineData("Une ligne  \nforcée et *une* ~~autre~~.", "UNE LIGNE  \nFORCÉE ET *UNE* ~~AUTRE~~.")]
    [InlineData("Voir https://example.org/page et <https://example.org/autre>.", "VOIR https://example.org/page ET <https://example.org/autre>.")]
    [InlineData("1. un & deux < trois\n2. quatre", "1. UN & DEUX < TROIS\n2. QUATRE")]
    [InlineData("    code indenté\n\nTexte.", "    code indenté\n\nTEXTE.")]
    [InlineData("> - Citée\n>   et suivie", "> - CITÉE\n>   ET SUIVIE")]
    public void Only_the_words_are_translated(string markdown, string expected) =>
        Drafted(markdown).Should().Be(expected);

    [Fact]
    public void A_placeholder_the_service_drops_is_put_back_rather_than_lost()
    {
        const string markdown = "Le [site](https://example.org/) ici.";
        var segments = MarkupSegments.Split(markdown);

        var joined = MarkupSegments.Join(markdown, segments, ["LE SITE ICI."]);

        joined.Should().Contain("](https://example.org/)", "a link's address is never lost, even when the service loses its place");
    }

    [Fact]
    public void Code_in_a_readers_translation_is_marked_not_to_be_translated() =>
        MarkupSegments.ForReaders("<p>Voir <code>x</code></p><pre><code>y</code></pre>")
            .Should().Be("<p>Voir <code translate=\"no\">x</code></p><pre translate=\"no\"><code translate=\"no\">y</code></pre>");
}
