using Forum.Core.Errors;
using Forum.Core.Text;
using Forum.Testing;

namespace Forum.UnitTests.Text;

/// <summary>
/// The renderer either renders a text within its budget or refuses it with a rule: never an exception of Markdig's,
/// never HTML many times the size of the text. Timings are the benchmark's business (bench/run.sh --markdown).
/// </summary>
public class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static readonly string[] Rules = [MarkdownRenderer.TooComplexRule, MarkdownRenderer.TooDeeplyNestedRule, MarkdownRenderer.RendersTooLargeRule];

    public static TheoryData<string> Corpus() => [.. PathologicalMarkdown.Corpus().Select(c => c.Name)];

    private static string Text(string name) => PathologicalMarkdown.Corpus().First(c => c.Name == name).Text;

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Each_pathological_input_of_60000_characters_renders_within_its_budget_or_is_refused_with_a_rule(string name)
    {
        var text = Text(name);
        text.Length.Should().BeLessThanOrEqualTo(PathologicalMarkdown.Length);
        string html;
        try
        {
            html = Renderer.ToSafeHtml(text);
        }
        catch (ForumException refused)
        {
            refused.Kind.Should().Be(FailureKind.Invalid);
            refused.Field.Should().Be("body");
            refused.Rule.Should().BeOneOf(Rules);
            return;
        }
        html.Length.Should().BeLessThanOrEqualTo(text.Length * MarkdownRenderer.MaxHtmlRatio + MarkdownRenderer.HtmlSlack);
    }

    [Theory]
    [InlineData("[]( run", MarkdownRenderer.TooComplexRule)]
    [InlineData("![]( run", MarkdownRenderer.TooComplexRule)]
    [InlineData("[a]( run", MarkdownRenderer.TooComplexRule)]
    [InlineData("nested links", MarkdownRenderer.TooComplexRule)]
    [InlineData("*a run", MarkdownRenderer.TooComplexRule)]
    [InlineData("a* run", MarkdownRenderer.TooComplexRule)]
    [InlineData("~~a run", MarkdownRenderer.TooComplexRule)]
    [InlineData("`a run", MarkdownRenderer.TooComplexRule)]
    [InlineData("www.a.b autolinks", MarkdownRenderer.TooComplexRule)]
    [InlineData("http autolinks", MarkdownRenderer.TooComplexRule)]
    [InlineData("# headings", MarkdownRenderer.TooComplexRule)]
    [InlineData("hard breaks", MarkdownRenderer.TooComplexRule)]
    [InlineData("> run (deep quote)", MarkdownRenderer.TooDeeplyNestedRule)]
    [InlineData("1. run (deep ordered list)", MarkdownRenderer.TooDeeplyNestedRule)]
    [InlineData("nested brackets", MarkdownRenderer.TooComplexRule)]
    [InlineData("< run", MarkdownRenderer.RendersTooLargeRule)]
    public void Inputs_that_cost_quadratic_time_or_render_too_large_are_refused_by_the_budget(string name, string rule)
    {
        var refusal = () => Renderer.ToSafeHtml(Text(name));
        refusal.Should().Throw<ForumException>().Which.Rule.Should().Be(rule);
    }

    [Theory]
    [InlineData("[", 200)]
    [InlineData("> ", 200)]
    [InlineData("- ", 200)]
    [InlineData("> 1. ", 100)]
    public void Nesting_beyond_the_limit_is_refused_with_a_rule_not_Markdigs_exception(string unit, int count)
    {
        var refusal = () => Renderer.ToSafeHtml(string.Concat(Enumerable.Repeat(unit, count)) + "a");
        refusal.Should().Throw<ForumException>().Which.Rule.Should().Be(MarkdownRenderer.TooDeeplyNestedRule);
    }

    [Fact]
    public void A_long_and_richly_formatted_real_text_still_renders()
    {
        var paragraph = "Les monnaies locales **relocalisent** l'économie, voir [le rapport](https://example.org/rapport_2024) et www.example.org ; " +
            "le `code` et les notes_de_bas_de_page restent lisibles.\n\n- un point\n- deux *points*\n  > une citation dans la liste\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n";
        var text = string.Concat(Enumerable.Repeat(paragraph, 60_000 / paragraph.Length));
        var html = Renderer.ToSafeHtml(text);
        html.Should().Contain("<strong>relocalisent</strong>").And.Contain("rel=\"nofollow ugc noopener\"").And.Contain("<blockquote>");
    }

    [Fact]
    public void Quotes_and_lists_nested_a_few_levels_render()
    {
        var html = Renderer.ToSafeHtml("> > > - 1. - a quote in lists in quotes\n");
        html.Should().Contain("a quote in lists in quotes");
    }
}
