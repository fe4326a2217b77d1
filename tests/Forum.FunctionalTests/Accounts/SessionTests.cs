using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Accounts;

/// <summary>Issue 10: logging out ends the session on the server, refresh tokens work once, password checks count towards the lockout.</summary>
public sealed class SessionTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task A_cookie_saved_before_logging_out_is_anonymous_afterwards()
    {
        var email = $"leaver-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, Demo.Password);
        var jar = new CookieContainer();
        var baseAddress = app.CreateClient().BaseAddress!;
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        (await Forms.SubmitAsync(browser, "/en/account/login", "/en/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = Demo.Password }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var saved = jar.GetCookieHeader(baseAddress);
        saved.Should().NotBeEmpty();

        // The header's log-out button, on the account page.
        var account = await browser.GetStringAsync("/en/account");
        account.Should().Contain("action=\"/en/account/logout\"");
        (await Forms.SubmitAsync(browser, "/en/account", "/en/account/logout", new())).StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var replay = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        replay.DefaultRequestHeaders.Add("Cookie", saved);
        (await replay.GetAsync("/api/account/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the saved cookie no longer signs anyone in");
        var page = await replay.GetAsync("/en/account");
        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.Should().StartWith("/en/account/login");
    }

    [Fact]
    public async Task A_refresh_token_is_accepted_once()
    {
        var email = $"refresher-{Guid.NewGuid():N}@tests.localhost";
        var anonymous = app.Anonymous();
        await anonymous.RegisterAsync(email, Demo.Password);
        var login = await anonymous.PostOkAsync("/api/account/login", new { email, password = Demo.Password });
        var refreshToken = login["refreshToken"]!.GetValue<string>();

        var first = await anonymous.PostOkAsync("/api/account/refresh", new { refreshToken });
        first["accessToken"]!.GetValue<string>().Should().NotBeEmpty();
        (await anonymous.PostAsync("/api/account/refresh", new { refreshToken })).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a refresh token works once");
        (await anonymous.PostAsync("/api/account/refresh", new { refreshToken })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        // The token given in exchange works, once too.
        var next = first["refreshToken"]!.GetValue<string>();
        (await anonymous.PostAsync("/api/account/refresh", new { refreshToken = next })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.PostAsync("/api/account/refresh", new { refreshToken = next })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Wrong_old_passwords_when_changing_the_password_count_towards_the_lockout()
    {
        var email = $"changer-{Guid.NewGuid():N}@tests.localhost";
        var anonymous = app.Anonymous();
        await anonymous.RegisterAsync(email, Demo.Password);
        var signedIn = await anonymous.LoginAsync(email, Demo.Password);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await signedIn.PostAsync("/api/account/manage/info", new { newPassword = "Another-harbour-77", oldPassword = $"Guess-number-{attempt}" });
            await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        }

        var right = await signedIn.PostAsync("/api/account/manage/info", new { newPassword = "Another-harbour-77", oldPassword = Demo.Password });
        await right.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var login = await anonymous.PostAsync("/api/account/login", new { email, password = Demo.Password });
        (await login.ShouldBeProblemAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>().Should().Be("LockedOut");

        app.Time.Advance(TimeSpan.FromMinutes(16));
        await anonymous.LoginAsync(email, Demo.Password);
    }
}
