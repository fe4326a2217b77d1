using System.Net;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Phases;

public class PhaseScheduleApiTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task Dates_are_entered_and_shown_in_the_forum_time_zone()
    {
        var moderator = await app.ModeratorAsync();
        var theme = await moderator.CreateThemeAsync();
        var phase = await moderator.CreatePhaseAsync(theme["slug"]!.GetValue<string>(), 3, "2026-09-09T00:00", "2026-09-21T23:59");
        phase["opensAt"]!.GetValue<DateTimeOffset>().Should().Be(DateTimeOffset.Parse("2026-09-09T00:00:00+02:00"));
        phase["opensAt"]!.GetValue<string>().Should().EndWith("+02:00");
        phase["timeZone"]!.GetValue<string>().Should().Be("Europe/Paris");
        phase["state"]!.GetValue<string>().Should().Be("scheduled");
    }

    [Fact]
    public async Task Moderators_open_extend_close_and_reopen_and_each_action_is_audited()
    {
        var moderator = await app.ModeratorAsync();
        var theme = await moderator.CreateThemeAsync();
        var id = (await moderator.CreatePhaseAsync(theme["slug"]!.GetValue<string>(), 1, "2026-09-05T09:00", "2026-09-10T18:00"))["id"]!.GetValue<int>();

        (await moderator.PostOkAsync($"/api/phases/{id}/open", new { reason = "Ready early" }))["state"]!.GetValue<string>().Should().Be("open");
        app.Time.Advance(TimeSpan.FromMinutes(30));
        var extended = await moderator.PostOkAsync($"/api/phases/{id}/extend", new { reason = "Many late posts", until = "2026-09-12T18:00" });
        extended["closesAt"]!.GetValue<DateTimeOffset>().Should().Be(DateTimeOffset.Parse("2026-09-12T18:00:00+02:00"));
        (await moderator.PostOkAsync($"/api/phases/{id}/close", new { reason = "Synthesis time" }))["state"]!.GetValue<string>().Should().Be("closed");
        (await moderator.PostOkAsync($"/api/phases/{id}/reopen", new { reason = "One more week", until = "2026-09-08T18:00" }))["state"]!.GetValue<string>().Should().Be("open");

        var audit = (await moderator.GetJsonAsync($"/api/phases/{id}/audit")).AsArray();
        audit.Select(e => e!["action"]!.GetValue<string>()).Should().Equal("phase.create", "phase.open", "phase.extend", "phase.close", "phase.reopen");
        audit.Skip(1).Should().OnlyContain(e => e!["reason"] != null && e["actorId"] != null && e["details"]!.GetValue<string>().Contains("->"));
    }

    [Fact]
    public async Task Two_moderators_saving_the_same_phase_the_second_gets_409_and_nothing_is_overwritten()
    {
        var first = await app.ModeratorAsync();
        var second = await app.ModeratorAsync();
        var theme = await first.CreateThemeAsync();
        var phase = await first.CreatePhaseAsync(theme["slug"]!.GetValue<string>(), 1, "2026-10-01T09:00", "2026-10-10T18:00");
        var id = phase["id"]!.GetValue<int>();
        var version = phase["version"]!.GetValue<Guid>();

        var edit = (string closes) => new
        {
            originalLanguage = "en", opensAt = "2026-10-01T09:00", closesAt = closes, version,
            texts = new Dictionary<string, object> { ["en"] = new { title = "Phase 1", question = $"Until {closes}?" } },
        };
        (await first.PutAsync($"/api/phases/{id}", edit("2026-10-12T18:00"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var late = await second.PutAsync($"/api/phases/{id}", edit("2026-10-15T18:00"));
        await late.ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency.stale-version");

        var stored = await app.Anonymous().GetJsonAsync($"/api/phases/{id}");
        stored["closesAt"]!.GetValue<DateTimeOffset>().Should().Be(DateTimeOffset.Parse("2026-10-12T18:00:00+02:00"));
        stored["question"]!.GetValue<string>().Should().Be("Until 2026-10-12T18:00?");
    }
}
