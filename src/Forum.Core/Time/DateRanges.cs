using System.Globalization;

namespace Forum.Core.Time;

/// <summary>
/// The days of a period written as a person would in a forum language: "from 9 to 21 September",
/// "du 28 septembre au 4 octobre", "del 20 de diciembre de 2026 al 10 de enero de 2027", "on 9 September".
/// Months are written only where they differ or end the phrase; years only where they differ, or once at
/// the end when the period is not in the reader's current year. Pure: the caller gives the zone and "now".
/// </summary>
public static class DateRanges
{
    /// <summary>
    /// The sentence frames of each language. They are grammar, not translatable texts: which frame is used,
    /// and where "de" goes in Spanish, depends on which parts of the dates are shown ("del 9 al 21 de
    /// septiembre" but "del 28 de septiembre al 4 de octubre"), so they live beside the code that picks
    /// the parts rather than in localization/. Month names come from .NET's culture data.
    /// </summary>
    private sealed record Grammar(
        string Range,      // {0} first day, {1} last day
        string SingleDay,  // {0} the day
        string DayMonth,   // {0} day number, {1} month name
        string MonthYear,  // {0} "day month", {1} year
        bool FirstOrdinal, // French writes the first of the month "1er"
        string Moment,     // {0} weekday, {1} the day, {2} the time
        string Culture);   // the culture used for a bare language code, and for the English fallback

    private static readonly Dictionary<string, Grammar> Grammars = new(StringComparer.Ordinal)
    {
        ["en"] = new("from {0} to {1}", "on {0}", "{0} {1}", "{0} {1}", false, "{0} {1} at {2}", "en-GB"),
        ["fr"] = new("du {0} au {1}", "le {0}", "{0} {1}", "{0} {1}", true, "{0} {1} à {2}", "fr-FR"),
        ["es"] = new("del {0} al {1}", "el {0}", "{0} de {1}", "{0} de {1}", false, "{0} {1} a las {2}", "es-ES"),
    };

    private const string DefaultLanguage = "en";

    /// <summary>
    /// The period from <paramref name="opensAtUtc"/> (inclusive) to <paramref name="closesAtUtc"/> (exclusive),
    /// as local days of <paramref name="zone"/>, in <paramref name="culture"/>: a language code ("fr") or a
    /// culture name ("fr-FR"). A culture that is unknown, or of a language without frames here, is written in
    /// English. Instants of an unspecified kind (as read from the database) are taken as UTC.
    /// </summary>
    public static string Format(DateTime opensAtUtc, DateTime closesAtUtc, TimeZoneInfo zone, string culture, DateTime nowUtc) =>
        Format(opensAtUtc, closesAtUtc, zone, Resolve(culture), nowUtc);

    /// <summary>
    /// As <see cref="Format(DateTime, DateTime, TimeZoneInfo, string, DateTime)"/>, with the culture a forum
    /// language is configured with (ForumLanguages.CultureOf), whose month names are used.
    /// </summary>
    public static string Format(DateTime opensAtUtc, DateTime closesAtUtc, TimeZoneInfo zone, CultureInfo culture, DateTime nowUtc)
    {
        if (!Grammars.TryGetValue(culture.TwoLetterISOLanguageName, out var grammar))
        {
            grammar = Grammars[DefaultLanguage];
            culture = CultureInfo.GetCultureInfo(grammar.Culture);
        }
        var (first, last) = Days(opensAtUtc, closesAtUtc, zone);
        var currentYear = LocalDate(nowUtc, zone).Year;
        string Day(DateOnly date, bool withMonth, bool withYear) => DayText(grammar, culture, date, withMonth, withYear);

        if (first == last)
        {
            return string.Format(culture, grammar.SingleDay, Day(first, withMonth: true, withYear: first.Year != currentYear));
        }
        // Different years are both written; otherwise the shared year is written once, at the end, and only
        // when it is not the current one.
        var yearsDiffer = first.Year != last.Year;
        var showYear = yearsDiffer || last.Year != currentYear;
        var firstWithMonth = yearsDiffer || first.Month != last.Month;
        return string.Format(culture, grammar.Range,
            Day(first, firstWithMonth, yearsDiffer),
            Day(last, withMonth: true, showYear));
    }

    /// <summary>
    /// An instant in <paramref name="zone"/> as a sentence writes it after "on", "le" or "el": its weekday, day and month
    /// (the year only when not the current one) and time: "Tuesday 1 December at 18:00", "mardi 1er décembre à 18:00",
    /// "martes 1 de diciembre a las 18:00".
    /// </summary>
    public static string Moment(DateTime atUtc, TimeZoneInfo zone, CultureInfo culture, DateTime nowUtc)
    {
        if (!Grammars.TryGetValue(culture.TwoLetterISOLanguageName, out var grammar))
        {
            grammar = Grammars[DefaultLanguage];
            culture = CultureInfo.GetCultureInfo(grammar.Culture);
        }
        var local = TimeZoneInfo.ConvertTimeFromUtc(AsUtc(atUtc), zone);
        var date = DateOnly.FromDateTime(local);
        var weekday = culture.DateTimeFormat.GetDayName(local.DayOfWeek);
        return string.Format(culture, grammar.Moment, weekday, DayText(grammar, culture, date, withMonth: true, withYear: date.Year != LocalDate(nowUtc, zone).Year),
            local.ToString("HH:mm", culture));
    }

    private static string DayText(Grammar grammar, CultureInfo culture, DateOnly date, bool withMonth, bool withYear)
    {
        var number = grammar.FirstOrdinal && date.Day == 1 ? "1er" : date.Day.ToString(culture);
        if (!withMonth)
        {
            return number;
        }
        var text = string.Format(culture, grammar.DayMonth, number, MonthName(date.Month, culture));
        return withYear ? string.Format(culture, grammar.MonthYear, text, date.Year.ToString(culture)) : text;
    }

    /// <summary>
    /// The first and last local days of the period. A period that closes exactly at local midnight ends, for a
    /// reader, on the day before: a phase open until 22 September 00:00 is open "until 21 September", so the
    /// last day is the local date of one tick before the closing.
    /// </summary>
    public static (DateOnly First, DateOnly Last) Days(DateTime opensAtUtc, DateTime closesAtUtc, TimeZoneInfo zone)
    {
        var opens = AsUtc(opensAtUtc);
        var closes = AsUtc(closesAtUtc);
        if (closes <= opens)
        {
            throw new ArgumentOutOfRangeException(nameof(closesAtUtc), "A period must close after it opens.");
        }
        return (LocalDate(opens, zone), LocalDate(closes.AddTicks(-1), zone));
    }

    private static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), zone));

    private static DateTime AsUtc(DateTime instant) => instant.Kind switch
    {
        DateTimeKind.Local => instant.ToUniversalTime(),
        _ => DateTime.SpecifyKind(instant, DateTimeKind.Utc),
    };

    // The genitive form is the one that follows a day number in languages that inflect months; French and
    // Spanish write months in lower case, which the culture data already does, lowered again to be sure.
    private static string MonthName(int month, CultureInfo culture)
    {
        var format = culture.DateTimeFormat;
        var name = format.MonthGenitiveNames[month - 1] is { Length: > 0 } genitive ? genitive : format.MonthNames[month - 1];
        return culture.TwoLetterISOLanguageName == "en" ? name : name.ToLower(culture);
    }

    private static CultureInfo Resolve(string? name)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            try
            {
                var culture = CultureInfo.GetCultureInfo(name.Trim(), predefinedOnly: true);
                // A bare language ("fr") uses the culture these frames were written for (fr-FR).
                return culture.IsNeutralCulture && Grammars.TryGetValue(culture.TwoLetterISOLanguageName, out var grammar)
                    ? CultureInfo.GetCultureInfo(grammar.Culture)
                    : culture;
            }
            catch (CultureNotFoundException)
            {
            }
        }
        return CultureInfo.GetCultureInfo(Grammars[DefaultLanguage].Culture);
    }
}
