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

    /// <summary>A page's text without its markup, whitespace collapsed.</summary>
    public static string Text(string html) => Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
