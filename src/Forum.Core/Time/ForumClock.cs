using Forum.Core.Errors;

namespace Forum.Core.Time;

/// <summary>
/// Current time and the forum's time zone. Dates are stored in UTC and entered and shown in the
/// forum's zone; the clock comes from <see cref="TimeProvider"/> so tests can move it.
/// </summary>
public sealed class ForumClock(TimeProvider time, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new ArgumentException($"Unknown time zone '{id}'. Use an IANA name such as Europe/Paris.");
        }
    }

    /// <summary>
    /// Reads an instant entered by a person. A time without offset is a wall-clock time in the forum's
    /// zone: one that does not exist (skipped by a daylight-saving change) is refused; one that occurs
    /// twice (clocks set back) is taken at its first occurrence.
    /// </summary>
    public DateTime ToUtc(DateTime entered, string field)
    {
        // Far dates are typing mistakes, and near DateTime's ends the zone arithmetic would overflow.
        if (entered.Year is < 2000 or > 9000)
        {
            throw ForumException.Invalid(field, "time.out-of-range", $"{entered:yyyy-MM-dd} is out of range: give a date between the years 2000 and 9000.");
        }
        switch (entered.Kind)
        {
            case DateTimeKind.Utc:
                return entered;
            case DateTimeKind.Local:
                return entered.ToUniversalTime();
        }
        if (Zone.IsInvalidTime(entered))
        {
            throw ForumException.Invalid(field, "time.skipped-by-dst",
                $"{entered:yyyy-MM-dd HH:mm} does not exist in {Zone.Id}: clocks skip it for daylight-saving time.");
        }
        var offset = Zone.IsAmbiguousTime(entered)
            ? Zone.GetAmbiguousTimeOffsets(entered).Max()
            : Zone.GetUtcOffset(entered);
        return DateTime.SpecifyKind(entered - offset, DateTimeKind.Utc);
    }

    /// <summary>The day an instant falls on in the forum's zone: statistics count by it.</summary>
    public DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc).DateTime);

    /// <summary>The wall-clock time in the forum's zone, with its offset, for showing a stored UTC instant.</summary>
    public DateTimeOffset ToLocal(DateTime utc)
    {
        var asUtc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        var offset = Zone.GetUtcOffset(asUtc);
        return new DateTimeOffset(DateTime.SpecifyKind(asUtc + offset, DateTimeKind.Unspecified), offset);
    }
}
