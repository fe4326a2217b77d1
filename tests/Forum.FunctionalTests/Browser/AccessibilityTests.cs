using System.Text.Json;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.Playwright;

namespace Forum.FunctionalTests.Browser;

/// <summary>
/// axe-core on each main page of the demo forum, in Chromium: no serious or critical violation.
/// With FORUM_SCREENSHOTS=1 the same visit saves the screenshots shown in the README (docs/screenshots).
/// </summary>
public class AccessibilityTests(DemoForumApp app, BrowserFixture browser) : IClassFixture<DemoForumApp>, IClassFixture<BrowserFixture>
{
    private static readonly string Axe = Path.Combine(AppContext.BaseDirectory, "browser-tools", "axe.min.js");

    public static TheoryData<string, string> MainPages => new()
    {
        { "/en", "home" },
        { "/fr/themes/sse-initiatives-in-territories", "theme" },
        { "/es/phases/3", "phase" },
        { "/en/contributions/9", "contribution" },
        { "/fr/account/login", "login" },
        { "/es/account/register", "register" },
    };

    [Theory]
    [MemberData(nameof(MainPages))]
    public async Task Main_pages_have_no_serious_accessibility_violation(string path, string name)
    {
        File.Exists(Axe).Should().BeTrue("the test build installs axe-core with npm");
        // The page's CSP forbids inline script, which is how Playwright injects axe: the scan's own context bypasses it.
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1100, Height = 1400 }, BypassCSP = true });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(new Uri(app.CreateClient().BaseAddress!, path).ToString());
        response!.Ok.Should().BeTrue();

        await page.AddScriptTagAsync(new() { Path = Axe });
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))");
        violations.EnumerateArray().Select(v => v.GetString()).Should().BeEmpty($"{path} should pass axe-core");

        if (Environment.GetEnvironmentVariable("FORUM_SCREENSHOTS") == "1")
        {
            var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = false });
        }
    }

    [Fact]
    public async Task Moderation_pages_have_no_serious_accessibility_violation()
    {
        // The page's CSP forbids inline script, which is how Playwright injects axe: the scan's own context bypasses it.
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1100, Height = 1400 }, BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.CreateClient().BaseAddress!, "/fr/account/login").ToString());
        await page.FillAsync("#email", ForumApp.AdminEmail);
        await page.FillAsync("#password", ForumApp.AdminPassword);
        await page.ClickAsync("main button[type=submit]");
        // The moderator's own pages, and the account page every signed-in person has.
        var screenshots = new Dictionary<string, string> { ["/fr/moderation/phases/3"] = "moderation", ["/fr/moderation/reports"] = "reports", ["/es/account"] = "account" };
        foreach (var path in new[] { "/fr/moderation", "/fr/moderation/phases/3", "/fr/moderation/reports", "/en/moderation/contributions/9/history", "/es/account" })
        {
            var response = await page.GotoAsync(new Uri(app.CreateClient().BaseAddress!, path).ToString());
            response!.Ok.Should().BeTrue(path);
            page.Url.Should().EndWith(path, "the admin is signed in, not sent to the log-in page");
            await page.AddScriptTagAsync(new() { Path = Axe });
            var violations = await page.EvaluateAsync<string[]>(
                "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
                ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
                ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))");
            violations.Should().BeEmpty($"{path} should pass axe-core");
            if (Environment.GetEnvironmentVariable("FORUM_SCREENSHOTS") == "1" && screenshots.TryGetValue(path, out var name))
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot(), "docs", "screenshots", $"{name}.png") });
            }
        }
    }

    [Fact]
    public async Task The_scan_does_find_violations_on_a_faulty_page()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<html><head><title>t</title></head><body><img src='x.png'><button></button></body></html>");
        await page.AddScriptTagAsync(new() { Path = Axe });
        var ids = await page.EvaluateAsync<string[]>("async () => (await axe.run()).violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)");
        ids.Should().Contain(["html-has-lang", "image-alt", "button-name"]);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder.FullName, "Forum.sln")))
        {
            folder = folder.Parent!;
        }
        return folder.FullName;
    }
}
