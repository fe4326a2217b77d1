using Forum.Core.Errors;
using Forum.Core.Phases;

namespace Forum.UnitTests.Phases;

public class PhaseScheduleTests
{
    private static readonly DateTime Opens = new(2026, 9, 9, 7, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Closes = new(2026, 9, 21, 22, 0, 0, DateTimeKind.Utc);
    private static readonly PhaseSchedule Schedule = new(Opens, Closes);

    [Fact]
    public void State_follows_the_dates_with_opening_inclusive_and_closing_exclusive()
    {
        Schedule.StateAt(Opens.AddTicks(-1)).Should().Be(PhaseState.Scheduled);
        Schedule.StateAt(Opens).Should().Be(PhaseState.Open);
        Schedule.StateAt(Closes.AddTicks(-1)).Should().Be(PhaseState.Open);
        Schedule.StateAt(Closes).Should().Be(PhaseState.Closed);
    }

    [Fact]
    public void A_phase_that_closes_before_it_opens_is_refused()
    {
        var act = () => new PhaseSchedule(Closes, Opens);
        act.Should().Throw<ForumException>().Which.Rule.Should().Be("phase.closes-before-opens");
    }

    [Fact]
    public void Opening_now_moves_the_opening_date_and_keeps_the_closing_date()
    {
        var now = Opens.AddDays(-2);
        var opened = Schedule.OpenNow(now);
        opened.StateAt(now).Should().Be(PhaseState.Open);
        opened.ClosesAt.Should().Be(Closes);
    }

    [Fact]
    public void Closing_now_ends_an_open_phase_at_once()
    {
        var now = Opens.AddDays(1);
        Schedule.CloseNow(now).StateAt(now).Should().Be(PhaseState.Closed);
    }

    [Fact]
    public void Closing_a_phase_that_is_not_open_is_refused()
    {
        var act = () => Schedule.CloseNow(Opens.AddDays(-1));
        act.Should().Throw<ForumException>().Which.Kind.Should().Be(FailureKind.Conflict);
    }

    [Fact]
    public void Reopening_needs_a_closed_phase_and_a_future_date()
    {
        var now = Closes.AddDays(1);
        Schedule.Reopen(now, now.AddDays(3)).StateAt(now).Should().Be(PhaseState.Open);
        var past = () => Schedule.Reopen(now, now.AddHours(-1));
        past.Should().Throw<ForumException>().Which.Rule.Should().Be("phase.until-in-past");
        var open = () => Schedule.Reopen(Opens.AddDays(1), Closes.AddDays(3));
        open.Should().Throw<ForumException>().Which.Rule.Should().Be("phase.cannot-reopen");
    }

    [Fact]
    public void Extending_moves_the_closing_date_later_only()
    {
        var now = Opens.AddDays(1);
        Schedule.Extend(now, Closes.AddDays(2)).ClosesAt.Should().Be(Closes.AddDays(2));
        var earlier = () => Schedule.Extend(now, Closes.AddDays(-1));
        earlier.Should().Throw<ForumException>().Which.Rule.Should().Be("phase.extend-not-later");
        var closed = () => Schedule.Extend(Closes.AddDays(1), Closes.AddDays(5));
        closed.Should().Throw<ForumException>().Which.Rule.Should().Be("phase.not-extendable");
    }

    [Fact]
    public void Phases_that_share_only_a_boundary_do_not_overlap()
    {
        var next = new PhaseSchedule(Closes, Closes.AddDays(10));
        Schedule.Overlaps(next).Should().BeFalse();
        new PhaseSchedule(Closes.AddHours(-1), Closes.AddDays(10)).Overlaps(Schedule).Should().BeTrue();
    }

    [Fact]
    public void An_overlap_names_the_phase_it_clashes_with()
    {
        var siblings = new[]
        {
            new Phase { Id = 1, Number = 1, OriginalLanguage = "en", OpensAt = Opens.AddDays(-30), ClosesAt = Opens.AddDays(-20) },
            new Phase { Id = 2, Number = 2, OriginalLanguage = "en", OpensAt = Opens, ClosesAt = Closes },
        };
        var act = () => Phase.EnsureNoOverlap(new PhaseSchedule(Closes.AddDays(-1), Closes.AddDays(5)), siblings, exceptPhaseId: 3);
        act.Should().Throw<ForumException>().Where(e => e.Rule == "phase.overlap" && e.Message.Contains("phase 2"));

        var self = () => Phase.EnsureNoOverlap(new PhaseSchedule(Opens, Closes.AddDays(1)), siblings, exceptPhaseId: 2);
        self.Should().NotThrow();
    }

    [Fact]
    public void The_actions_offered_are_those_the_state_allows_and_each_refused_one_is_refused_when_tried()
    {
        var before = Opens.AddHours(-1);
        var during = Opens.AddHours(1);
        var after = Closes.AddHours(1);
        Schedule.ActionsAt(before).Should().Equal(ScheduleAction.OpenNow, ScheduleAction.Extend);
        Schedule.ActionsAt(during).Should().Equal(ScheduleAction.CloseNow, ScheduleAction.Extend);
        Schedule.ActionsAt(after).Should().Equal(ScheduleAction.Reopen);

        ((Action)(() => Schedule.OpenNow(during))).Should().Throw<ForumException>().Which.Rule.Should().Be("phase.cannot-open");
        ((Action)(() => Schedule.CloseNow(before))).Should().Throw<ForumException>().Which.Rule.Should().Be("phase.cannot-close");
        ((Action)(() => Schedule.Reopen(during, Closes.AddDays(3)))).Should().Throw<ForumException>().Which.Rule.Should().Be("phase.cannot-reopen");
        ((Action)(() => Schedule.Extend(after, Closes.AddDays(3)))).Should().Throw<ForumException>().Which.Rule.Should().Be("phase.not-extendable");
    }

    [Fact]
    public void An_overlap_names_the_other_phase_and_its_dates_as_values_a_page_can_write_in_its_language()
    {
        var other = new Phase { Id = 7, Number = 2, OriginalLanguage = "fr", OpensAt = Opens, ClosesAt = Closes };
        var act = () => Phase.EnsureNoOverlap(new PhaseSchedule(Opens.AddDays(1), Closes.AddDays(5)), [other], exceptPhaseId: null);
        var error = act.Should().Throw<ForumException>().Which;
        error.Rule.Should().Be("phase.overlap");
        error.Arguments.Should().BeEquivalentTo(new Dictionary<string, object> { ["phase"] = 2, ["opensAt"] = Opens, ["closesAt"] = Closes });
    }
}
