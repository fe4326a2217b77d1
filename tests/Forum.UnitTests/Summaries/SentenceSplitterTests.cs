using Forum.Synthesis.Summaries;

namespace Forum.UnitTests.Summaries;

public class SentenceSplitterTests
{
    [Fact]
    public void Splits_on_terminal_punctuation_followed_by_a_capital()
    {
        SentenceSplitter.Split("The market opens at nine. Everyone is welcome! Will you come? Yes.")
            .Should().Equal("The market opens at nine.", "Everyone is welcome!", "Will you come?", "Yes.");
    }

    [Fact]
    public void Does_not_split_decimals()
    {
        SentenceSplitter.Split("The budget grew by 3.5 percent this year. It was 2.75 before.")
            .Should().Equal("The budget grew by 3.5 percent this year.", "It was 2.75 before.");
    }

    [Theory]
    [InlineData("Some crops, e.g. Beans and peas, need less water. Others need more.", "Some crops, e.g. Beans and peas, need less water.")]
    [InlineData("We met Dr. Smith at the fair. She liked it.", "We met Dr. Smith at the fair.")]
    [InlineData("M. Durand et Mme. Leroy ont parlé. Puis la séance a repris.", "M. Durand et Mme. Leroy ont parlé.")]
    [InlineData("Des outils, p. ex. Des logiciels libres, aident. Ensuite on vote.", "Des outils, p. ex. Des logiciels libres, aident.")]
    [InlineData("Il faut des moyens, cf. Le rapport annuel. Ensuite on vote.", "Il faut des moyens, cf. Le rapport annuel.")]
    [InlineData("Tools, seeds, etc. Were all shared. Then we left.", "Tools, seeds, etc. Were all shared.")]
    [InlineData("El Sr. García habló primero. Luego votamos.", "El Sr. García habló primero.")]
    public void Does_not_split_after_abbreviations(string text, string firstSentence)
    {
        var sentences = SentenceSplitter.Split(text);

        sentences.Should().HaveCount(2);
        sentences[0].Should().Be(firstSentence);
    }

    [Fact]
    public void Keeps_an_ellipsis_inside_a_sentence()
    {
        SentenceSplitter.Split("We waited... and nothing came. Then… well, it rained… A new day began.")
            .Should().Equal("We waited... and nothing came.", "Then… well, it rained…", "A new day began.");
    }

    [Fact]
    public void Splits_list_items_and_paragraphs_from_markdown()
    {
        var plain = MarkdownPlainText.Convert("Our proposals\n\n- a shared kitchen\n- a *repair* café\n\nThe second paragraph\nwraps on two lines.");

        SentenceSplitter.Split(plain).Should().Equal(
            "Our proposals", "a shared kitchen", "a repair café", "The second paragraph wraps on two lines.");
    }

    [Fact]
    public void Handles_quotes_around_and_after_sentences()
    {
        SentenceSplitter.Split("She said \"We will vote.\" Then she left. \"Why not?\" asked Tom. He smiled.")
            .Should().Equal("She said \"We will vote.\"", "Then she left.", "\"Why not?\" asked Tom.", "He smiled.");

        SentenceSplitter.Split("Il a dit : « On commence. » Puis il est parti. « Pourquoi ? » Personne ne savait.")
            .Should().Equal("Il a dit : « On commence. »", "Puis il est parti.", "« Pourquoi ? »", "Personne ne savait.");

        SentenceSplitter.Split("¿Quién decide? ¡Nosotros! Así es.")
            .Should().Equal("¿Quién decide?", "¡Nosotros!", "Así es.");
    }

    [Fact]
    public void Ignores_blank_text_and_trims()
    {
        SentenceSplitter.Split("").Should().BeEmpty();
        SentenceSplitter.Split("  \n \n ").Should().BeEmpty();
        SentenceSplitter.Split("  Only one sentence here  ").Should().Equal("Only one sentence here");
    }
}
