using System.Globalization;
using System.Text;
using CsvHelper;
using Forum.Synthesis.Statistics;

namespace Forum.Synthesis.Exports;

/// <summary>Statistics as a flat table: one line per figure, grouped by section.</summary>
public static class StatisticsExport
{
    public static async Task WriteCsvAsync(ContributionStatistics statistics, Stream output, CancellationToken cancellation = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, CsvFormat.Configuration());
        async Task Line(string section, string item, int count, double? share = null)
        {
            csv.WriteField(section);
            csv.WriteField(item);
            csv.WriteField(count);
            csv.WriteField(share?.ToString("0.####", CultureInfo.InvariantCulture));
            await csv.NextRecordAsync();
        }
        foreach (var header in new[] { "section", "item", "count", "share" })
        {
            csv.WriteField(header);
        }
        await csv.NextRecordAsync();
        await Line("total", "contributions", statistics.Contributions);
        await Line("total", "replies", statistics.Replies);
        await Line("total", "contributors", statistics.Contributors);
        foreach (var combination in statistics.Combinations)
        {
            await Line("combination", string.Join(' ', combination.Languages), combination.Count);
        }
        foreach (var original in statistics.OriginalLanguages)
        {
            await Line("original_language", original.Language, original.Count);
        }
        foreach (var coverage in statistics.Coverage)
        {
            await Line("readable_in", coverage.Language, coverage.Readable, coverage.Share);
            await Line("missing_translation", coverage.Language, coverage.Missing);
            await Line("outdated_translation", coverage.Language, coverage.Outdated);
        }
        foreach (var day in statistics.PerDay)
        {
            await Line("day", day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.Count);
        }
    }
}
