using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper.Configuration;

namespace Forum.Synthesis.Exports;

/// <summary>How every CSV file of the forum is written, so that no cell can start a row or a formula of its own.</summary>
public static partial class CsvFormat
{
    /// <summary>
    /// Every cell quoted: spreadsheets and Python's csv end a row at a bare LF or CR outside quotes,
    /// which CsvHelper would not quote with a CRLF new line. Cells starting like a formula get an apostrophe.
    /// </summary>
    public static CsvConfiguration Configuration() => new(CultureInfo.InvariantCulture)
    {
        NewLine = "\r\n",
        ShouldQuote = _ => true,
        InjectionOptions = InjectionOptions.Escape,
    };

    /// <summary>A text cell with its line breaks written one way, CRLF, as Excel reads them inside a cell.</summary>
    public static string? Text(string? text) => text is null ? null : LineBreak().Replace(text, "\r\n");

    [GeneratedRegex("\r\n|\r|\n|\u0085|\u2028|\u2029")]
    private static partial Regex LineBreak();
}
