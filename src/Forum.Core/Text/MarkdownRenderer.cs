using Forum.Core.Errors;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Forum.Core.Text;

/// <summary>
/// Turns user Markdown into HTML that is safe to show: Markdig renders, HtmlSanitizer removes anything active.
/// Some inputs cost Markdig quadratic time (runs of link openers or emphasis delimiters) or render to many times
/// their size (bare autolinks); they are refused before parsing by a linear count, and whatever passes is held to
/// a budget of syntax nodes and of rendered size. Legitimate texts stay far below every limit.
/// </summary>
public sealed class MarkdownRenderer
{
    /// <summary>Link and image openers (<c>[</c>): each may start a scan to the end of its paragraph.</summary>
    public const int MaxBrackets = 1_000;
    /// <summary>Runs of emphasis delimiters (<c>*</c>, <c>~</c>, <c>_</c> outside words) and of backticks.</summary>
    public const int MaxDelimiterRuns = 2_000;
    /// <summary>Bare links (<c>www.</c>, <c>://</c>): each renders to an element several times its size.</summary>
    public const int MaxBareLinks = 1_000;
    /// <summary>Table cell separators (<c>|</c>): a 500-row table of 8 columns has 4,500.</summary>
    public const int MaxPipes = 5_000;
    public const int MaxLines = 6_000;
    /// <summary>Quotes and lists opened on one line; Markdig's own depth limit (128) stays behind it.</summary>
    public const int MaxLineNesting = 32;
    /// <summary>Blocks and inlines of the parsed text; sanitising costs about the same per element.</summary>
    public const int MaxNodes = 12_000;
    /// <summary>
    /// Blocks side by side in one container (the text, a list, a quote, a table), and inlines side by side in one
    /// paragraph (line breaks, links, emphasis): HtmlSanitizer's work grows with the square of an element's
    /// children, so 6,000 one-line headings, or 6,000 hard line breaks in one paragraph, cost a quarter of a second.
    /// </summary>
    public const int MaxSiblings = 1_500;
    /// <summary>Rendered HTML is at most this many times the Markdown, plus <see cref="HtmlSlack"/> for short texts with a link.</summary>
    public const int MaxHtmlRatio = 3;
    public const int HtmlSlack = 2_000;

    public const string TooComplexRule = "body.too-complex";
    public const string TooDeeplyNestedRule = "body.too-deeply-nested";
    public const string RendersTooLargeRule = "body.renders-too-large";

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    /// <summary>The safe HTML of <paramref name="markdown"/>, or a <see cref="ForumException"/> naming the limit it breaks.</summary>
    public string ToSafeHtml(string markdown, string field = "body")
    {
        CheckShape(markdown, field);
        MarkdownDocument document;
        string html;
        try
        {
            document = Markdown.Parse(markdown, _pipeline);
            if (document.Descendants().Take(MaxNodes + 1).Count() > MaxNodes)
            {
                throw ForumException.Invalid(field, TooComplexRule, $"This text has more than {MaxNodes:N0} Markdown elements; split it or simplify its formatting.");
            }
            if (TooManySiblings(document))
            {
                throw ForumException.Invalid(field, TooComplexRule,
                    $"This text has more than {MaxSiblings:N0} paragraphs, headings, list items, table rows, line breaks or formatted words side by side; split it or group them.");
            }
            html = document.ToHtml(_pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's only refusal of a string: its nesting limit ("elements too deeply nested").
            throw TooDeep(field);
        }
        CheckSize(markdown, html, field);
        var safe = _sanitizer.Sanitize(html);
        CheckSize(markdown, safe, field);
        return safe;
    }

    /// <summary>HTML from elsewhere (a machine translation of a rendered text) through the same sanitizer as rendered Markdown.</summary>
    public string Sanitize(string html) => _sanitizer.Sanitize(html);

    private static bool TooManySiblings(MarkdownDocument document)
    {
        static bool Crowded(ContainerInline inline) => inline.Take(MaxSiblings + 1).Count() > MaxSiblings;
        return document.Count > MaxSiblings
            || document.Descendants<ContainerBlock>().Any(block => block.Count > MaxSiblings)
            || document.Descendants<LeafBlock>().Any(leaf => leaf.Inline is { } root && (Crowded(root) || root.Descendants<ContainerInline>().Any(Crowded)));
    }

    /// <summary>One pass over the text, counting what makes parsing expensive, before Markdig sees it.</summary>
    private static void CheckShape(string markdown, string field)
    {
        int brackets = 0, delimiterRuns = 0, bareLinks = 0, pipes = 0, lines = 1, lineNesting = 0, indent = 0;
        var atLineStart = true;
        for (var i = 0; i < markdown.Length; i++)
        {
            var c = markdown[i];
            var previous = i > 0 ? markdown[i - 1] : '\n';
            if (atLineStart)
            {
                // Quote markers and list bullets before a line's text each open one more container, and so may
                // every two columns of indentation before a bullet (a sub-list needs at least that much).
                if (c is ' ' or '\t')
                {
                    indent += c == '\t' ? 4 : 1;
                    continue;
                }
                if (c == '>' || (c is '-' or '+' or '*' && i + 1 < markdown.Length && markdown[i + 1] is ' ' or '\t'))
                {
                    if (++lineNesting + indent / 2 > MaxLineNesting)
                    {
                        throw TooDeep(field);
                    }
                    continue;
                }
                if (char.IsAsciiDigit(c))
                {
                    var end = i;
                    while (end < markdown.Length && char.IsAsciiDigit(markdown[end]))
                    {
                        end++;
                    }
                    if (end + 1 < markdown.Length && markdown[end] is '.' or ')' && markdown[end + 1] is ' ' or '\t')
                    {
                        if (++lineNesting + indent / 2 > MaxLineNesting)
                        {
                            throw TooDeep(field);
                        }
                        i = end;
                        continue;
                    }
                }
                atLineStart = false;
            }
            switch (c)
            {
                case '\n':
                    lines++;
                    atLineStart = true;
                    lineNesting = 0;
                    indent = 0;
                    break;
                case '|':
                    pipes++;
                    break;
                case '[':
                    brackets++;
                    break;
                case '*' or '~' or '`' when previous != c:
                    delimiterRuns++;
                    break;
                // An underscore inside a word (snake_case, URLs) never opens emphasis.
                case '_' when previous != '_' && !(char.IsLetterOrDigit(previous) && i + 1 < markdown.Length && char.IsLetterOrDigit(markdown[i + 1])):
                    delimiterRuns++;
                    break;
                case '.' when i >= 3 && string.CompareOrdinal(markdown, i - 3, "www", 0, 3) == 0:
                case '/' when i >= 2 && markdown[i - 1] == '/' && markdown[i - 2] == ':':
                    bareLinks++;
                    break;
            }
        }
        if (brackets > MaxBrackets || delimiterRuns > MaxDelimiterRuns || bareLinks > MaxBareLinks || pipes > MaxPipes || lines > MaxLines)
        {
            throw ForumException.Invalid(field, TooComplexRule,
                $"This text has too much Markdown syntax to render: at most {MaxBrackets:N0} '[', {MaxDelimiterRuns:N0} runs of '*', '_', '~' or '`', " +
                $"{MaxBareLinks:N0} web addresses, {MaxPipes:N0} '|' and {MaxLines:N0} lines; it has {brackets:N0}, {delimiterRuns:N0}, {bareLinks:N0}, {pipes:N0} and {lines:N0}.");
        }
    }

    private static void CheckSize(string markdown, string html, string field)
    {
        var limit = (long)markdown.Length * MaxHtmlRatio + HtmlSlack;
        if (html.Length > limit)
        {
            throw ForumException.Invalid(field, RendersTooLargeRule,
                $"This text renders to {html.Length:N0} characters of HTML, more than {MaxHtmlRatio} times its length; use fewer bare links or less formatting.");
        }
    }

    private static ForumException TooDeep(string field) =>
        ForumException.Invalid(field, TooDeeplyNestedRule, $"This text nests quotes, lists, links or emphasis more than {MaxLineNesting} deep; flatten it.");

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("img");
        // Links written by users must not pass reputation to the targets or reach window.opener.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "nofollow ugc noopener");
            }
        };
        return sanitizer;
    }
}
