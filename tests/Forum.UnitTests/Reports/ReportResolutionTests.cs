using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Reports;

namespace Forum.UnitTests.Reports;

/// <summary>What hiding and dismissing do to a report, the contribution's other reports and the contribution (ADR 5).</summary>
public class ReportResolutionTests
{
    private static readonly DateTime Now = new(2026, 9, 10, 8, 0, 0, DateTimeKind.Utc);

    private static Contribution Written(bool hidden = false) =>
        new() { Id = 7, AuthorId = "author", OriginalLanguage = "fr", IsHidden = hidden, HiddenReason = hidden ? "Earlier." : null };

    private static Report Filed(Contribution contribution, string reporter, ReportReason reason = ReportReason.Spam) =>
        Report.File(new Contribution { Id = contribution.Id, AuthorId = contribution.AuthorId, OriginalLanguage = "fr" }, reporter, reason, null, null, Now);

    [Theory]
    [InlineData("hide", ReportAction.Hide)]
    [InlineData(" Dismiss ", ReportAction.Dismiss)]
    public void Actions_are_read_from_their_names(string name, ReportAction action) => Report.ParseAction(name).Should().Be(action);

    [Theory]
    [InlineData(null)]
    [InlineData("delete")]
    public void An_unknown_action_is_refused(string? name)
    {
        var act = () => Report.ParseAction(name);
        act.Should().Throw<ForumException>().Where(e => e.Rule == "report.action-unknown" && e.Field == "action" && e.Kind == FailureKind.Invalid);
    }

    [Fact]
    public void Hiding_hides_the_contribution_and_upholds_every_open_report_of_it()
    {
        var contribution = Written();
        var report = Filed(contribution, "reader", ReportReason.Abuse);
        var other = Filed(contribution, "another");
        var token = contribution.ConcurrencyToken;

        var resolution = report.Resolve(ReportAction.Hide, contribution, [other], "moderator", null, Now.AddHours(1));

        resolution.Should().Be(new ReportResolution(ReportAction.Hide, "Reported: abuse", 2));
        (report.Status, other.Status).Should().Be((ReportStatus.Upheld, ReportStatus.Upheld));
        (other.ResolvedById, other.ResolvedAt).Should().Be(("moderator", Now.AddHours(1)));
        (contribution.IsHidden, contribution.HiddenReason, contribution.HiddenById).Should().Be((true, "Reported: abuse", "moderator"));
        contribution.ConcurrencyToken.Should().NotBe(token);
    }

    [Fact]
    public void Hiding_with_a_note_hides_with_the_note_as_reason()
    {
        var contribution = Written();
        Filed(contribution, "reader").Resolve(ReportAction.Hide, contribution, [], "moderator", "Advertising.", Now)
            .HidingReason.Should().Be("Advertising.");
        contribution.HiddenReason.Should().Be("Advertising.");
    }

    [Fact]
    public void A_contribution_hidden_already_keeps_its_hiding_and_its_reports_are_upheld_all_the_same()
    {
        var contribution = Written(hidden: true);
        var report = Filed(contribution, "reader");

        var resolution = report.Resolve(ReportAction.Hide, contribution, [], "moderator", "Note.", Now);

        resolution.Should().Be(new ReportResolution(ReportAction.Hide, null, 1));
        report.Status.Should().Be(ReportStatus.Upheld);
        contribution.HiddenReason.Should().Be("Earlier.");
    }

    [Fact]
    public void Dismissing_answers_this_report_only_and_leaves_the_contribution_visible()
    {
        var contribution = Written();
        var report = Filed(contribution, "reader");
        var other = Filed(contribution, "another");

        var resolution = report.Resolve(ReportAction.Dismiss, contribution, [other], "moderator", "Fine.", Now);

        resolution.Should().Be(new ReportResolution(ReportAction.Dismiss, null, 0));
        (report.Status, report.ResolutionNote).Should().Be((ReportStatus.Dismissed, "Fine."));
        other.Status.Should().Be(ReportStatus.Open);
        contribution.IsHidden.Should().BeFalse();
    }

    [Theory]
    [InlineData(ReportAction.Hide)]
    [InlineData(ReportAction.Dismiss)]
    public void A_report_is_resolved_once(ReportAction action)
    {
        var contribution = Written();
        var report = Filed(contribution, "reader");
        report.Dismiss("moderator", null, Now);
        report.CanResolve.Should().BeFalse();

        var again = () => report.Resolve(action, contribution, [], "other", null, Now);

        again.Should().Throw<ForumException>().Where(e => e.Rule == "report.already-resolved" && e.Kind == FailureKind.Conflict);
        contribution.IsHidden.Should().BeFalse();
    }

    [Fact]
    public void Hiding_leaves_reports_already_resolved_as_they_were()
    {
        var contribution = Written();
        var dismissed = Filed(contribution, "another");
        dismissed.Dismiss("moderator", "Fine.", Now);

        Filed(contribution, "reader").Resolve(ReportAction.Hide, contribution, [dismissed], "moderator", null, Now.AddHours(1)).Upheld.Should().Be(1);
        dismissed.Status.Should().Be(ReportStatus.Dismissed);
    }

    [Theory]
    [InlineData("reader", false, true)]
    [InlineData("author", false, false)]
    [InlineData("reader", true, false)]
    public void A_contribution_may_be_reported_exactly_when_filing_succeeds(string reporter, bool hidden, bool allowed)
    {
        var contribution = Written(hidden);
        Report.CanFile(contribution, reporter).Should().Be(allowed);
        var file = () => Report.File(contribution, reporter, ReportReason.Spam, null, null, Now);
        if (allowed)
        {
            file.Should().NotThrow();
        }
        else
        {
            file.Should().Throw<ForumException>().Which.Kind.Should().Be(FailureKind.Conflict);
        }
    }
}
