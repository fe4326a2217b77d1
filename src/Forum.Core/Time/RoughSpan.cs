namespace Forum.Core.Time;

public enum SpanUnit
{
    Minute,
    Hour,
    Day,
    Week,
    Month,
}

/// <summary>
/// How far apart two instants are, in whole units of one kind, for people to read ("13 days", "2 weeks").
/// The unit is the largest the span holds at least twice, and the count is rounded down: a reader is never
/// told there is more time left than there is, and the part left out is always less than a third of what is said
/// (one of a unit would drop up to half: 13 days 23 hours read "1 week").
/// </summary>
public readonly record struct RoughSpan(int Count, SpanUnit Unit)
{
    /// <summary>An average Gregorian month, so that "2 months" is never said of 59 days.</summary>
    public static readonly TimeSpan Month = TimeSpan.FromDays(365.2425 / 12);

    private static readonly (SpanUnit Unit, TimeSpan Length)[] Units =
    [
        (SpanUnit.Month, Month),
        (SpanUnit.Week, TimeSpan.FromDays(7)),
        (SpanUnit.Day, TimeSpan.FromDays(1)),
        (SpanUnit.Hour, TimeSpan.FromHours(1)),
    ];

    /// <summary>The span between two instants, whichever comes first; under two hours in minutes, at least one.</summary>
    public static RoughSpan Of(TimeSpan span)
    {
        var length = span.Duration();
        foreach (var (unit, size) in Units)
        {
            var count = (long)(length.Ticks / size.Ticks);
            if (count >= 2)
            {
                return new RoughSpan((int)Math.Min(count, int.MaxValue), unit);
            }
        }
        return new RoughSpan(Math.Max(1, (int)length.TotalMinutes), SpanUnit.Minute);
    }
}
