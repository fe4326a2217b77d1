using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using Forum.Core.Contributions;
using Forum.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Forum.Synthesis.Exports;

public enum ExportFormat
{
    Csv,
    Json,
    Markdown,
}

/// <summary>One version of one contribution, with what a synthesis writer needs to know about both.</summary>
public sealed record ExportRow(
    long ContributionId, long? ParentId, DateTime CreatedAt, string Author, string OriginalLanguage, string Languages, int ReplyCount,
    string Language, string? Title, string Body, string VersionAuthor, DateTime UpdatedAt);

/// <summary>
/// A phase's visible contributions with all their versions, for people who write syntheses offline.
/// Rows stream from the database straight into the response: memory stays flat however large the phase.
/// </summary>
public sealed class PhaseExport(IForumData data, ForumClock clock)
{
    public static readonly IReadOnlyDictionary<string, ExportFormat> Extensions = new Dictionary<string, ExportFormat>(StringComparer.OrdinalIgnoreCase)
    {
        ["csv"] = ExportFormat.Csv, ["json"] = ExportFormat.Json, ["md"] = ExportFormat.Markdown,
    };

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Csv => "text/csv; charset=utf-8",
        ExportFormat.Json => "application/json; charset=utf-8",
        _ => "text/markdown; charset=utf-8",
    };

    public IAsyncEnumerable<ExportRow> Rows(int phaseId)
    {
        var db = data.Db;
        return (from v in db.Set<ContributionVersion>()
                join c in db.Set<Contribution>().Where(Contribution.VisibleTo(isModerator: false)) on v.ContributionId equals c.Id
                join author in data.AuthorNames on c.AuthorId equals author.Id
                join translator in data.AuthorNames on v.AuthorId equals translator.Id
                where c.PhaseId == phaseId
                orderby c.Id, v.Language == c.OriginalLanguage ? 0 : 1, v.Language
                select new ExportRow(c.Id, c.ParentId, c.CreatedAt, author.Name, c.OriginalLanguage, c.Languages, c.ReplyCount,
                    v.Language, v.Title, v.Body, translator.Name, v.UpdatedAt))
            .AsNoTracking().AsAsyncEnumerable();
    }

    public async Task WriteAsync(int phaseId, ExportFormat format, Stream output, CancellationToken cancellation = default)
    {
        var rows = await StartAsync(Rows(phaseId), cancellation);
        await (format switch
        {
            ExportFormat.Csv => WriteCsvAsync(rows, output, cancellation),
            ExportFormat.Json => WriteJsonAsync(phaseId, rows, output, cancellation),
            _ => WriteMarkdownAsync(phaseId, rows, output, cancellation),
        });
    }

    /// <summary>
    /// Runs the query and reads its first row before anything is written, so that a failing query
    /// still gets a proper error response instead of a file cut short.
    /// </summary>
    private static async Task<IAsyncEnumerable<T>> StartAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellation)
    {
        var enumerator = rows.GetAsyncEnumerator(cancellation);
        var hasRow = await enumerator.MoveNextAsync();
        return Remaining(enumerator, hasRow);

        static async IAsyncEnumerable<T> Remaining(IAsyncEnumerator<T> enumerator, bool hasRow)
        {
            await using (enumerator)
            {
                while (hasRow)
                {
                    yield return enumerator.Current;
                    hasRow = await enumerator.MoveNextAsync();
                }
            }
        }
    }

    private const int FlushEvery = 500;

    /// <summary>One line per version. UTF-8 with a byte-order mark and CRLF so that Excel opens accents and line breaks right; every cell quoted, cells that start like a formula escaped.</summary>
    public async Task WriteCsvAsync(IAsyncEnumerable<ExportRow> rows, Stream output, CancellationToken cancellation)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(writer, CsvFormat.Configuration());
        foreach (var header in new[] { "contribution_id", "reply_to", "posted_at", "author", "original_language", "languages", "replies", "language", "is_original", "title", "body", "version_author", "version_updated_at" })
        {
            csv.WriteField(header);
        }
        await csv.NextRecordAsync();
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellation))
        {
            csv.WriteField(row.ContributionId);
            csv.WriteField(row.ParentId);
            csv.WriteField(Local(row.CreatedAt));
            csv.WriteField(CsvFormat.Text(row.Author));
            csv.WriteField(row.OriginalLanguage);
            csv.WriteField(row.Languages.Replace(',', ' '));
            csv.WriteField(row.ReplyCount);
            csv.WriteField(row.Language);
            csv.WriteField(row.Language == row.OriginalLanguage ? "yes" : "no");
            csv.WriteField(CsvFormat.Text(row.Title));
            csv.WriteField(CsvFormat.Text(row.Body));
            csv.WriteField(CsvFormat.Text(row.VersionAuthor));
            csv.WriteField(Local(row.UpdatedAt));
            await csv.NextRecordAsync();
            if (++count % FlushEvery == 0)
            {
                await csv.FlushAsync();
            }
        }
    }

    /// <summary>One object per contribution with its versions nested; rows arrive grouped by contribution.</summary>
    public async Task WriteJsonAsync(int phaseId, IAsyncEnumerable<ExportRow> rows, Stream output, CancellationToken cancellation)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteNumber("phaseId", phaseId);
        json.WriteString("exportedAt", Local(clock.UtcNow));
        json.WriteStartArray("contributions");
        long? current = null;
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellation))
        {
            if (row.ContributionId != current)
            {
                if (current is not null)
                {
                    json.WriteEndArray();
                    json.WriteEndObject();
                    if (++count % FlushEvery == 0)
                    {
                        await json.FlushAsync(cancellation);
                    }
                }
                current = row.ContributionId;
                json.WriteStartObject();
                json.WriteNumber("id", row.ContributionId);
                if (row.ParentId is { } parent)
                {
                    json.WriteNumber("replyTo", parent);
                }
                else
                {
                    json.WriteNull("replyTo");
                }
                json.WriteString("postedAt", Local(row.CreatedAt));
                json.WriteString("author", row.Author);
                json.WriteString("originalLanguage", row.OriginalLanguage);
                json.WriteStartArray("languages");
                foreach (var language in row.Languages.Split(','))
                {
                    json.WriteStringValue(language);
                }
                json.WriteEndArray();
                json.WriteNumber("replies", row.ReplyCount);
                json.WriteStartArray("versions");
            }
            json.WriteStartObject();
            json.WriteString("language", row.Language);
            json.WriteBoolean("isOriginal", row.Language == row.OriginalLanguage);
            json.WriteString("title", row.Title);
            json.WriteString("body", row.Body);
            json.WriteString("author", row.VersionAuthor);
            json.WriteString("updatedAt", Local(row.UpdatedAt));
            json.WriteEndObject();
        }
        if (current is not null)
        {
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// A readable document: one section per contribution, each version under its language. Bodies are
    /// written verbatim inside a code fence longer than any backtick run they hold, so no body can end
    /// its entry early, pose as another one, or pass raw HTML to a Markdown viewer.
    /// </summary>
    public async Task WriteMarkdownAsync(int phaseId, IAsyncEnumerable<ExportRow> rows, Stream output, CancellationToken cancellation)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true);
        await writer.WriteAsync($"# Phase {phaseId}: contributions\n\nExported {Local(clock.UtcNow)}.\n");
        long? current = null;
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellation))
        {
            if (row.ContributionId != current)
            {
                current = row.ContributionId;
                var kind = row.ParentId is { } parent ? $"Reply {row.ContributionId} to {parent}" : $"Contribution {row.ContributionId}";
                await writer.WriteAsync($"\n---\n\n## {kind}\n\n{Escape(row.Author)}, {Local(row.CreatedAt)}; written in {row.OriginalLanguage}, available in {row.Languages.Replace(",", ", ")}.\n");
                if (++count % FlushEvery == 0)
                {
                    await writer.FlushAsync(cancellation);
                }
            }
            var original = row.Language == row.OriginalLanguage ? "original" : $"translation by {Escape(row.VersionAuthor)}";
            await writer.WriteAsync($"\n### {row.Language} ({original})\n\n");
            if (!string.IsNullOrWhiteSpace(row.Title))
            {
                await writer.WriteAsync($"**{Escape(row.Title)}**\n\n");
            }
            var body = row.Body.Replace("\r\n", "\n").Replace('\r', '\n');
            var fence = new string('`', Math.Max(3, LongestRun(body, '`') + 1));
            await writer.WriteAsync($"{fence}markdown\n{body}\n{fence}\n");
        }
    }

    private string Local(DateTime utc) => clock.ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static int LongestRun(string text, char ch)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == ch ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    // Names and titles are plain text: keep them from turning into Markdown markup.
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if ("\\`*_{}[]<>()#+-.!|".Contains(ch))
            {
                escaped.Append('\\');
            }
            escaped.Append(ch == '\n' || ch == '\r' ? ' ' : ch);
        }
        return escaped.ToString();
    }
}
