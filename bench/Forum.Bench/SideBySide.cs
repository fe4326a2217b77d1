using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Forum.Bench;

/// <param name="Format">How the value is shown, e.g. "N0" or "0.00".</param>
public sealed record Figure(string Name, double Value, string Format);

/// <summary>The main figures of one run, written as JSON so that runs on different databases can be set side by side.</summary>
public sealed record FigureSet(string Database, string Settings, string Started, string LoadAverages, List<Figure> Figures)
{
    // NaN stands for a figure a database does not have (SQLite has no processes of its own).
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static FigureSet Read(string path) =>
        JsonSerializer.Deserialize<FigureSet>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} holds no figures.");
}

/// <summary>Two runs' figures in one table, the second's as a ratio of the first's.</summary>
public static class SideBySide
{
    public static int Run(string[] args, TextWriter output)
    {
        if (args.Length is not (2 or 4) || (args.Length == 4 && args[2] != "--results"))
        {
            output.WriteLine("usage: Forum.Bench --side-by-side <first figures.json> <second figures.json> [--results <file>]");
            return 2;
        }
        var (first, second) = (FigureSet.Read(args[0]), FigureSet.Read(args[1]));
        var table = Table(first, second);
        output.Write(table);
        if (args.Length == 4)
        {
            File.WriteAllText(args[3], table);
            output.WriteLine($"written to {args[3]}");
        }
        return 0;
    }

    public static string Table(FigureSet first, FigureSet second)
    {
        var text = new StringBuilder();
        foreach (var run in new[] { first, second })
        {
            text.AppendLine($"{run.Database}, started {run.Started}: {run.Settings}; load average {run.LoadAverages}");
        }
        var rows = first.Figures.Select(f => (f.Name, First: (Figure?)f, Second: second.Figures.FirstOrDefault(s => s.Name == f.Name)))
            .Concat(second.Figures.Where(s => first.Figures.All(f => f.Name != s.Name)).Select(s => (s.Name, First: (Figure?)null, Second: (Figure?)s)))
            .Select(r => (r.Name, A: Show(r.First), B: Show(r.Second), Ratio: Ratio(r.First, r.Second)))
            .ToList();
        var widths = new[]
        {
            rows.Max(r => r.Name.Length), Math.Max(first.Database.Length, rows.Max(r => r.A.Length)),
            Math.Max(second.Database.Length, rows.Max(r => r.B.Length)), $"{second.Database} / {first.Database}".Length,
        };
        text.AppendLine()
            .AppendLine(Row(widths, "figure", first.Database, second.Database, $"{second.Database} / {first.Database}"))
            .AppendLine(Row(widths, new string('-', widths[0]), new string('-', widths[1] - 1) + ":", new string('-', widths[2] - 1) + ":", new string('-', widths[3] - 1) + ":"));
        foreach (var (name, a, b, ratio) in rows)
        {
            text.AppendLine(Row(widths, name, a, b, ratio));
        }
        return text.ToString();
    }

    // "—" where a run has no such figure, e.g. the memory of SQLite's own processes: it runs inside the server.
    private static string Show(Figure? figure) =>
        figure is null || double.IsNaN(figure.Value) ? "—" : figure.Value.ToString(figure.Format, CultureInfo.InvariantCulture);

    private static string Ratio(Figure? a, Figure? b) =>
        a is null || b is null || double.IsNaN(a.Value) || double.IsNaN(b.Value) || a.Value == 0
            ? "" : (b.Value / a.Value).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Row(int[] widths, params string[] cells) =>
        "| " + string.Join(" | ", cells.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))) + " |";
}
