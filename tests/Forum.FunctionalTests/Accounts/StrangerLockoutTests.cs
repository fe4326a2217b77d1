using System.Net;
using System.Net.Http.Json;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Accounts;

/// <summary>
/// Issue 10: wrong passwords lock the address that sent them out of that account; only a much larger
/// number, from anywhere, locks the account for everybody. Other client addresses come through the
/// X-Forwarded-For of the loopback proxy, which the forum trusts.
/// </summary>
public sealed class StrangerLockoutTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static Task<HttpResponseMessage> LogInFromAsync(ForumClient client, string address, string email, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add("X-Forwarded-For", address);
        return client.Http.SendAsync(request);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>();

    [Fact]
    public async Task A_stranger_who_guesses_wrong_five_times_locks_only_themselves_out()
    {
        var email = $"victim-{Guid.NewGuid():N}@tests.localhost";
        var anonymous = app.Anonymous();
        await anonymous.RegisterAsync(email, Demo.Password);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            (await DetailAsync(await LogInFromAsync(anonymous, "203.0.113.66", email, $"Guess-number-{attempt}")))
                .Should().Be(attempt < 5 ? "Failed" : "LockedOut", $"attempt {attempt}");
        }
        (await DetailAsync(await LogInFromAsync(anonymous, "203.0.113.66", email, Demo.Password))).Should().Be("LockedOut", "the stranger's address is locked out of the account");

        var owner = await LogInFromAsync(anonymous, "198.51.100.20", email, Demo.Password);
        owner.StatusCode.Should().Be(HttpStatusCode.OK, "the owner, elsewhere, still gets in");
    }

    [Fact]
    public async Task Failures_spread_over_one_IPv6_64_lock_that_64_out_like_one_address()
    {
        var email = $"victim-{Guid.NewGuid():N}@tests.localhost";
        var anonymous = app.Anonymous();
        await anonymous.RegisterAsync(email, Demo.Password);

        // A new address of the same /64 for every guess: one IPv6 host usually owns the whole /64.
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            (await DetailAsync(await LogInFromAsync(anonymous, $"2001:db8:66:1::{attempt}", email, $"Guess-number-{attempt}")))
                .Should().Be(attempt < 5 ? "Failed" : "LockedOut", $"attempt {attempt}");
        }
        (await DetailAsync(await LogInFromAsync(anonymous, "2001:db8:66:1:abcd::99", email, Demo.Password)))
            .Should().Be("LockedOut", "the whole /64 is locked out of the account");

        var owner = await LogInFromAsync(anonymous, "2001:db8:66:2::1", email, Demo.Password);
        owner.StatusCode.Should().Be(HttpStatusCode.OK, "the owner, in another /64, still gets in");
    }

    [Fact]
    public async Task Failures_from_an_IPv4_mapped_IPv6_address_count_for_its_IPv4_address()
    {
        var email = $"victim-{Guid.NewGuid():N}@tests.localhost";
        var anonymous = app.Anonymous();
        await anonymous.RegisterAsync(email, Demo.Password);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var address = attempt % 2 == 0 ? "::ffff:203.0.113.67" : "203.0.113.67";
            (await DetailAsync(await LogInFromAsync(anonymous, address, email, $"Guess-number-{attempt}")))
                .Should().Be(attempt < 5 ? "Failed" : "LockedOut", $"attempt {attempt} from {address}");
        }
        (await DetailAsync(await LogInFromAsync(anonymous, "::ffff:203.0.113.67", email, Demo.Password))).Should().Be("LockedOut");
        (await LogInFromAsync(anonymous, "203.0.113.68", email, Demo.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Failures_from_many_addresses_lock_the_account_for_everybody_and_an_unknown_address_alike()
    {
        var email = $"besieged-{Guid.NewGuid():N}@tests.localhost";
        var unknown = $"nobody-{Guid.NewGuid():N}@tests.localhost";
        var anonymous = app.Anonymous();
        await anonymous.RegisterAsync(email, Demo.Password);

        // 20 addresses × 5 failures reach the account-wide bound (100).
        for (var address = 1; address <= 20; address++)
        {
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                await LogInFromAsync(anonymous, $"192.0.2.{address}", email, "Wrong-guess-123");
                await LogInFromAsync(anonymous, $"192.0.2.{address}", unknown, "Wrong-guess-123");
            }
        }

        (await DetailAsync(await LogInFromAsync(anonymous, "198.51.100.30", email, Demo.Password))).Should().Be("LockedOut");
        (await DetailAsync(await LogInFromAsync(anonymous, "198.51.100.30", unknown, Demo.Password))).Should().Be("LockedOut", "an unknown address looks the same");

        app.Time.Advance(TimeSpan.FromMinutes(16));
        (await LogInFromAsync(anonymous, "198.51.100.30", email, Demo.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
