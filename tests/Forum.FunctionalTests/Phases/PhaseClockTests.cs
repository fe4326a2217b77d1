using System.Net;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Phases;

/// <summary>Moves the app's clock forward, so it has an app of its own.</summary>
public class PhaseClockTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task A_scheduled_phase_opens_and_closes_by_itself_as_time_passes()
    {
        var moderator = await app.ModeratorAsync();
        var theme = await moderator.CreateThemeAsync();
        var phase = await moderator.CreatePhaseAsync(theme["slug"]!.GetValue<string>(), 1, "2026-12-01T09:00", "2026-12-02T09:00");
        var id = phase["id"]!.GetValue<int>();
        var participant = await app.ParticipantAsync();

        (await participant.PostAsync($"/api/phases/{id}/contributions", new { language = "en", title = "Early", body = "Too early." }))
            .StatusCode.Should().Be(HttpStatusCode.Conflict);

        var reader = app.Anonymous();
        app.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 7, 59, 59, TimeSpan.Zero));
        (await reader.GetJsonAsync($"/api/phases/{id}"))["state"]!.GetValue<string>().Should().Be("scheduled");
        app.Time.Advance(TimeSpan.FromSeconds(1));
        (await reader.GetJsonAsync($"/api/phases/{id}"))["state"]!.GetValue<string>().Should().Be("open", "09:00 in Paris is 08:00 UTC in December");
        // Tokens last an hour: sign in again after three months.
        var onTime = await app.ParticipantAsync();
        await onTime.PostContributionAsync(id, "en", "On time", "Posted as the phase opened.");
        app.Time.Advance(TimeSpan.FromDays(1));
        (await reader.GetJsonAsync($"/api/phases/{id}"))["state"]!.GetValue<string>().Should().Be("closed");
    }
}
