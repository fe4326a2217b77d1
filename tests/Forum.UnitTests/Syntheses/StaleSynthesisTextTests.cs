using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Languages;
using Forum.Core.Text;
using Forum.Synthesis.Syntheses;

namespace Forum.UnitTests.Syntheses;

public class StaleSynthesisTextTests
{
    private static readonly DateTime Now = new(2026, 9, 20, 8, 0, 0, DateTimeKind.Utc);
    private static readonly VersionText Texts = new(new ForumLanguages(["en", "fr", "es"]), new ForumOptions(), new MarkdownRenderer());

    private static ContributionVersion Text(string language, string body, DateTime at) =>
        Texts.Create(language, "Synthèse", body, titleRequired: true, "moderator", at);

    private static SynthesisVersion In(PhaseSynthesis s, string language) => s.Versions.Single(v => v.Language == language);

    [Fact]
    public void Texts_written_in_one_request_mark_none_of_each_other()
    {
        var synthesis = PhaseSynthesis.Start(1, 1, "moderator", [Text("fr", "Texte.", Now), Text("en", "Text.", Now)], Now);
        synthesis.Versions.Should().OnlyContain(v => v.OutdatedSince == null);
    }

    [Fact]
    public void Rewriting_one_language_marks_the_others_written_before_and_writing_a_language_clears_its_mark()
    {
        var synthesis = PhaseSynthesis.Start(1, 1, "moderator", [Text("fr", "Texte.", Now)], Now);
        synthesis.Write(Text("en", "Text.", Now.AddHours(1)), "moderator", Now.AddHours(1));
        synthesis.Versions.Should().OnlyContain(v => v.OutdatedSince == null, "adding a language changes no other text");

        synthesis.Write(Text("fr", "Texte revu.", Now.AddHours(2)), "moderator", Now.AddHours(2));
        In(synthesis, "en").OutdatedSince.Should().Be(Now.AddHours(2));
        In(synthesis, "fr").OutdatedSince.Should().BeNull();

        synthesis.Write(Text("fr", "Texte revu encore.", Now.AddHours(3)), "moderator", Now.AddHours(3));
        In(synthesis, "en").OutdatedSince.Should().Be(Now.AddHours(2), "the first change is kept until the text is written again");

        synthesis.Write(Text("en", "Text revised.", Now.AddHours(4)), "moderator", Now.AddHours(4));
        synthesis.Versions.Should().OnlyContain(v => v.OutdatedSince == null, "an out-of-date text rewritten catches up, and marks none");

        // Up to date again, English may now lead: with no single original, the text rewritten last does.
        synthesis.Write(Text("en", "Text revised twice.", Now.AddHours(5)), "moderator", Now.AddHours(5));
        In(synthesis, "fr").OutdatedSince.Should().Be(Now.AddHours(5));
    }

    [Fact]
    public void A_text_written_again_unchanged_marks_no_other()
    {
        var synthesis = PhaseSynthesis.Start(1, 1, "moderator", [Text("fr", "Texte.", Now), Text("en", "Text.", Now)], Now);
        synthesis.Write(Text("fr", "Texte.", Now.AddHours(1)), "moderator", Now.AddHours(1));
        In(synthesis, "en").OutdatedSince.Should().BeNull();
    }
}
