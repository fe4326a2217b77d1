using System.Text;

namespace Forum.Testing;

/// <summary>
/// Markdown built to make a parser or a renderer work hard: runs of link openers, emphasis and code
/// delimiters, autolinks, deep nesting, wide tables. Shared by the unit tests, the hostile-input suite
/// and the benchmark (bench/run.sh --markdown), which all take each input at the body's full length.
/// </summary>
public static class PathologicalMarkdown
{
    public const int Length = 60_000;

    /// <summary>Each case's name and its text, cut to <paramref name="length"/> characters.</summary>
    public static IEnumerable<(string Name, string Text)> Corpus(int length = Length)
    {
        foreach (var (name, unit) in Units)
        {
            yield return (name, Repeat(unit, length));
        }
        yield return ("nested brackets", Halves("[", "]", length));
        yield return ("nested links", Halves("[a", "](b)", length));
        yield return ("nested emphasis", Halves("*a ", " a*", length));
        yield return ("nested parentheses in a link", "[a](" + Halves("(", ")", length - 5) + ")");
        yield return ("indented list, one level a line", Indented("- a", length));
        yield return ("indented ordered list, one level a line", Indented("1. a", length));
        yield return ("quote then list, one level a line", Indented("> - a", length));
        yield return ("wide table", Table(columns: length / 6, rows: 1, length));
        yield return ("long table", Table(columns: 3, rows: length / 20, length));
        yield return ("reference definitions and uses", Cut(Repeat("[a]: http://a.b\n", length / 2) + Repeat("[a] ", length / 2), length));
        yield return ("code span opened never closed", "`" + Repeat("a``", length - 1));
        yield return ("fenced code never closed", "```\n" + Repeat("a\n", length - 4));
        // Just inside each limit of the renderer's pre-count: the most work a text may still ask for.
        yield return ("headings, one line short of the line limit", Cut(Repeat("# a\n", 5_999 * 4), length));
        yield return ("headings, one short of the block limit", Cut(Repeat("# a\n", 1_499 * 4), length));
        yield return ("list items, one short of the block limit", Cut(Repeat("- a\n", 1_499 * 4), length));
        yield return ("paragraphs, one short of the block limit", Cut(Repeat("a\n\n", 1_499 * 3), length));
        yield return ("hard line breaks, one line short of the line limit", Cut(Repeat("a\\\n", 5_999 * 3), length));
        yield return ("hard line breaks, one short of the sibling limit", Cut(Repeat("a\\\n", 749 * 3), length));
        yield return ("trailing-space line breaks, one line short of the line limit", Cut(Repeat("a  \n", 5_999 * 4), length));
        yield return ("table rows, one short of the block limit", Cut("|a|\n|-|\n" + Repeat("|a|\n", 1_498 * 4), length));
        yield return ("list items, one line short of the line limit", Cut(Repeat("- a\n", 5_999 * 4), length));
        yield return ("quoted lines, one line short of the line limit", Cut(Repeat("> a\n", 5_999 * 4), length));
        yield return ("emphasis, just under the delimiter limit", Cut(Repeat("*a* ", 1_000 * 4), length));
        yield return ("links, just under the bracket limit", Cut(Repeat("[a](b) ", 1_000 * 7), length));
        yield return ("web addresses, just under their limit", Cut(Repeat("www.a.bc ", 1_000 * 9), length));
        yield return ("table, just under the pipe limit", Cut("|a|b|\n|-|-|\n" + Repeat("|a|b|\n", 1_660 * 6), length));
    }

    private static readonly (string Name, string Unit)[] Units =
    [
        ("[]( run", "[]("),
        ("[ run", "["),
        ("![]( run", "![]("),
        ("[a]( run", "[a]("),
        ("[a] run", "[a]"),
        ("][ run", "]["),
        ("*a run", "*a"),
        ("**a run", "**a"),
        ("_a run", "_a"),
        ("~~a run", "~~a"),
        ("*a_ run", "*a_"),
        ("* run", "*"),
        ("_ run", "_"),
        ("a* run", "a*"),
        ("www.a.b autolinks", "www.a.b "),
        ("http autolinks", "http://a.b "),
        ("angle autolinks", "<http://a.b> "),
        ("e-mail autolinks", "a@b.cd "),
        ("many links", "[a](http://a.b) "),
        ("many images", "![a](http://a.b) "),
        ("< run", "<"),
        ("<a run", "<a "),
        ("backtick run", "`"),
        ("`a run", "`a"),
        ("``a` run", "``a`"),
        ("> run (deep quote)", "> "),
        ("- run (deep list)", "- "),
        ("1. run (deep ordered list)", "1. "),
        ("> - run", "> - "),
        ("# headings", "# a\n"),
        ("setext headings", "a\n=\n"),
        ("| run", "|"),
        ("entities", "&amp;"),
        ("numeric entities", "&#123;"),
        ("escapes", "\\*"),
        ("hard breaks", "a  \n"),
        ("blank lines", "\n"),
        ("thematic breaks", "***\n"),
    ];

    private static string Repeat(string unit, int length)
    {
        var text = new StringBuilder(length + unit.Length);
        while (text.Length < length)
        {
            text.Append(unit);
        }
        return text.ToString(0, length);
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;

    private static string Halves(string open, string close, int length)
    {
        var count = length / (open.Length + close.Length);
        return Repeat(open, count * open.Length) + Repeat(close, count * close.Length);
    }

    private static string Indented(string item, int length)
    {
        var text = new StringBuilder(length);
        for (var level = 0; text.Length + level * 2 + item.Length + 1 <= length; level++)
        {
            text.Append(' ', level * 2).Append(item).Append('\n');
        }
        return text.ToString();
    }

    private static string Table(int columns, int rows, int length)
    {
        var header = Repeat("|a", columns * 2) + "|\n" + Repeat("|-", columns * 2) + "|\n";
        var row = Repeat("|a", columns * 2) + "|\n";
        var text = new StringBuilder(header);
        for (var i = 0; i < rows && text.Length + row.Length <= length; i++)
        {
            text.Append(row);
        }
        return Cut(text.ToString(), length);
    }
}
