using Forum.Core.Errors;
using Forum.Core.Text;

namespace Forum.UnitTests.Text;

public class TextRulesTests
{
    // Code units, not strings: test data goes through UTF-8 on its way to the runner, which would turn a lone surrogate into U+FFFD.
    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x0001)]
    [InlineData(0x0008)]
    [InlineData(0x000B)]
    [InlineData(0x000C)]
    [InlineData(0x001F)]
    [InlineData(0x007F)]
    [InlineData(0xFFFE)]
    [InlineData(0xFFFF)]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    [InlineData(0xDC00, 0xD800)]
    public void Control_characters_non_characters_and_lone_surrogates_are_refused(int codeUnit, int next = -1)
    {
        var character = next < 0 ? $"{(char)codeUnit}" : $"{(char)codeUnit}{(char)next}";
        var refusal = () => TextRules.RefuseControlCharacters($"ok{character}ok", "title");
        var error = refusal.Should().Throw<ForumException>().Which;
        error.Rule.Should().Be("text.control-character");
        error.Field.Should().Be("title");
        error.Kind.Should().Be(FailureKind.Invalid);
        TextRules.ReplaceForbidden($"ok{character}ok").Should().MatchRegex("^ok\uFFFD+ok$");
    }

    [Theory]
    [InlineData("tab\tline\nreturn\r\n")]
    [InlineData("émoji 🙂👍🏽🇫🇷 and 中文")]
    [InlineData("right-to-left \u202E and next line \u0085")]
    [InlineData("")]
    public void Ordinary_text_passes_unchanged(string text)
    {
        TextRules.RefuseControlCharacters(text, "body");
        TextRules.FirstForbidden(text).Should().Be(-1);
        TextRules.ReplaceForbidden(text).Should().BeSameAs(text);
    }
}
