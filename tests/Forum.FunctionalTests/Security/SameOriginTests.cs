using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Forum.FunctionalTests.Security;

/// <summary>
/// The sign-in cookie goes along with any request the browser makes, also one that another site (a
/// sibling subdomain is "same site") sends: API writes and the hub accept it only from the forum's origin.
/// </summary>
public class SameOriginTests(ForumApp app) : IClassFixture<ForumApp>
{
    private const string Evil = "https://evil.example";

    private Uri Base => app.CreateClient().BaseAddress!;

    private string Ours => Base.GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// A moderator signed in with the API's cookie log-in, as the forum's pages' scripts are. A session cookie: a
    /// lasting one would carry an expiry on the app's test clock (September 2026), which the client's jar would drop.
    /// </summary>
    private async Task<(HttpClient Cookie, CookieContainer Jar)> CookieModeratorAsync()
    {
        var email = $"cookie-moderator-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, "Lilac-Harbour-42");
        var admin = await app.AdminAsync();
        (await admin.PutAsync($"/api/users/{email}/roles", new { roles = new[] { "participant", "moderator" } })).EnsureSuccessStatusCode();
        var jar = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = jar }) { BaseAddress = Base };
        var login = await client.PostAsJsonAsync("/api/account/login?useCookies=true&useSessionCookies=true", new { email, password = "Lilac-Harbour-42" });
        login.StatusCode.Should().Be(HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
        jar.GetCookies(Base).Should().NotBeEmpty();
        return (client, jar);
    }

    /// <summary>A draft synthesis of a new phase, and the way to read its status.</summary>
    private async Task<(long Id, Func<Task<string>> Status)> DraftAsync()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var draft = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses",
            new { versions = new[] { new { language = "en", title = "Synthesis", body = "Text." } } }, HttpStatusCode.Created);
        var id = draft["id"]!.GetValue<long>();
        return (id, async () => (await moderator.GetJsonAsync($"/api/syntheses/{id}"))["status"]!.GetValue<string>());
    }

    private static HttpRequestMessage Publish(long id, Action<HttpRequestMessage> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/syntheses/{id}/publish") { Content = JsonContent.Create(new { }) };
        headers(request);
        return request;
    }

    [Theory]
    [InlineData("Origin", Evil)]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Referer", "https://evil.example/page")]
    public async Task A_cookie_write_from_another_site_is_refused_and_nothing_is_written(string header, string value)
    {
        var (cookie, _) = await CookieModeratorAsync();
        var (id, status) = await DraftAsync();

        var response = await cookie.SendAsync(Publish(id, r => r.Headers.TryAddWithoutValidation(header, value)));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "request.cross-site");
        (await status()).Should().Be("draft");
    }

    [Fact]
    public async Task A_cookie_write_from_the_forums_own_pages_works()
    {
        var (cookie, _) = await CookieModeratorAsync();
        var (id, status) = await DraftAsync();

        var response = await cookie.SendAsync(Publish(id, r =>
        {
            r.Headers.TryAddWithoutValidation("Origin", Ours);
            r.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        }));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await status()).Should().Be("published");
    }

    [Fact]
    public async Task A_bearer_token_write_with_a_foreign_origin_works()
    {
        var moderator = await app.ModeratorAsync();
        var (id, status) = await DraftAsync();

        var response = await moderator.Http.SendAsync(Publish(id, r =>
        {
            r.Headers.TryAddWithoutValidation("Origin", Evil);
            r.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
        }));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await status()).Should().Be("published");
    }

    [Theory]
    [InlineData(HttpTransportType.WebSockets, true)]
    [InlineData(HttpTransportType.WebSockets, false)]
    [InlineData(HttpTransportType.LongPolling, false)]
    public async Task The_hub_refuses_a_cookie_connection_from_another_site(HttpTransportType transport, bool skipNegotiation)
    {
        var (_, jar) = await CookieModeratorAsync();

        await using var foreign = Connection(jar, Evil, transport, skipNegotiation);
        var start = () => foreign.StartAsync();
        await start.Should().ThrowAsync<Exception>("a page of another site may not use the moderator's cookie on the hub");

        await using var own = Connection(jar, Ours, transport, skipNegotiation);
        await own.StartAsync();
        own.State.Should().Be(HubConnectionState.Connected);
    }

    [Fact]
    public async Task The_hubs_negotiation_from_another_site_is_a_problem_answer()
    {
        var (cookie, _) = await CookieModeratorAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/forum/negotiate?negotiateVersion=1");
        request.Headers.TryAddWithoutValidation("Origin", Evil);

        var response = await cookie.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "request.cross-site");
    }

    private HubConnection Connection(CookieContainer jar, string origin, HttpTransportType transport, bool skipNegotiation) =>
        new HubConnectionBuilder().WithUrl(new Uri(Base, "/hubs/forum"), options =>
        {
            options.Cookies = jar;
            options.Headers["Origin"] = origin;
            options.Transports = transport;
            options.SkipNegotiation = skipNegotiation;
        }).Build();
}

/// <summary>With <c>Forum:PublicUrl</c> set, the forum's origin is that address, not whatever Host the request names.</summary>
public class ConfiguredOriginTests(PublicUrlForumApp app) : IClassFixture<PublicUrlForumApp>
{
    [Fact]
    public async Task A_cookie_write_is_judged_against_the_configured_origin()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var jar = new CookieContainer();
        var baseAddress = app.CreateClient().BaseAddress!;
        using var cookie = new HttpClient(new HttpClientHandler { CookieContainer = jar }) { BaseAddress = baseAddress };
        var email = (await moderator.GetJsonAsync("/api/account/me"))["email"]!.GetValue<string>();
        (await cookie.PostAsync("/api/account/login?useCookies=true&useSessionCookies=true",
            System.Net.Http.Json.JsonContent.Create(new { email, password = "Lilac-Harbour-42" }))).EnsureSuccessStatusCode();

        HttpRequestMessage Close(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/phases/{phase}/close") { Content = System.Net.Http.Json.JsonContent.Create(new { reason = "Closing." }) };
            request.Headers.TryAddWithoutValidation("Origin", origin);
            return request;
        }

        // The Host the request names is not the forum's origin once the forum knows its address.
        await (await cookie.SendAsync(Close(baseAddress.GetLeftPart(UriPartial.Authority)))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "request.cross-site");
        (await cookie.SendAsync(Close(PublicUrlForumApp.PublicUrl))).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
