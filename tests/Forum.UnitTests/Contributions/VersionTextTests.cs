using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Text;

namespace Forum.UnitTests.Contributions;

public class VersionTextTests
{
    private static readonly ForumOptions Options = new() { Limits = { TitleMaxLength = 20, BodyMaxLength = 100 } };
    private static readonly VersionText Texts = new(new ForumLanguages(["en", "fr", "es"]), Options, new MarkdownRenderer());
    private static readonly DateTime Now = DateTime.UtcNow;

    private static ForumException Refused(string? language, string? title, string? body, bool titleRequired = true)
    {
        var act = () => Texts.Create(language, title, body, titleRequired, "author", Now);
        return act.Should().Throw<ForumException>().Which;
    }

    [Fact]
    public void An_unknown_language_is_refused_naming_the_forum_languages()
    {
        var error = Refused("de", "Titel", "Text");
        error.Rule.Should().Be("language.unknown");
        error.Field.Should().Be("language");
        error.Message.Should().Contain("en, fr, es");
    }

    [Theory]
    [InlineData("", "body.required")]
    [InlineData("   ", "body.required")]
    [InlineData(null, "body.required")]
    public void An_empty_body_is_refused(string? body, string rule) => Refused("fr", "Titre", body).Rule.Should().Be(rule);

    [Fact]
    public void A_title_and_body_of_invisible_characters_only_are_refused_as_empty()
    {
        var error = Refused("fr", "\u200b\u200b", "  \u200b \u00a0\u2060\ufeff ");
        error.Failures.Select(f => f.Rule).Should().Equal("title.required", "body.required");
        // A visible text that also holds a zero-width joiner (an emoji sequence) is fine.
        Texts.Create("fr", "Famille \U0001F469\u200D\U0001F467", "Texte", true, "author", Now).Title.Should().Contain("\u200D");
    }

    [Fact]
    public void A_title_that_reverses_its_own_direction_is_refused()
    {
        var error = Refused("fr", "\u202egpj.exe\u202c ok", "Texte");
        error.Rule.Should().Be(TextRules.DirectionOverrideRule);
        error.Field.Should().Be("title");
    }

    [Fact]
    public void Oversized_title_and_body_are_refused_with_the_limit()
    {
        Refused("fr", new string('t', 21), "Texte").Should().Match<ForumException>(e => e.Rule == "title.too-long" && e.Message.Contains("20"));
        Refused("fr", "Titre", new string('b', 101)).Should().Match<ForumException>(e => e.Rule == "body.too-long" && e.Field == "body");
    }

    [Fact]
    public void A_title_is_required_except_for_replies()
    {
        Refused("fr", " ", "Texte").Rule.Should().Be("title.required");
        Texts.Create("fr", null, "Texte", titleRequired: false, "author", Now).Title.Should().BeNull();
    }

    [Fact]
    public void Markdown_is_rendered_and_active_content_removed()
    {
        var version = Texts.Create("en", "Title", "**bold** <script>alert(1)</script> [x](javascript:alert(1))", true, "author", Now);
        version.BodyHtml.Should().Contain("<strong>bold</strong>");
        version.BodyHtml.Should().NotContain("<script").And.NotContain("javascript:");
        version.Body.Should().Contain("<script>", "the author's Markdown is kept as written");
    }

    [Fact]
    public void Every_field_at_fault_is_reported_at_once_the_first_leading()
    {
        var error = Refused("de", " ", new string('b', 101));
        error.Rule.Should().Be("language.unknown", "callers that read one rule read the first");
        error.Failures.Select(f => (f.Field, f.Rule)).Should().Equal(("language", "language.unknown"), ("title", "title.required"), ("body", "body.too-long"));
    }

    [Fact]
    public void A_lone_fault_lists_itself()
    {
        var error = Refused("fr", "Titre", "");
        error.Failures.Should().ContainSingle().Which.Should().BeSameAs(error);
    }

    [Fact]
    public void The_preview_renders_and_sanitizes_as_a_posted_text_and_refuses_by_the_same_rules()
    {
        Texts.Preview("Du **gras** <script>x</script>").Should().Contain("<strong>gras</strong>").And.NotContain("<script");
        var empty = () => Texts.Preview(" ");
        empty.Should().Throw<ForumException>().Which.Rule.Should().Be("body.required");
        var tooLong = () => Texts.Preview(new string('b', 101));
        tooLong.Should().Throw<ForumException>().Which.Rule.Should().Be("body.too-long");
    }
}
