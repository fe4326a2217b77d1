using System.Diagnostics;
using System.Text;
using Forum.Synthesis.Summaries;

namespace Forum.Bench;

/// <summary>
/// bench/run.sh --summarizer [--draft-contributions N]: the draft summarizer alone, in this process, on N generated English
/// contributions (10,000 by default): the first call (mostly the JIT), the best of three later calls and what one allocates.
/// The server's own drafts (reading the database too) are measured by the main benchmark.
/// </summary>
public static class SummarizerBench
{
    private static readonly string[] Subjects =
    [
        "The neighbourhood cooperative", "Our food bank", "A local credit union", "The repair café", "Young farmers",
        "The town council", "Volunteer drivers", "A housing association", "The regional network", "Small producers",
    ];

    private static readonly string[] Verbs =
    [
        "supports", "finances", "trains", "welcomes", "connects", "advises", "organises", "shares", "protects", "employs",
    ];

    private static readonly string[] Objects =
    [
        "unemployed residents", "seasonal workers", "elderly tenants", "family gardens", "recycling workshops",
        "short supply chains", "shared kitchens", "rural schools", "solar panels", "bicycle repairs", "cultural events",
    ];

    private static readonly string[] Places =
    [
        "in the valley", "across the district", "near the river port", "in mountain villages", "around the old market",
        "in the suburbs", "along the coast", "in the city centre",
    ];

    private static readonly string[] Endings =
    [
        "with modest public funding", "thanks to patient members", "despite rising energy prices", "every second weekend",
        "through a democratic assembly", "without any outside investor", "after a long consultation", "since last spring",
    ];

    public static int Run(int count, TextWriter output)
    {
        var sources = GenerateCorpus(count, new Random(42));
        var summarizer = new DraftSummarizer();

        var cold = Stopwatch.StartNew();
        var result = summarizer.Summarize("en", sources);
        cold.Stop();

        var best = double.MaxValue;
        var allocated = long.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            summarizer.Summarize("en", sources);
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
            allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        output.WriteLine($"draft summarizer, {result.ContributionCount:N0} generated contributions ({result.SentenceCount:N0} sentences): "
            + $"first call {cold.Elapsed.TotalMilliseconds:0} ms, then best of 3 {best:0} ms, {allocated / (1024 * 1024):N0} MB allocated per call; "
            + $"{result.Sentences.Count} sentences and {result.KeyTerms.Count} key terms kept");
        return 0;
    }

    // About 100 words in 6 sentences each, with a numbered project name so the vocabulary keeps growing.
    private static List<SummarySource> GenerateCorpus(int count, Random random)
    {
        var sources = new List<SummarySource>(count);
        var text = new StringBuilder();
        for (var id = 1; id <= count; id++)
        {
            text.Clear();
            for (var sentence = 0; sentence < 6; sentence++)
            {
                text.Append(Pick(Subjects, random)).Append(' ').Append(Pick(Verbs, random)).Append(' ')
                    .Append(Pick(Objects, random)).Append(" and ").Append(Pick(Objects, random)).Append(' ')
                    .Append(Pick(Places, random)).Append(' ').Append(Pick(Endings, random))
                    .Append(" for project Coop").Append(random.Next(5_000)).Append(". ");
                if (sentence == 2)
                {
                    text.Append("\n\n");
                }
            }

            sources.Add(new SummarySource(id, text.ToString()));
        }

        return sources;
    }

    private static string Pick(string[] words, Random random) => words[random.Next(words.Length)];
}
