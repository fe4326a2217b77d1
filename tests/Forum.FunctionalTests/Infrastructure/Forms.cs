using System.Net;
using System.Text.RegularExpressions;

namespace Forum.FunctionalTests.Infrastructure;

/// <summary>The pages as a browser without script uses them: a cookie jar, forms posted with their page's antiforgery token.</summary>
public static partial class Forms
{
    /// <summary>A browser of its own (cookies kept, redirects not followed, so that tests see them).</summary>
    public static HttpClient NewBrowser(ForumApp app) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.CreateClient().BaseAddress };

    /// <summary>The antiforgery token of the first form in a page.</summary>
    public static string Token(string html) => TokenRegex().Match(html).Groups[1].Value;

    /// <summary>Opens <paramref name="pagePath"/> and posts its form to <paramref name="action"/> with these fields and the page's token.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string pagePath, string action, Dictionary<string, string> fields)
    {
        var html = await browser.GetStringAsync(pagePath);
        fields["__RequestVerificationToken"] = Token(html);
        fields["__RequestVerificationToken"].Should().NotBeEmpty("every form carries an antiforgery token");
        return await browser.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Registers through the page, which sends everyone on to the log-in page whether or not the address
    /// already had an account (ADR 0007), then logs in there as the person would.
    /// </summary>
    public static async Task RegisterAndLogInAsync(HttpClient browser, string culture, string email, string password, string? displayName = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password };
        if (displayName is not null)
        {
            fields["Input.DisplayName"] = displayName;
        }
        var registered = await SubmitAsync(browser, $"/{culture}/account/register", $"/{culture}/account/register", fields);
        registered.StatusCode.Should().Be(HttpStatusCode.Redirect, await registered.Content.ReadAsStringAsync());
        registered.Headers.Location!.OriginalString.Should().Be($"/{culture}/account/login?registered=true");
        var loggedIn = await SubmitAsync(browser, $"/{culture}/account/login", $"/{culture}/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        loggedIn.StatusCode.Should().Be(HttpStatusCode.Redirect, await loggedIn.Content.ReadAsStringAsync());
        loggedIn.Headers.Location!.OriginalString.Should().Be($"/{culture}");
    }

    /// <summary>A page's text without its markup, whitespace collapsed.</summary>
    public static string Text(string html) => Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
