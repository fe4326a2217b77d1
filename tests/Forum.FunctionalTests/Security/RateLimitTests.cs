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

/// <summary>A forum allowing 12 writing requests a minute per address, whoever sends them.</summary>
public sealed class AddressLimitForumApp : ForumApp
{
    protected override int WritesPerAddressPerMinute => 12;
}

public class AddressRateLimitTests(AddressLimitForumApp app) : IClassFixture<AddressLimitForumApp>
{
    [Fact]
    public async Task Many_accounts_from_one_address_share_its_allowance_and_reading_goes_on()
    {
        // Log-ins, registrations and posts by several people all count for the one address of the tests.
        var admin = await app.AdminAsync();
        var phase = await admin.CreateOpenPhaseAsync();
        var first = await app.ParticipantAsync("first");
        var second = await app.ParticipantAsync("second");
        var accepted = 0;
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            var author = i % 2 == 0 ? first : second;
            var response = await author.PostAsync($"/api/phases/{phase}/contributions", new { language = "en", title = $"Post {i}", body = "Text." });
            if (response.StatusCode == HttpStatusCode.Created)
            {
                accepted++;
            }
            else
            {
                refused = response;
            }
        }

        refused.Should().NotBeNull("12 writing requests a minute is all one address gets");
        await refused!.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate.limited");
        int.Parse(refused!.Headers.GetValues("Retry-After").Single()).Should().BeInRange(1, 60);
        accepted.Should().BeInRange(1, 11);
        var list = await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions");
        list["items"]!.AsArray().Should().HaveCount(accepted, "refused posts stored nothing, and reading is not limited");

        // Through the (loopback) proxy, another reader's address has an allowance of its own.
        using var proxied = new HttpRequestMessage(HttpMethod.Post, $"/api/phases/{phase}/contributions")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { language = "en", title = "From elsewhere", body = "Text." }),
        };
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.7");
        (await first.Http.SendAsync(proxied)).StatusCode.Should().Be(HttpStatusCode.Created);
    }
}

/// <summary>On a forum of its own: writing requests spread over one IPv6 /64 share one allowance.</summary>
public class AddressRateLimitPerNetworkTests(AddressLimitForumApp app) : IClassFixture<AddressLimitForumApp>
{
    [Fact]
    public async Task Writing_requests_spread_over_one_IPv6_64_share_its_allowance()
    {
        var admin = await app.AdminAsync();
        var phase = await admin.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("spread");

        async Task<HttpStatusCode> PostFromAsync(string address, int i)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/phases/{phase}/contributions")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { language = "en", title = $"Post {i}", body = "Text." }),
            };
            request.Headers.Add("X-Forwarded-For", address);
            return (await author.Http.SendAsync(request)).StatusCode;
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 13; i++)
        {
            statuses.Add(await PostFromAsync($"2001:db8:77:1::{i:x}", i));
        }
        statuses.Take(12).Should().OnlyContain(s => s == HttpStatusCode.Created);
        statuses[12].Should().Be(HttpStatusCode.TooManyRequests, "12 writing requests a minute is all one /64 gets");
        (await PostFromAsync("2001:db8:77:2::1", 14)).Should().Be(HttpStatusCode.Created, "another /64 has an allowance of its own");
    }
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

    /// <summary>A log-in attempt from the given client address, through the (loopback) proxy.</summary>
    private async Task<HttpStatusCode> AttemptFromAsync(string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/login")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email = "nobody@tests.localhost", password = "wrong" }),
        };
        request.Headers.Add("X-Forwarded-For", address);
        return (await app.Anonymous().Http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Attempts_spread_over_one_IPv6_64_get_429_like_attempts_from_one_address()
    {
        // One IPv6 host usually owns a whole /64: a new address in it for every attempt gains nothing.
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 9; i++)
        {
            statuses.Add(await AttemptFromAsync($"2001:db8:64:1::{i:x}"));
        }
        statuses.Take(8).Should().NotContain(HttpStatusCode.TooManyRequests);
        statuses[8].Should().Be(HttpStatusCode.TooManyRequests, "the 9th attempt from the same /64 is one too many");
        (await AttemptFromAsync("2001:db8:64:1:ffff:ffff:ffff:ffff")).Should().Be(HttpStatusCode.TooManyRequests, "the whole /64 shares the allowance");

        (await AttemptFromAsync("2001:db8:64:2::1")).Should().NotBe(HttpStatusCode.TooManyRequests, "another /64 is counted apart");
    }

    [Fact]
    public async Task An_IPv4_mapped_IPv6_address_counts_as_its_IPv4_address()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++)
        {
            statuses.Add(await AttemptFromAsync(i % 2 == 0 ? "203.0.113.64" : "::ffff:203.0.113.64"));
        }
        statuses.Take(8).Should().NotContain(HttpStatusCode.TooManyRequests);
        statuses[8].Should().Be(HttpStatusCode.TooManyRequests, "::ffff:203.0.113.64 is 203.0.113.64");
        (await AttemptFromAsync("203.0.113.65")).Should().NotBe(HttpStatusCode.TooManyRequests, "another IPv4 address is counted apart");
    }
}

/// <summary>On a forum of its own: looking at the forms is free, only what is sent counts.</summary>
public class AccountPageViewsTests(LowLimitsForumApp app) : IClassFixture<LowLimitsForumApp>
{
    [Fact]
    public async Task Showing_the_log_in_and_registration_pages_uses_up_no_attempt()
    {
        var client = app.Anonymous();
        for (var i = 0; i < 21; i++)
        {
            (await client.Http.GetAsync("/en/account/login")).StatusCode.Should().Be(HttpStatusCode.OK, $"view {i + 1} of the log-in page");
            (await client.Http.GetAsync("/fr/account/register")).StatusCode.Should().Be(HttpStatusCode.OK, $"view {i + 1} of the registration page");
        }

        // The attempts themselves still count: 8 a minute from this address, form posts and API calls alike.
        using var browser = new Forum.FunctionalTests.Privacy.PageBrowser(client.Http.BaseAddress!);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await browser.LogInAsync("nobody@tests.localhost", "wrong")).StatusCode);
            statuses.Add((await client.PostAsync("/api/account/login", new { email = "nobody@tests.localhost", password = "wrong" })).StatusCode);
        }
        statuses.Take(8).Should().NotContain(HttpStatusCode.TooManyRequests);
        statuses.Skip(8).Should().OnlyContain(s => s == HttpStatusCode.TooManyRequests);
        (await client.Http.GetAsync("/en/account/login")).StatusCode.Should().Be(HttpStatusCode.OK, "the page still shows once the attempts are used up");
    }
}
