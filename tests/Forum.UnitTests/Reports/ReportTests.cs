using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Reports;

namespace Forum.UnitTests.Reports;

public class ReportTests
{
    private static readonly DateTime Now = new(2026, 9, 10, 8, 0, 0, DateTimeKind.Utc);

    private static Contribution Written(bool hidden = false) =>
        new() { Id = 7, AuthorId = "author", OriginalLanguage = "fr", IsHidden = hidden };

    [Theory]
    [InlineData("spam", ReportReason.Spam)]
    [InlineData(" Off-Topic ", ReportReason.OffTopic)]
    [InlineData("personal-data", ReportReason.PersonalData)]
    public void Reasons_are_read_from_their_codes(string code, ReportReason reason)
    {
        Report.ParseReason(code).Should().Be(reason);
        Report.CodeOf(reason).Should().Be(code.Trim().ToLowerInvariant());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("offtopic")]
    public void An_unknown_reason_is_refused(string? code)
    {
        var act = () => Report.ParseReason(code);
        act.Should().Throw<ForumException>().Where(e => e.Rule == "report.reason-unknown" && e.Field == "reason" && e.Kind == FailureKind.Invalid);
    }

    [Fact]
    public void A_report_is_open_and_keeps_a_trimmed_comment_with_its_language()
    {
        var report = Report.File(Written(), "reader", ReportReason.Abuse, "  Insulting.  ", "en", Now);
        report.Should().BeEquivalentTo(new { ContributionId = 7L, ReporterId = "reader", Comment = "Insulting.", Language = "en", Status = ReportStatus.Open, CreatedAt = Now });
        Report.File(Written(), "reader", ReportReason.Spam, " ", "en", Now).Should().BeEquivalentTo(new { Comment = (string?)null, Language = (string?)null });
    }

    [Fact]
    public void Nobody_reports_their_own_or_a_hidden_contribution_nor_writes_a_long_comment()
    {
        ((Action)(() => Report.File(Written(), "author", ReportReason.Spam, null, null, Now)))
            .Should().Throw<ForumException>().Where(e => e.Rule == "report.own-contribution" && e.Kind == FailureKind.Conflict);
        ((Action)(() => Report.File(Written(hidden: true), "reader", ReportReason.Spam, null, null, Now)))
            .Should().Throw<ForumException>().Where(e => e.Rule == "report.contribution-hidden");
        ((Action)(() => Report.File(Written(), "reader", ReportReason.Other, new string('a', Report.CommentMaxLength + 1), null, Now)))
            .Should().Throw<ForumException>().Where(e => e.Rule == "text.too-long" && e.Field == "comment");
        Report.File(Written(), "reader", ReportReason.Other, new string('a', Report.CommentMaxLength), null, Now).Comment.Should().HaveLength(Report.CommentMaxLength);
    }

    [Fact]
    public void A_report_is_resolved_once()
    {
        var report = Report.File(Written(), "reader", ReportReason.Spam, null, null, Now);
        report.Dismiss("moderator", "Fine.", Now.AddHours(1));
        report.Should().BeEquivalentTo(new { Status = ReportStatus.Dismissed, ResolvedById = "moderator", ResolvedAt = Now.AddHours(1), ResolutionNote = "Fine." });
        ((Action)(() => report.Uphold("other", null, Now))).Should().Throw<ForumException>().Where(e => e.Rule == "report.already-resolved" && e.Kind == FailureKind.Conflict);
        report.Status.Should().Be(ReportStatus.Dismissed);
    }
}
