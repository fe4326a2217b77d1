using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax.Inlines;

namespace Forum.Synthesis.Summaries;

/// <summary>
/// Markdown to plain text with the same parsing options as the forum's renderer, so that a line break
/// in the output always means a new block (paragraph, list item, heading, table row) or a hard break.
/// </summary>
internal static class MarkdownPlainText
{
    // Markdig pipelines are immutable once built and safe to share between threads.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .DisableHtml()
        .Use<SoftLineBreakAsSpaceExtension>()
        .Build();

    public static string Convert(string? markdown) =>
        string.IsNullOrEmpty(markdown) ? string.Empty : Markdown.ToPlainText(markdown, Pipeline);

    // By default the plain text output keeps soft line breaks (a wrapped source line) as '\n',
    // which the sentence splitter could not tell from a paragraph end.
    private sealed class SoftLineBreakAsSpaceExtension : IMarkdownExtension
    {
        public void Setup(MarkdownPipelineBuilder pipeline)
        {
        }

        public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
        {
            if (renderer is HtmlRenderer html)
            {
                html.ObjectRenderers.ReplaceOrAdd<LineBreakInlineRenderer>(new PlainLineBreakRenderer());
            }
        }
    }

    private sealed class PlainLineBreakRenderer : HtmlObjectRenderer<LineBreakInline>
    {
        protected override void Write(HtmlRenderer renderer, LineBreakInline obj)
        {
            if (obj.IsHard)
            {
                renderer.WriteLine();
            }
            else
            {
                renderer.Write(' ');
            }
        }
    }
}
