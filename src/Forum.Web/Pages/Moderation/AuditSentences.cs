using System.Globalization;
using System.Text.RegularExpressions;
using Forum.Web.Phases;

namespace Forum.Web.Pages.Moderation;

/// <summary>
/// An audit entry said as a sentence in the page's language: who did what, when ("Marie Dupont closed the phase on
/// 25 November 2026 at 10:00 (Paris time)."). The values come from the entry's columns and from its details, which
/// the services write in fixed shapes ("{opens} to {closes}", "before -> after", "synthesis no. 1 …; languages: fr");
/// an entry whose details do not match still reads, with what its columns say.
/// </summary>
public static partial class AuditSentences
{
    /// <summary>The actor's name: the account's public name, a deleted account's in the page's language.</summary>
    public static string Who(ModerationPageModel page, AuditView entry, IReadOnlyDictionary<string, (string Name, bool Deleted)> actors) =>
        actors.TryGetValue(entry.ActorId, out var actor) && !actor.Deleted ? actor.Name : page.T("account.deleted-user");

    /// <summary>"on 25 November 2026 at 10:00 (Paris time)".</summary>
    public static string When(ModerationPageModel page, DateTimeOffset local) =>
        page.T("audit.when", local.ToString(page.T("audit.date-format"), page.FormatCulture), page.Time(local), page.ZoneTime);

    /// <summary>"25 November 2026 at 10:00", a date the sentence names besides its own.</summary>
    private static string Date(ModerationPageModel page, DateTimeOffset local) => page.DateTime(local);

    public static string Sentence(ModerationPageModel page, AuditView entry, IReadOnlyDictionary<string, (string Name, bool Deleted)> actors)
    {
        var who = Who(page, entry, actors);
        var when = When(page, entry.At);
        var details = entry.Details ?? "";
        switch (entry.Action)
        {
            case "phase.opened-on-schedule" or "phase.closed-on-schedule":
                // No one did it: the phase reached a date of its schedule.
                return page.T($"audit.{entry.Action}", when);
            case "phase.create" or "phase.edit" or "phase.open" or "phase.close" or "phase.extend" or "phase.reopen":
                // The dates after the change: the last "{opens} to {closes}" of the details.
                var dates = DatesPattern().Matches(details);
                if (dates.Count == 0)
                {
                    return entry.Action is "phase.open" or "phase.close" ? page.T($"audit.{entry.Action}", who, when) : Other(page, entry, who, when);
                }
                var last = dates[^1];
                return page.T($"audit.{entry.Action}", who, when, Date(page, Instant(last.Groups["opens"].Value)), Date(page, Instant(last.Groups["closes"].Value)));
            case "synthesis.create" or "synthesis.edit" or "synthesis.translate" or "synthesis.publish" or "synthesis.unpublish":
                var number = SynthesisNumberPattern().Match(details);
                if (!number.Success)
                {
                    return Other(page, entry, who, when);
                }
                var codes = LanguagesPattern().Match(details) is { Success: true } listed
                    ? listed.Groups["codes"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    : [];
                var names = codes.Select(page.LanguageName).ToList();
                var languages = names.Count <= 1 ? string.Join("", names) : string.Join(", ", names[..^1]) + page.T("audit.and") + names[^1];
                return page.T($"audit.{entry.Action}", who, when, number.Groups["number"].Value, languages);
            case "contribution.hide" or "contribution.restore" or "report.uphold" or "report.dismiss" when entry.ContributionId is { } id:
                return page.T($"audit.{entry.Action}", who, when, id.ToString(CultureInfo.InvariantCulture));
            default:
                return Other(page, entry, who, when);
        }
    }

    private static string Other(ModerationPageModel page, AuditView entry, string who, string when) => page.T("audit.other", who, when, entry.Action);

    private static DateTimeOffset Instant(string written) =>
        DateTimeOffset.ParseExact(written, "yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<opens>\d{4}-\d{2}-\d{2} \d{2}:\d{2} [+-]\d{2}:\d{2}) to (?<closes>\d{4}-\d{2}-\d{2} \d{2}:\d{2} [+-]\d{2}:\d{2})")]
    private static partial Regex DatesPattern();

    [GeneratedRegex(@"^synthesis no\. (?<number>\d+)")]
    private static partial Regex SynthesisNumberPattern();

    [GeneratedRegex(@"languages?: (?<codes>[a-z, -]+)")]
    private static partial Regex LanguagesPattern();
}
