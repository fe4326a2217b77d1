using System.Net;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Reports;

public class ReportsApiTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static async Task<long> ReportAsync(ForumClient reporter, long contribution, string reason, string? comment = null) =>
        (await reporter.PostOkAsync($"/api/contributions/{contribution}/reports", new { reason, comment }, HttpStatusCode.Created))["id"]!.GetValue<long>();

    private static async Task<List<JsonNode>> QueueAsync(ForumClient moderator, long contribution, string status = "open") =>
        (await moderator.GetJsonAsync($"/api/reports?status={status}&limit=100"))["items"]!.AsArray()
            .Where(r => r!["contribution"]!["id"]!.GetValue<long>() == contribution).Select(r => r!).ToList();

    private static async Task<(string Id, string Name)> MeAsync(ForumClient user)
    {
        var me = await user.GetJsonAsync("/api/account/me");
        return (me["id"]!.GetValue<string>(), me["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_reported_contribution_is_queued_then_hidden_upholding_every_open_report_and_statistics_follow()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var spam = (await author.PostContributionAsync(phase, "en", "Cheap watches", "Buy **cheap** watches at example.com now."))["id"]!.GetValue<long>();
        await author.PostContributionAsync(phase, "fr", "Les coopératives", "Les coopératives créent des emplois.");
        var alice = await app.ParticipantAsync("alice");
        var bob = await app.ParticipantAsync("bob");
        var (aliceId, aliceName) = await MeAsync(alice);

        var filed = await alice.PostOkAsync($"/api/contributions/{spam}/reports", new { reason = "spam", comment = "  Advertising.  " }, HttpStatusCode.Created);
        filed["reason"]!.GetValue<string>().Should().Be("spam");
        filed["comment"]!.GetValue<string>().Should().Be("Advertising.");
        filed["status"]!.GetValue<string>().Should().Be("open");
        filed["contributionId"]!.GetValue<long>().Should().Be(spam);
        var first = filed["id"]!.GetValue<long>();
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await ReportAsync(bob, spam, "off-topic");

        var queue = await QueueAsync(moderator, spam);
        queue.Select(r => r["id"]!.GetValue<long>()).Should().Equal([first, second], "the queue runs oldest first");
        queue.Should().OnlyContain(r => r["openReports"]!.GetValue<int>() == 2);
        queue[0]["reporter"]!["id"]!.GetValue<string>().Should().Be(aliceId, "moderators see who reported");
        queue[0]["reporter"]!["name"]!.GetValue<string>().Should().Be(aliceName);
        queue[1]["reason"]!.GetValue<string>().Should().Be("off-topic");
        var reported = queue[0]["contribution"]!;
        reported["title"]!.GetValue<string>().Should().Be("Cheap watches");
        reported["excerpt"]!.GetValue<string>().Should().Be("Buy cheap watches at example.com now.");
        reported["phaseId"]!.GetValue<int>().Should().Be(phase);
        reported["author"]!["id"]!.GetValue<string>().Should().Be((await MeAsync(author)).Id);
        (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/statistics"))["contributions"]!.GetValue<int>().Should().Be(2);

        var resolved = await moderator.PostOkAsync($"/api/reports/{first}/resolve", new { action = "hide", note = "Advertising for watches." });
        resolved["status"]!.GetValue<string>().Should().Be("upheld");
        resolved["contribution"]!["isHidden"]!.GetValue<bool>().Should().BeTrue();
        resolved["resolution"]!["note"]!.GetValue<string>().Should().Be("Advertising for watches.");

        (await app.Anonymous().Http.GetAsync($"/api/contributions/{spam}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "readers no longer see it");
        (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions"))["items"]!.AsArray().Should().ContainSingle();
        var hidden = await moderator.GetJsonAsync($"/api/contributions/{spam}");
        hidden["hidden"]!["reason"]!.GetValue<string>().Should().Be("Advertising for watches.");
        (await QueueAsync(moderator, spam)).Should().BeEmpty();
        (await QueueAsync(moderator, spam, "upheld")).Select(r => r["id"]!.GetValue<long>()).Should().Equal([first, second], "every open report of it is upheld");

        var audit = (await moderator.GetJsonAsync($"/api/phases/{phase}/audit")).AsArray().Where(a => a!["contributionId"]?.GetValue<long>() == spam).ToList();
        audit.Select(a => a!["action"]!.GetValue<string>()).Should().BeEquivalentTo(["contribution.hide", "report.uphold"]);
        audit.Single(a => a!["action"]!.GetValue<string>() == "report.uphold")!["details"]!.GetValue<string>().Should().Contain("2 open report(s) upheld");

        var statistics = await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/statistics");
        statistics["contributions"]!.GetValue<int>().Should().Be(1, "the tallies leave out a contribution hidden through a report");
        var admin = await app.AdminAsync();
        await admin.PostOkAsync("/api/admin/statistics/rebuild", new { });
        (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/statistics")).ToJsonString().Should().Be(statistics.ToJsonString(), "a full recount agrees");

        var again = await moderator.PostAsync($"/api/reports/{second}/resolve", new { action = "dismiss" });
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "report.already-resolved");
        var late = await app.ParticipantAsync("late");
        (await late.PostAsync($"/api/contributions/{spam}/reports", new { reason = "spam" })).StatusCode.Should().Be(HttpStatusCode.NotFound, "a hidden contribution cannot be reported");
    }

    [Fact]
    public async Task Dismissing_resolves_that_report_only_and_hiding_an_already_hidden_contribution_upholds_without_error()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var id = (await author.PostContributionAsync(phase, "es", "Huertos", "Los huertos urbanos crean vínculos."))["id"]!.GetValue<long>();
        var first = await ReportAsync(await app.ParticipantAsync("r1"), id, "abuse");
        var second = await ReportAsync(await app.ParticipantAsync("r2"), id, "personal-data", "It names my neighbour.");

        var dismissed = await moderator.PostOkAsync($"/api/reports/{first}/resolve", new { action = "dismiss", note = "Nothing abusive." });
        dismissed["status"]!.GetValue<string>().Should().Be("dismissed");
        dismissed["contribution"]!["isHidden"]!.GetValue<bool>().Should().BeFalse();
        var open = (await QueueAsync(moderator, id)).Single();
        open["id"]!.GetValue<long>().Should().Be(second, "the other reporter's report stays open");
        open["openReports"]!.GetValue<int>().Should().Be(1);
        open["comment"]!.GetValue<string>().Should().Be("It names my neighbour.");
        (await app.Anonymous().GetJsonAsync($"/api/contributions/{id}"))["id"]!.GetValue<long>().Should().Be(id);
        (await moderator.PostAsync($"/api/reports/{first}/resolve", new { action = "hide" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await app.Anonymous().GetJsonAsync($"/api/contributions/{id}"))["hidden"].Should().BeNull("refusing to resolve twice changed nothing");

        await moderator.PostOkAsync($"/api/contributions/{id}/hide", new { reason = "Personal data." });
        var upheld = await moderator.PostOkAsync($"/api/reports/{second}/resolve", new { action = "hide" });
        upheld["status"]!.GetValue<string>().Should().Be("upheld");
        (await moderator.GetJsonAsync($"/api/contributions/{id}"))["hidden"]!["reason"]!.GetValue<string>().Should().Be("Personal data.", "the earlier hiding stands");
        var actions = (await moderator.GetJsonAsync($"/api/phases/{phase}/audit")).AsArray()
            .Where(a => a!["contributionId"]?.GetValue<long>() == id).Select(a => a!["action"]!.GetValue<string>());
        actions.Should().BeEquivalentTo(["report.dismiss", "contribution.hide", "report.uphold"]);
    }

    [Fact]
    public async Task Reports_follow_their_rules()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var id = (await author.PostContributionAsync(phase, "en", "Local money", "Local currencies keep money in the territory."))["id"]!.GetValue<long>();
        var reporter = await app.ParticipantAsync("reporter");
        var report = await ReportAsync(reporter, id, "other", "Looks copied.");

        await (await reporter.PostAsync($"/api/contributions/{id}/reports", new { reason = "spam" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "report.duplicate");
        await (await author.PostAsync($"/api/contributions/{id}/reports", new { reason = "spam" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "report.own-contribution");
        await (await reporter.PostAsync("/api/contributions/999999/reports", new { reason = "spam" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "contribution.not-found");
        var other = await app.ParticipantAsync("other");
        var badReason = await (await other.PostAsync($"/api/contributions/{id}/reports", new { reason = "boring" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "report.reason-unknown");
        badReason["field"]!.GetValue<string>().Should().Be("reason");
        await (await other.PostAsync($"/api/contributions/{id}/reports", new { reason = "spam", comment = new string('x', 1001) })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "text.too-long");
        (await app.Anonymous().PostAsync($"/api/contributions/{id}/reports", new { reason = "spam" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await reporter.Http.GetAsync("/api/reports")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reporter.PostAsync($"/api/reports/{report}/resolve", new { action = "dismiss" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.Anonymous().Http.GetAsync("/api/reports")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await (await moderator.PostAsync($"/api/reports/{report}/resolve", new { action = "delete" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "report.action-unknown");
        await (await moderator.PostAsync("/api/reports/999999/resolve", new { action = "hide" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "report.not-found");
        await (await moderator.Http.GetAsync("/api/reports?status=closed")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "report.status-unknown");
        (await QueueAsync(moderator, id)).Should().ContainSingle("refused reports stored nothing");
    }

    [Fact]
    public async Task The_author_never_learns_who_reported_their_contribution()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var id = (await author.PostContributionAsync(phase, "en", "Tiers-lieux", "Third places bring neighbours together."))["id"]!.GetValue<long>();
        var reporter = await app.ParticipantAsync("reporter");
        await reporter.PutAsync("/api/account/profile", new { displayName = "Zoé Whistleblower" });
        var (reporterId, reporterName) = await MeAsync(reporter);
        reporterName.Should().Be("Zoé Whistleblower");
        await ReportAsync(reporter, id, "abuse", "Secret comment of the reporter.");

        foreach (var url in new[] { $"/api/contributions/{id}", $"/api/phases/{phase}/contributions", $"/api/phases/{phase}/contributions?order=oldest" })
        {
            var response = await author.Http.GetAsync(url);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var json = await response.Content.ReadAsStringAsync();
            json.Should().NotContain(reporterId).And.NotContain("Zoé").And.NotContain("Secret comment").And.NotContainEquivalentOf("report");
        }
        (await author.Http.GetAsync("/api/reports")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await QueueAsync(moderator, id)).Single()["reporter"]!["name"]!.GetValue<string>().Should().Be("Zoé Whistleblower");
    }
}
