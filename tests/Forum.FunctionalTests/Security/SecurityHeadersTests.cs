using System.Net;
using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Security;

public partial class SecurityHeadersTests(DemoForumApp app) : IClassFixture<DemoForumApp>
{
    [Theory]
    [InlineData("/en/phases/3")]
    [InlineData("/api/phases/3/statistics")]
    [InlineData("/fr/account/login")]
    [InlineData("/en/phases/999")]
    public async Task Every_response_carries_the_protective_headers(string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.Contain("object-src 'none'").And.NotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
    }

    [Theory]
    [InlineData("/en")]
    [InlineData("/fr/phases/3")]
    [InlineData("/es/contributions/9")]
    [InlineData("/en/account/register")]
    [InlineData("/fr/themes/sse-initiatives-in-territories")]
    public async Task Pages_have_no_inline_script_or_style_the_policy_would_block(string path)
    {
        var html = await app.CreateClient().GetStringAsync(path);
        ScriptTag().Matches(html).Where(m => !m.Groups[1].Value.Contains("src=")).Should().BeEmpty("every script comes from a file of this site");
        html.Should().NotContain(" style=\"").And.NotContain("<style").And.NotContain(" onclick=").And.NotContain("javascript:");
    }

    [Fact]
    public async Task Session_cookies_are_http_only_and_same_site()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.CreateClient().BaseAddress };
        var page = await client.GetAsync("/en/account/login");
        var html = await page.Content.ReadAsStringAsync();
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery"));
        antiforgery.Should().Contain("httponly").And.Contain("samesite=strict");
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var request = new HttpRequestMessage(HttpMethod.Post, "/en/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = ForumApp.AdminEmail, ["Input.Password"] = ForumApp.AdminPassword, ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var login = await client.SendAsync(request);
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application"));
        session.Should().Contain("httponly").And.Contain("samesite=lax");
    }

    [GeneratedRegex("<script([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
