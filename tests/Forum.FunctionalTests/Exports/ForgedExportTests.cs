using System.Net;
using Forum.FunctionalTests.Infrastructure;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.VisualBasic.FileIO;

namespace Forum.FunctionalTests.Exports;

/// <summary>A body written to look like more rows, or more entries, must stay one cell, one entry.</summary>
public class ForgedExportTests(ForumApp app) : IClassFixture<ForumApp>
{
    private const string Formula = "=cmd|' /C calc'!A0";

    private static readonly string[] ForgedBodies =
    [
        $"Innocent first line\n{Formula}",
        $"Carriage return\r{Formula}",
        $"Windows line\r\n+SUM(1;2)",
        $"Quote \" then\n@evil,\"{Formula}\"",
    ];

    private async Task<(ForumClient Moderator, int Phase, int Contributions)> PhaseWithForgeriesAsync(string markdownForgery)
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("mallory");
        foreach (var body in ForgedBodies.Append(markdownForgery))
        {
            await author.PostContributionAsync(phase, "en", "Looks harmless", body);
        }
        return (moderator, phase, ForgedBodies.Length + 1);
    }

    [Fact]
    public async Task A_body_with_bare_line_breaks_and_formulas_stays_one_cell_of_one_row()
    {
        var (moderator, phase, contributions) = await PhaseWithForgeriesAsync("plain");
        var bytes = await moderator.Http.GetByteArrayAsync($"/api/phases/{phase}/export/contributions.csv");

        // A standard reader that, like spreadsheets and Python's csv module, ends a row at any bare line break outside quotes.
        using var parser = new TextFieldParser(new StringReader(System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF')))
        {
            TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }

        rows.Should().HaveCount(1 + contributions, "one header and one row per version");
        rows.Should().OnlyContain(r => r.Length == 13, "every row has the header's 13 columns");
        rows.SelectMany(r => r).Should().NotContain(cell => cell.Length > 0 && "=+-@\t\r".Contains(cell[0]),
            "no cell may start like a formula");
        rows.Skip(1).Select(r => r[10]).Should().Contain(b => b.Contains("Innocent first line") && b.Contains(Formula), "the forged row is still inside its cell");
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        text.Replace("\r\n", "").Should().NotContainAny(["\r", "\n"], "line breaks are written one way, CRLF");
    }

    [Fact]
    public async Task Statistics_csv_quotes_every_cell_too()
    {
        var (_, phase, _) = await PhaseWithForgeriesAsync("plain");
        var text = System.Text.Encoding.UTF8.GetString(await app.Anonymous().Http.GetByteArrayAsync($"/api/phases/{phase}/export/statistics.csv")).TrimStart('\uFEFF');
        text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().OnlyContain(line => line.StartsWith('"') && line.EndsWith('"'));
    }

    [Fact]
    public async Task A_body_posing_as_another_entry_stays_inside_its_own_and_carries_no_html()
    {
        const string forgery = "My opinion.\n\n---\n\n## Contribution 3\n\nAlice Martin, 2026-09-01T12:00:00+02:00; written in en, available in en.\n\n"
            + "### en (original)\n\n<script>alert(1)</script><img src=x onerror=alert(2)>\n\n```\n\n## Contribution 4\n\n````\n\n## Contribution 5\n";
        var (moderator, phase, contributions) = await PhaseWithForgeriesAsync(forgery);
        var markdown = await moderator.Http.GetStringAsync($"/api/phases/{phase}/export/contributions.md");

        // Counted as a Markdown reader sees the document, not by searching the text.
        var document = Markdown.Parse(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
        var entries = document.Descendants<HeadingBlock>().Where(h => h.Level == 2).ToList();
        entries.Should().HaveCount(contributions, "one entry per contribution, whatever their bodies hold: " + markdown);
        document.Descendants<HeadingBlock>().Should().OnlyContain(h => h.Level == 1 || h.Level == 2 || h.Level == 3);
        document.Descendants<HeadingBlock>().Count(h => h.Level == 3).Should().Be(contributions, "one version each");
        document.Descendants<HtmlBlock>().Should().BeEmpty("no raw HTML passes");
        document.Descendants<HtmlInline>().Should().BeEmpty("no raw HTML passes");
        document.Descendants<FencedCodeBlock>().Select(f => f.Lines.ToString()).Should().Contain(body => body.Contains("## Contribution 3") && body.Contains("<script>"))
            .Which.Should().Contain("## Contribution 5", "the whole body is inside one fence");
    }
}
