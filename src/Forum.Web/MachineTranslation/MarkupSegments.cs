using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Forum.Web.MachineTranslation;

/// <summary>
/// Markdown sent to a translation service and put back together, for a draft a person edits. Only the words of
/// paragraphs, headings and table cells are sent; everything else keeps its bytes: code blocks, quotes' and lists'
/// markers, tables' pipes (never sent), and inside a text inline code, link addresses, emphasis marks and line
/// breaks with the next line's markers (sent as empty placeholder elements, which the services' HTML modes keep).
/// </summary>
public static partial class MarkupSegments
{
    /// <summary>One text to translate: where it stands in the Markdown, its HTML with placeholders, and what each placeholder stands for.</summary>
    public sealed record Segment(int Start, int End, string Html, IReadOnlyList<string> Kept);

    // The renderer's syntax, with the positions of inlines in the source.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .DisableHtml()
        .UsePreciseSourceLocation()
        .Build();

    public static IReadOnlyList<Segment> Split(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var segments = new List<Segment>();
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block is CodeBlock || block.Inline is null)
            {
                continue;
            }
            var pieces = new List<(int Start, int End, bool Words)>();
            Collect(block.Inline, pieces);
            if (pieces.Count == 0 || !pieces.Any(p => p.Words))
            {
                continue;
            }
            segments.Add(Build(markdown, pieces));
        }
        return segments;
    }

    /// <summary>The Markdown with each segment replaced by its translation, the placeholders turned back into what they kept.</summary>
    public static string Join(string markdown, IReadOnlyList<Segment> segments, IReadOnlyList<string> translated)
    {
        var result = new StringBuilder(markdown.Length + markdown.Length / 4);
        var at = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            result.Append(markdown, at, segment.Start - at);
            // The segment's own spaces at its ends (a table cell's before its pipe) stay as they were.
            var original = markdown.AsSpan(segment.Start, segment.End - segment.Start + 1);
            result.Append(original[..^original.TrimStart(' ').Length]);
            result.Append(Restore(translated[i], segment.Kept).Trim(' '));
            result.Append(original[original.TrimEnd(' ').Length..]);
            at = segment.End + 1;
        }
        result.Append(markdown, at, markdown.Length - at);
        return result.ToString();
    }

    /// <summary>Plain text (a title) as HTML to send, and back.</summary>
    public static string TextToHtml(string text) => Encode(text);

    /// <summary>Only what HTML needs escaped: letters with accents go as they are, which the services read best.</summary>
    private static string Encode(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public static string HtmlToText(string html) => Whitespace().Replace(WebUtility.HtmlDecode(AnyTag().Replace(html, "")), " ").Trim();

    /// <summary>Stored, sanitized HTML to send to a reader's translation: code is marked not to be translated.</summary>
    public static string ForReaders(string html) => CodeOpening().Replace(html, m => $"<{m.Groups[1].Value} translate=\"no\">");

    /// <summary>The leaves of an inline tree in source order: literal text is words, anything else is kept as written.</summary>
    private static void Collect(Inline inline, List<(int Start, int End, bool Words)> pieces)
    {
        switch (inline)
        {
            // An address written as a link's text is kept whole, and so is everything between a link's label and its end.
            case LinkInline { IsAutoLink: true }:
            case AutolinkInline:
            case CodeInline:
                pieces.Add((inline.Span.Start, inline.Span.End, false));
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Collect(child, pieces);
                }
                break;
            case LiteralInline literal when literal.Span.Length > 0:
                pieces.Add((literal.Span.Start, literal.Span.End, true));
                break;
            default:
                if (inline.Span.Length > 0)
                {
                    pieces.Add((inline.Span.Start, inline.Span.End, false));
                }
                break;
        }
    }

    private static Segment Build(string markdown, List<(int Start, int End, bool Words)> pieces)
    {
        var html = new StringBuilder();
        var kept = new List<string>();
        var keeping = new StringBuilder();
        var start = pieces[0].Start;
        var at = start;
        void Keep(string text) => keeping.Append(text);
        void Flush()
        {
            if (keeping.Length == 0)
            {
                return;
            }
            var text = keeping.ToString();
            keeping.Clear();
            // A placeholder in the middle of words keeps their separation, so the service does not read them as one.
            var spaced = text.Contains('\n') || text.StartsWith(' ');
            html.Append(spaced ? " " : "").Append($"<x translate=\"no\" id=\"{kept.Count}\"></x>");
            kept.Add(text);
        }
        foreach (var (pieceStart, pieceEnd, words) in pieces.OrderBy(p => p.Start))
        {
            if (pieceStart < at)
            {
                continue;
            }
            // What lies between two leaves is syntax: a link's brackets and address, emphasis marks, the next line's markers.
            if (pieceStart > at)
            {
                Keep(markdown[at..pieceStart]);
            }
            if (words)
            {
                Flush();
                html.Append(Encode(markdown[pieceStart..(pieceEnd + 1)]));
            }
            else
            {
                Keep(markdown[pieceStart..(pieceEnd + 1)]);
            }
            at = pieceEnd + 1;
        }
        // Trailing syntax (a closing emphasis mark) stays in the segment, so that the whole block is rebuilt.
        Flush();
        return new Segment(start, at - 1, html.ToString(), kept);
    }

    /// <summary>Translated HTML back to Markdown: placeholders restored, any other markup dropped, entities decoded; a lost placeholder is put at the end.</summary>
    private static string Restore(string html, IReadOnlyList<string> kept)
    {
        var result = new StringBuilder();
        var used = new bool[kept.Count];
        var lineStart = false;
        void Text(string part)
        {
            var text = WebUtility.HtmlDecode(AnyTag().Replace(part, ""));
            // After a kept line break the next line starts with its own markers, not with the space the service left.
            result.Append(lineStart ? text.TrimStart(' ') : text);
            lineStart &= text.Length == 0 || text.All(c => c == ' ');
        }
        void Kept(string text)
        {
            if (text.Contains('\n'))
            {
                // The line ends where the kept break starts: no trailing space (two would make a hard break).
                while (result.Length > 0 && result[^1] == ' ')
                {
                    result.Length--;
                }
            }
            result.Append(text);
            lineStart = text.Contains('\n');
        }
        var at = 0;
        foreach (Match placeholder in Placeholder().Matches(html))
        {
            Text(html[at..placeholder.Index]);
            at = placeholder.Index + placeholder.Length;
            if (int.TryParse(placeholder.Groups[1].ValueSpan, out var index) && index < kept.Count && !used[index])
            {
                used[index] = true;
                Kept(kept[index]);
            }
        }
        Text(html[at..]);
        for (var i = 0; i < kept.Count; i++)
        {
            if (!used[i])
            {
                Kept(kept[i].Contains('\n') ? " " : kept[i]);
            }
        }
        return result.ToString().TrimEnd();
    }

    [GeneratedRegex(@"<x\b[^>]*?\bid\s*=\s*[""']?(\d+)[""']?[^>]*>(?:\s*</x\s*>)?", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<(code|pre)>")]
    private static partial Regex CodeOpening();
}
