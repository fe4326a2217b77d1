using System.Net;
using System.Net.Http.Json;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Privacy;

/// <summary>
/// Five wrong passwords in a row from one client address lock that address out of the account for 15
/// minutes of the forum's clock, on the API and on the page (all these tests come from one address;
/// other addresses: Accounts/StrangerLockoutTests).
/// </summary>
public sealed class LockoutTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task Five_wrong_passwords_on_the_API_refuse_even_the_right_one_until_the_lockout_ends()
    {
        var email = $"locked-{Guid.NewGuid():N}@tests.localhost";
        var anonymous = app.Anonymous();
        await anonymous.RegisterAsync(email, PrivacyHelpers.Password);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await anonymous.PostAsync("/api/account/login", new { email, password = $"Wrong-{attempt}!" });
            var problem = await wrong.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            problem["detail"]!.GetValue<string>().Should().Be(attempt < 5 ? "Failed" : "LockedOut", $"attempt {attempt}");
        }

        var refused = await anonymous.PostAsync("/api/account/login", new { email, password = PrivacyHelpers.Password });
        (await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>().Should().Be("LockedOut");

        app.Time.Advance(TimeSpan.FromMinutes(14));
        (await anonymous.PostAsync("/api/account/login", new { email, password = PrivacyHelpers.Password })).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "the lockout lasts 15 minutes");

        app.Time.Advance(TimeSpan.FromMinutes(2));
        var signedIn = await anonymous.LoginAsync(email, PrivacyHelpers.Password);
        (await signedIn.GetJsonAsync("/api/account/me"))["email"]!.GetValue<string>().Should().Be(email);
    }

    [Fact]
    public async Task A_success_before_the_fifth_failure_starts_the_count_again()
    {
        var email = $"forgetful-{Guid.NewGuid():N}@tests.localhost";
        var anonymous = app.Anonymous();
        await anonymous.RegisterAsync(email, PrivacyHelpers.Password);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            (await anonymous.PostAsync("/api/account/login", new { email, password = "Wrong-1!" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        await anonymous.LoginAsync(email, PrivacyHelpers.Password);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            (await anonymous.PostAsync("/api/account/login", new { email, password = "Wrong-2!" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        await anonymous.LoginAsync(email, PrivacyHelpers.Password);
    }

    [Fact]
    public async Task The_log_in_page_counts_failures_and_says_the_account_is_locked_in_the_pages_language()
    {
        var email = $"page-locked-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, PrivacyHelpers.Password);
        using var browser = new PageBrowser(app.CreateClient().BaseAddress!);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await browser.LogInAsync(email, "Wrong-password-1!", "fr");
            wrong.StatusCode.Should().Be(HttpStatusCode.OK);
            var text = PageBrowser.Text(await wrong.Content.ReadAsStringAsync());
            text.Should().Contain(attempt < 5 ? "Cette adresse et ce mot de passe ne correspondent à aucun compte." : "ce compte est bloqué pour quelques minutes");
        }

        var refused = await browser.LogInAsync(email, PrivacyHelpers.Password, "fr");
        refused.StatusCode.Should().Be(HttpStatusCode.OK, "the form comes back");
        PageBrowser.Text(await refused.Content.ReadAsStringAsync()).Should().Contain("Trop d’essais infructueux : ce compte est bloqué pour quelques minutes.");
        (await app.Anonymous().PostAsync("/api/account/login", new { email, password = PrivacyHelpers.Password })).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "the page and the API share the lockout");

        app.Time.Advance(TimeSpan.FromMinutes(16));
        var accepted = await browser.LogInAsync(email, PrivacyHelpers.Password, "fr");
        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        accepted.Headers.Location!.OriginalString.Should().Be("/fr");
    }

    [Fact]
    // An unknown address is counted like an account (issue 10): its first failure reads like any other.
    public async Task Logging_in_with_an_unknown_address_fails_like_a_wrong_password()
    {
        var response = await app.Anonymous().Http.PostAsJsonAsync("/api/account/login", new { email = "nobody@tests.localhost", password = "x" });
        (await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>().Should().Be("Failed");
    }
}
