using System.Globalization;
using Forum.Core.Time;

namespace Forum.UnitTests.Time;

/// <summary>A phase's dates as a period in the three forum languages, read in the forum's zone.</summary>
public class DateRangesTests
{
    private static readonly TimeZoneInfo Paris = ForumClock.FindZone("Europe/Paris");

    // The demo's "now" (FakeTimeProvider of the functional tests): 2026 is the current year.
    private static readonly DateTime Now2026 = new(2026, 9, 1, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>A wall-clock time in Paris ("2026-09-09 09:00") as the UTC instant stored for it.</summary>
    private static DateTime InParis(string local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Paris);

    private static void ShouldRead(string opens, string closes, string english, string french, string spanish, DateTime? now = null)
    {
        foreach (var (culture, expected) in new[] { ("en", english), ("fr", french), ("es", spanish) })
        {
            DateRanges.Format(InParis(opens), InParis(closes), Paris, culture, now ?? Now2026)
                .Should().Be(expected, $"{opens} to {closes} in {culture}");
        }
    }

    [Fact]
    public void Days_of_one_month_in_the_current_year_name_the_month_once_and_no_year()
    {
        ShouldRead("2026-09-09 09:00", "2026-09-21 18:00",
            "from 9 to 21 September", "du 9 au 21 septembre", "del 9 al 21 de septiembre");
    }

    [Fact]
    public void Days_in_two_months_name_both_months()
    {
        ShouldRead("2026-09-28 09:00", "2026-10-04 18:00",
            "from 28 September to 4 October", "du 28 septembre au 4 octobre", "del 28 de septiembre al 4 de octubre");
    }

    [Fact]
    public void Days_in_two_years_name_both_years()
    {
        ShouldRead("2026-12-20 09:00", "2027-01-10 18:00",
            "from 20 December 2026 to 10 January 2027",
            "du 20 décembre 2026 au 10 janvier 2027",
            "del 20 de diciembre de 2026 al 10 de enero de 2027");
    }

    [Fact]
    public void A_period_outside_the_current_year_names_its_year_once_at_the_end()
    {
        ShouldRead("2027-09-09 09:00", "2027-09-21 18:00",
            "from 9 to 21 September 2027", "du 9 au 21 septembre 2027", "del 9 al 21 de septiembre de 2027");
        ShouldRead("2027-09-28 09:00", "2027-10-04 18:00",
            "from 28 September to 4 October 2027", "du 28 septembre au 4 octobre 2027", "del 28 de septiembre al 4 de octubre de 2027");
        ShouldRead("2025-09-09 09:00", "2025-09-21 18:00",
            "from 9 to 21 September 2025", "du 9 au 21 septembre 2025", "del 9 al 21 de septiembre de 2025");
    }

    [Fact]
    public void A_period_within_one_day_is_that_day()
    {
        ShouldRead("2026-09-09 09:00", "2026-09-09 18:00", "on 9 September", "le 9 septembre", "el 9 de septiembre");
        ShouldRead("2027-09-09 09:00", "2027-09-09 18:00", "on 9 September 2027", "le 9 septembre 2027", "el 9 de septiembre de 2027");
    }

    [Fact]
    public void The_first_of_the_month_is_1er_in_french_only()
    {
        ShouldRead("2026-10-01 09:00", "2026-10-15 18:00", "from 1 to 15 October", "du 1er au 15 octobre", "del 1 al 15 de octubre");
        ShouldRead("2026-09-28 09:00", "2026-10-01 18:00",
            "from 28 September to 1 October", "du 28 septembre au 1er octobre", "del 28 de septiembre al 1 de octubre");
        ShouldRead("2026-10-01 09:00", "2026-10-01 18:00", "on 1 October", "le 1er octobre", "el 1 de octubre");
    }

    [Fact]
    public void A_period_closing_at_local_midnight_ends_on_the_day_before()
    {
        // Open until 22 September 00:00: the last day anyone can write is the 21st.
        ShouldRead("2026-09-09 00:00", "2026-09-22 00:00",
            "from 9 to 21 September", "du 9 au 21 septembre", "del 9 al 21 de septiembre");
        // One minute later the 22nd is a day of the period.
        ShouldRead("2026-09-09 00:00", "2026-09-22 00:01",
            "from 9 to 22 September", "du 9 au 22 septembre", "del 9 al 22 de septiembre");
        // A whole single day, midnight to midnight, is that day.
        ShouldRead("2026-09-09 00:00", "2026-09-10 00:00", "on 9 September", "le 9 septembre", "el 9 de septiembre");
        // Midnight on the first of a month or a year moves the end into the previous month or year.
        ShouldRead("2026-09-09 00:00", "2026-10-01 00:00",
            "from 9 to 30 September", "du 9 au 30 septembre", "del 9 al 30 de septiembre");
        ShouldRead("2026-12-01 00:00", "2027-01-01 00:00",
            "from 1 to 31 December", "du 1er au 31 décembre", "del 1 al 31 de diciembre");
    }

    [Fact]
    public void Midnight_is_the_forums_midnight_not_utcs()
    {
        // 22 September 00:00 UTC is 02:00 in Paris: the 22nd is a day of the period there.
        var opens = new DateTime(2026, 9, 9, 8, 0, 0, DateTimeKind.Utc);
        var closes = new DateTime(2026, 9, 22, 0, 0, 0, DateTimeKind.Utc);
        DateRanges.Format(opens, closes, Paris, "en", Now2026).Should().Be("from 9 to 22 September");
        DateRanges.Format(opens, closes, TimeZoneInfo.Utc, "en", Now2026).Should().Be("from 9 to 21 September");
    }

    [Fact]
    public void Instants_are_read_as_days_in_the_forums_zone()
    {
        // 8 September 22:30 UTC is already 9 September 00:30 in Paris (UTC+2 in summer).
        var opens = new DateTime(2026, 9, 8, 22, 30, 0, DateTimeKind.Utc);
        var closes = new DateTime(2026, 9, 21, 21, 0, 0, DateTimeKind.Utc);
        DateRanges.Format(opens, closes, Paris, "fr", Now2026).Should().Be("du 9 au 21 septembre");
        DateRanges.Format(opens, closes, TimeZoneInfo.Utc, "fr", Now2026).Should().Be("du 8 au 21 septembre");
    }

    [Fact]
    public void Instants_read_from_the_database_without_a_kind_are_utc()
    {
        var opens = new DateTime(2026, 9, 8, 22, 30, 0, DateTimeKind.Unspecified);
        var closes = new DateTime(2026, 9, 21, 21, 0, 0, DateTimeKind.Unspecified);
        DateRanges.Format(opens, closes, Paris, "en", Now2026).Should().Be("from 9 to 21 September");
    }

    [Fact]
    public void A_period_across_the_autumn_clock_change_uses_the_offset_of_each_end()
    {
        // Paris leaves summer time on 25 October 2026. Opening 20 October 00:00 (UTC+2) is 19 October 22:00 UTC;
        // closing 2 November 00:00 (UTC+1) is 1 November 23:00 UTC. Read with the opening's offset, the closing
        // would be 2 November 01:00 and the period would wrongly include the 2nd.
        var opens = new DateTime(2026, 10, 19, 22, 0, 0, DateTimeKind.Utc);
        var closes = new DateTime(2026, 11, 1, 23, 0, 0, DateTimeKind.Utc);
        DateRanges.Format(opens, closes, Paris, "en", Now2026).Should().Be("from 20 October to 1 November");
        DateRanges.Format(opens, closes, Paris, "fr", Now2026).Should().Be("du 20 octobre au 1er novembre");
        DateRanges.Format(opens, closes, Paris, "es", Now2026).Should().Be("del 20 de octubre al 1 de noviembre");
    }

    [Fact]
    public void A_period_across_the_spring_clock_change_uses_the_offset_of_each_end()
    {
        // Paris enters summer time on 28 March 2027. Opening 28 March 00:00 (UTC+1) is 27 March 23:00 UTC; closing
        // 29 March 00:30 (UTC+2) is 28 March 22:30 UTC. Read with the opening's offset, the closing would be
        // 28 March 23:30 and the period a single day.
        var opens = new DateTime(2027, 3, 27, 23, 0, 0, DateTimeKind.Utc);
        var closes = new DateTime(2027, 3, 28, 22, 30, 0, DateTimeKind.Utc);
        DateRanges.Format(opens, closes, Paris, "en", Now2026).Should().Be("from 28 to 29 March 2027");
        DateRanges.Format(opens, closes, Paris, "es", Now2026).Should().Be("del 28 al 29 de marzo de 2027");
    }

    [Fact]
    public void The_current_year_is_the_year_in_the_forums_zone()
    {
        // 31 December 2026 23:30 UTC is already 1 January 2027 in Paris: a period in 2027 is in the current year.
        var newYearInParis = new DateTime(2026, 12, 31, 23, 30, 0, DateTimeKind.Utc);
        var opens = InParis("2027-01-04 09:00");
        var closes = InParis("2027-01-15 18:00");
        DateRanges.Format(opens, closes, Paris, "en", newYearInParis).Should().Be("from 4 to 15 January");
        DateRanges.Format(opens, closes, TimeZoneInfo.Utc, "en", newYearInParis).Should().Be("from 4 to 15 January 2027");
    }

    [Theory]
    [InlineData("fr-FR", "du 9 au 21 septembre")]
    [InlineData("FR", "du 9 au 21 septembre")]
    [InlineData("es-MX", "del 9 al 21 de septiembre")]
    [InlineData("en-GB", "from 9 to 21 September")]
    [InlineData("en-US", "from 9 to 21 September")]
    public void A_culture_name_is_written_in_its_language(string culture, string expected)
    {
        DateRanges.Format(InParis("2026-09-09 09:00"), InParis("2026-09-21 18:00"), Paris, culture, Now2026).Should().Be(expected);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("de")]
    [InlineData("xx-not-a-culture")]
    [InlineData("")]
    public void An_unknown_culture_or_one_without_frames_is_written_in_english(string culture)
    {
        DateRanges.Format(InParis("2026-09-28 09:00"), InParis("2026-10-04 18:00"), Paris, culture, Now2026)
            .Should().Be("from 28 September to 4 October");
        DateRanges.Format(InParis("2026-09-28 09:00"), InParis("2026-10-04 18:00"), Paris, CultureInfo.InvariantCulture, Now2026)
            .Should().Be("from 28 September to 4 October");
    }

    [Fact]
    public void A_configured_culture_is_taken_as_given()
    {
        DateRanges.Format(InParis("2026-09-09 09:00"), InParis("2026-09-21 18:00"), Paris, CultureInfo.GetCultureInfo("es-ES"), Now2026)
            .Should().Be("del 9 al 21 de septiembre");
    }

    [Fact]
    public void A_period_that_does_not_close_after_it_opens_is_refused()
    {
        var at = InParis("2026-09-09 09:00");
        var act = () => DateRanges.Format(at, at, Paris, "en", Now2026);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_moment_names_its_weekday_day_and_time_with_the_first_of_the_month_in_french_and_the_year_only_when_another()
    {
        var closes = InParis("2026-12-01 18:00");
        DateRanges.Moment(closes, Paris, CultureInfo.GetCultureInfo("en-GB"), Now2026).Should().Be("Tuesday 1 December at 18:00");
        DateRanges.Moment(closes, Paris, CultureInfo.GetCultureInfo("fr-FR"), Now2026).Should().Be("mardi 1er décembre à 18:00");
        DateRanges.Moment(closes, Paris, CultureInfo.GetCultureInfo("es-ES"), Now2026).Should().Be("martes 1 de diciembre a las 18:00");
        DateRanges.Moment(InParis("2027-01-05 09:30"), Paris, CultureInfo.GetCultureInfo("fr-FR"), Now2026).Should().Be("mardi 5 janvier 2027 à 09:30");
    }
}
