using FluentAssertions;
using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Text;
using Forum.Web.Languages;
using Microsoft.Extensions.Logging.Abstractions;

namespace Forum.UnitTests.Contributions;

/// <summary>The language check on writing, with the real detector (Lingua, low-accuracy mode, the forum's three languages).</summary>
public class LanguageCheckTests
{
    private static readonly ForumLanguages Languages = new(["en", "fr", "es"]);

    // One detector for the class, as the forum has one per process: loading its models is the slow part.
    private static readonly LinguaDetector Detector = new(Languages, NullLogger<LinguaDetector>.Instance);

    private static LanguageCheck Check(LanguageCheckOptions? options = null) => new(Detector, options ?? new LanguageCheckOptions());

    // Excerpts of the reference forum's documents (shared/reference: 003 in French, 000 and 001 in English), our selection.
    private const string FrenchReference =
        "Depuis 1995, la Région Picardie mène un programme de coopération décentralisée avec un regroupement de six communes du Bénin, "
        + "essentiellement fondé sur des projets d'aménagement du territoire.";

    private const string FrenchReferenceQuote =
        "L'innovation sociale consiste à élaborer des réponses nouvelles à des besoins sociaux non ou mal satisfaits dans les conditions actuelles.";

    private const string EnglishReference =
        "For a population of around 11 million inhabitants, and a GDP per inhabitant of 36.000€, Belgium counts a rate of unemployment "
        + "of 8.5%, below the European average of 10.2%.";

    private const string EnglishReferenceMarket =
        "Seikatsu Club in Japan shows by example that self-organization of a major solidarity market is possible with members who buy "
        + "directly with prices negotiated according to the needs of producers.";

    private const string Spanish =
        "Las cooperativas de la región venden directamente a los vecinos en mercados de productores, con precios justos para quien produce y para quien compra.";

    [Theory]
    [InlineData(FrenchReference, "fr")]
    [InlineData(FrenchReferenceQuote, "fr")]
    [InlineData(EnglishReference, "en")]
    [InlineData(EnglishReferenceMarket, "en")]
    [InlineData(Spanish, "es")]
    public void The_reference_paragraphs_are_heard_in_their_language(string text, string language)
    {
        Detector.Detect(text)!.Value.Language.Should().Be(language);
        Check().OtherLanguageOf(language, null, text).Should().BeNull();
    }

    [Theory]
    [InlineData(EnglishReference, "fr", "en")]
    [InlineData(FrenchReference, "en", "fr")]
    [InlineData(Spanish, "en", "es")]
    public void A_text_declared_in_another_language_is_refused_naming_the_language_heard(string text, string declared, string heard)
    {
        var refusal = FluentActions.Invoking(() => Check().Check(declared, null, text, confirmed: false)).Should().Throw<ForumException>().Which;

        refusal.Rule.Should().Be("language.mismatch");
        refusal.Kind.Should().Be(FailureKind.Unprocessable);
        refusal.Field.Should().Be("language");
        refusal.Arguments["detectedLanguage"].Should().Be(heard);
    }

    [Fact]
    public void A_confirmed_text_is_kept_with_the_language_heard()
    {
        Check().Check("fr", null, EnglishReference, confirmed: true).Should().Be("en");
    }

    [Theory]
    [InlineData("Hello everyone!")]
    [InlineData("Bonjour à toutes et à tous, merci pour cette phase !")]
    [InlineData("¡Hola a todos!")]
    public void A_short_greeting_is_not_judged(string greeting)
    {
        // Declared in a language it is plainly not in: too short to be judged all the same.
        Check().OtherLanguageOf("es", null, greeting).Should().BeNull();
        Check().OtherLanguageOf("en", null, greeting).Should().BeNull();
    }

    [Fact]
    public void A_text_with_a_paragraph_in_each_language_is_not_flagged_whichever_it_declares()
    {
        var trilingual = $"{EnglishReferenceMarket}\n\n{FrenchReference}\n\n{Spanish}";

        foreach (var declared in new[] { "en", "fr", "es" })
        {
            Check().OtherLanguageOf(declared, "Marchés alternatifs", trilingual).Should().BeNull(declared);
        }
    }

    [Fact]
    public void A_bilingual_text_is_flagged_when_neither_paragraph_is_in_the_declared_language()
    {
        Check().OtherLanguageOf("es", null, $"{FrenchReference}\n\n{FrenchReferenceQuote}").Should().Be("fr");
    }

    [Fact]
    public void Addresses_and_code_are_not_read_as_language()
    {
        // A French sentence too short to judge, with long English-looking addresses and code around it.
        const string body = "Voir le rapport ici : https://example.org/the-social-and-solidarity-economy-report-for-the-whole-country-in-english "
            + "`var market = new SolidarityMarket(members, producers, prices);` merci.";

        Check().OtherLanguageOf("fr", null, body).Should().BeNull();
    }

    [Fact]
    public void Turned_off_the_check_judges_nothing()
    {
        Check(new LanguageCheckOptions { Enabled = false }).OtherLanguageOf("fr", null, EnglishReference).Should().BeNull();
    }

    [Fact]
    public void The_version_refused_by_the_check_is_not_made_and_a_confirmed_one_keeps_what_was_heard()
    {
        var texts = new VersionText(Languages, new ForumOptions(), new MarkdownRenderer(), Check());

        FluentActions.Invoking(() => texts.Create("fr", "Unemployment in Belgium", EnglishReference, titleRequired: true, "author", DateTime.UtcNow))
            .Should().Throw<ForumException>().Which.Rule.Should().Be("language.mismatch");
        texts.Create("fr", "Unemployment in Belgium", EnglishReference, titleRequired: true, "author", DateTime.UtcNow, languageConfirmed: true)
            .DetectedLanguage.Should().Be("en");
        texts.Create("en", "Unemployment in Belgium", EnglishReference, titleRequired: true, "author", DateTime.UtcNow)
            .DetectedLanguage.Should().BeNull();
    }

    [Fact]
    public void The_other_faults_of_a_form_come_before_the_language_question()
    {
        var texts = new VersionText(Languages, new ForumOptions(), new MarkdownRenderer(), Check());

        FluentActions.Invoking(() => texts.Create("fr", null, EnglishReference, titleRequired: true, "author", DateTime.UtcNow))
            .Should().Throw<ForumException>().Which.Rule.Should().Be("title.required");
    }
}
