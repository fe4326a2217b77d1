using Forum.Core.Errors;
using Forum.Core.Phases;
using Forum.Core.Time;
using Microsoft.Extensions.Time.Testing;

namespace Forum.UnitTests.Time;

public class ForumClockTests
{
    private static readonly TimeZoneInfo Paris = ForumClock.FindZone("Europe/Paris");

    private static ForumClock ClockAt(DateTimeOffset now) => new(new FakeTimeProvider(now), Paris);

    [Fact]
    public void A_time_without_offset_is_read_in_the_forum_time_zone()
    {
        var clock = ClockAt(DateTimeOffset.UnixEpoch);
        clock.ToUtc(new DateTime(2026, 9, 9, 0, 0, 0), "opensAt").Should().Be(new DateTime(2026, 9, 8, 22, 0, 0, DateTimeKind.Utc));
        clock.ToUtc(new DateTime(2026, 12, 9, 0, 0, 0), "opensAt").Should().Be(new DateTime(2026, 12, 8, 23, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void A_time_with_an_offset_or_in_utc_keeps_its_instant()
    {
        var clock = ClockAt(DateTimeOffset.UnixEpoch);
        var utc = new DateTime(2026, 9, 9, 5, 0, 0, DateTimeKind.Utc);
        clock.ToUtc(utc, "opensAt").Should().Be(utc);
        clock.ToUtc(DateTimeOffset.Parse("2026-09-09T07:00:00+02:00").LocalDateTime, "opensAt").Should().Be(utc);
    }

    [Fact]
    public void A_time_skipped_by_the_spring_change_is_refused_naming_the_field()
    {
        var clock = ClockAt(DateTimeOffset.UnixEpoch);
        var act = () => clock.ToUtc(new DateTime(2026, 3, 29, 2, 30, 0), "closesAt");
        act.Should().Throw<ForumException>().Where(e => e.Rule == "time.skipped-by-dst" && e.Field == "closesAt");
    }

    [Theory]
    [InlineData(1, DateTimeKind.Unspecified)]
    [InlineData(9999, DateTimeKind.Unspecified)]
    [InlineData(1, DateTimeKind.Utc)]
    public void Dates_at_the_ends_of_the_calendar_are_refused_not_overflowed(int year, DateTimeKind kind)
    {
        var clock = ClockAt(DateTimeOffset.UnixEpoch);
        var act = () => clock.ToUtc(new DateTime(year, year == 1 ? 1 : 12, year == 1 ? 1 : 31, 0, 0, 0, kind), "until");
        act.Should().Throw<ForumException>().Where(e => e.Rule == "time.out-of-range" && e.Field == "until");
    }

    [Fact]
    public void A_time_that_occurs_twice_in_autumn_is_its_first_occurrence()
    {
        var clock = ClockAt(DateTimeOffset.UnixEpoch);
        // 02:30 on 25 October 2026 happens at 00:30 UTC (summer time) and again at 01:30 UTC.
        clock.ToUtc(new DateTime(2026, 10, 25, 2, 30, 0), "opensAt").Should().Be(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Stored_instants_are_shown_with_the_offset_in_force_on_that_day()
    {
        var clock = ClockAt(DateTimeOffset.UnixEpoch);
        clock.ToLocal(new DateTime(2026, 9, 8, 22, 0, 0, DateTimeKind.Utc)).Should().Be(DateTimeOffset.Parse("2026-09-09T00:00:00+02:00"));
        clock.ToLocal(new DateTime(2026, 12, 8, 23, 0, 0, DateTimeKind.Utc)).Offset.Should().Be(TimeSpan.FromHours(1));
    }

    [Fact]
    public void A_phase_closing_at_local_midnight_across_the_autumn_change_closes_at_the_right_instant()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-10-24T12:00:00Z"));
        var clock = new ForumClock(time, Paris);
        var schedule = new PhaseSchedule(clock.ToUtc(new DateTime(2026, 10, 20, 9, 0, 0), "opensAt"), clock.ToUtc(new DateTime(2026, 10, 26, 0, 0, 0), "closesAt"));

        schedule.StateAt(clock.UtcNow).Should().Be(PhaseState.Open);
        time.SetUtcNow(DateTimeOffset.Parse("2026-10-25T22:59:59Z"));
        schedule.StateAt(clock.UtcNow).Should().Be(PhaseState.Open, "midnight in Paris after the change is 23:00 UTC");
        time.Advance(TimeSpan.FromSeconds(1));
        schedule.StateAt(clock.UtcNow).Should().Be(PhaseState.Closed);
    }
}
