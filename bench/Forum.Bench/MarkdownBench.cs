using System.Diagnostics;
using Forum.Core.Errors;
using Forum.Core.Text;
using Forum.Testing;

namespace Forum.Bench;

/// <summary>
/// bench/run.sh --markdown: renders (or refuses) each input of the pathological corpus at the body's full length and
/// prints the worst time, the rendering done on every post, reply, translation, edit and synthesis.
/// </summary>
public static class MarkdownBench
{
    public static int Run(TextWriter output)
    {
        var renderer = new MarkdownRenderer();
        // For scale: an ordinary long text, richly formatted, that every limit lets through. Rendered first a few
        // times, so that the JIT has optimised Markdig and HtmlSanitizer before anything is measured.
        var paragraph = "Les monnaies locales **relocalisent** l'économie, voir [le rapport](https://example.org/rapport) et www.example.org.\n\n- un point\n- deux *points*\n\n";
        var real = string.Concat(Enumerable.Repeat(paragraph, PathologicalMarkdown.Length / paragraph.Length));
        for (var run = 0; run < 20; run++)
        {
            renderer.ToSafeHtml(real);
        }
        var worst = (Name: "", Milliseconds: 0.0, Cpu: 0.0);
        var process = Process.GetCurrentProcess();
        var largest = (Name: "", Html: 0);
        foreach (var (name, text) in PathologicalMarkdown.Corpus())
        {
            // Best of three (one when slow), so that another process taking the core does not count as the renderer's time;
            // the process's CPU time is shown beside it, since a shared machine stretches the wall clock.
            var best = double.MaxValue;
            var bestCpu = double.MaxValue;
            string outcome = "";
            for (var run = 0; run < 3 && (run == 0 || best < 1000); run++)
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                try
                {
                    var html = renderer.ToSafeHtml(text);
                    outcome = $"rendered {html.Length:N0} chars";
                    if (html.Length > largest.Html)
                    {
                        largest = (name, html.Length);
                    }
                }
                catch (ForumException e)
                {
                    outcome = $"refused ({e.Rule})";
                }
                catch (Exception e)
                {
                    outcome = $"failed ({e.GetType().Name}: {e.Message})";
                }
                best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
                process.Refresh();
                bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            }
            output.WriteLine($"{name,-45} {best,9:0.0} ms ({bestCpu,7:0.0} ms CPU)  {outcome}");
            if (best > worst.Milliseconds)
            {
                worst = (name, best, bestCpu);
            }
        }
        var realBest = double.MaxValue;
        var realHtml = "";
        for (var run = 0; run < 5; run++)
        {
            var realClock = Stopwatch.StartNew();
            realHtml = renderer.ToSafeHtml(real);
            realBest = Math.Min(realBest, realClock.Elapsed.TotalMilliseconds);
        }
        output.WriteLine($"{"(an ordinary text, for scale: best of 5)",-45} {realBest,9:0.0} ms  rendered {realHtml.Length:N0} chars");
        output.WriteLine($"worst render or refusal of {PathologicalMarkdown.Length:N0} characters: {worst.Milliseconds:0.0} ms, {worst.Cpu:0.0} ms of CPU ({worst.Name}); largest HTML {largest.Html:N0} chars ({largest.Name})");
        return 0;
    }
}
