using System.Diagnostics;
using System.Text;
using Forum.Synthesis.Summaries;
using Xunit.Abstractions;

namespace Forum.UnitTests.Summaries;

public class DraftSummarizerPerformanceTests(ITestOutputHelper output)
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

    [Fact]
    public void Summarize_10000_generated_contributions_stays_fast()
    {
        var sources = GenerateCorpus(10_000, new Random(42));
        var summarizer = new DraftSummarizer();

        // The first call in a process mostly measures the JIT; it is printed too, the second one is the steady state.
        var coldStopwatch = Stopwatch.StartNew();
        summarizer.Summarize("en", sources);
        coldStopwatch.Stop();

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        var result = summarizer.Summarize("en", sources);
        stopwatch.Stop();
        var allocatedMegabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (1024 * 1024);

        output.WriteLine($"10,000 contributions, {result.SentenceCount} sentences: first call {coldStopwatch.ElapsedMilliseconds} ms, "
            + $"second call {stopwatch.ElapsedMilliseconds} ms, {allocatedMegabytes} MB allocated by the second call");
        result.ContributionCount.Should().Be(10_000);
        result.Sentences.Should().HaveCount(5);
        result.KeyTerms.Should().HaveCount(10);
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
