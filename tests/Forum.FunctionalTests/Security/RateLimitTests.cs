using System.Net;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Security;

/// <summary>A forum with low limits: 3 writes and 2 reports a minute per user, 8 account attempts a minute per address.</summary>
public sealed class LowLimitsForumApp : ForumApp
{
    protected override int WritesPerMinute => 3;

    protected override int ReportsPerMinute => 2;

    protected override int AccountAttemptsPerMinute => 8;
}

public class RateLimitTests(LowLimitsForumApp app) : IClassFixture<LowLimitsForumApp>
{
    [Fact]
    public async Task Writing_too_fast_gets_429_with_Retry_After_per_user_and_nothing_is_stored()
    {
        var admin = await app.AdminAsync();
        var phase = await admin.CreateOpenPhaseAsync();
        var fast = await app.ParticipantAsync("fast");
        for (var i = 0; i < 3; i++)
        {
            await fast.PostContributionAsync(phase, "en", $"Post {i}", "Text.");
        }
        var refused = await fast.PostAsync($"/api/phases/{phase}/contributions", new { language = "en", title = "One too many", body = "Text." });
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate.limited");
        int.Parse(refused.Headers.GetValues("Retry-After").Single()).Should().BeInRange(1, 60);
        var translation = await fast.PostAsync($"/api/contributions/1/translations", new { language = "fr", title = "T", body = "B" });
        translation.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "translations and replies share the allowance");

        var list = await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions");
        list["items"]!.AsArray().Should().HaveCount(3, "the refused post stored nothing");
        var other = await app.ParticipantAsync("other");
        await other.PostContributionAsync(phase, "fr", "Autre", "Un autre participant écrit encore.");
    }
}

/// <summary>On a forum of its own: the attempts below use up the address's allowance.</summary>
public class AccountRateLimitTests(LowLimitsForumApp app) : IClassFixture<LowLimitsForumApp>
{
    [Fact]
    public async Task Too_many_log_in_attempts_from_one_address_get_429()
    {
        var client = app.Anonymous();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 9; i++)
        {
            last = await client.PostAsync("/api/account/login", new { email = "nobody@tests.localhost", password = "wrong" });
        }
        await last!.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate.limited");
        last!.Headers.Contains("Retry-After").Should().BeTrue();
    }
}
