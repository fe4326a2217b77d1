using System.Text.Json;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.Playwright;

namespace Forum.FunctionalTests.Browser;

/// <summary>
/// The demo forum on a phone 390 CSS px wide, in French (the longest words): no page scrolls sideways, and what a
/// thumb must hit (header and language links, buttons, selects, text fields) is at least 44×44 px.
/// </summary>
public class PhoneLayoutBrowserTests(DemoForumApp app, BrowserFixture browser) : IClassFixture<DemoForumApp>, IClassFixture<BrowserFixture>
{
    private const int PhoneWidth = 390;

    private static readonly string[] ReadingPages =
        ["/fr", "/fr/themes/sse-initiatives-in-territories", "/fr/phases/3", "/fr/contributions/9", "/fr/account/login", "/fr/account/register"];

    private static readonly string[] SignedInPages =
        ["/fr/phases/3", "/fr/contributions/9", "/fr/account", "/fr/moderation", "/fr/moderation/phases/3", "/fr/moderation/reports", "/fr/moderation/contributions/9/history"];

    // How far the page scrolls sideways, and the first elements reaching past the viewport's right edge.
    private const string Overflow = """
        () => {
            const width = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1 && getComputedStyle(e).position !== 'absolute')
                .slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));
            return (document.documentElement.scrollWidth - width) + ' px too wide: ' + wide.join(', ');
        }
        """;

    // Visible targets smaller than 44×44 px, with their size.
    private const string SmallTargets = """
        () => [...document.querySelectorAll('header.site a:not(.skip), header.site button, nav.languages a, main button, main select, main a.button, nav.paging a, nav.breadcrumbs a, main input:not([type=hidden]):not([type=checkbox]):not([type=radio])')]
            .filter(e => e.getClientRects().length > 0)
            .map(e => ({ e, box: e.getBoundingClientRect() }))
            .filter(t => t.box.height < 44 || t.box.width < 44)
            .map(t => t.e.tagName.toLowerCase() + (t.e.id ? '#' + t.e.id : '') + ' "' + (t.e.textContent || t.e.name || '').trim().slice(0, 20) + '" ' + Math.round(t.box.width) + '×' + Math.round(t.box.height))
        """;

    [Fact]
    public async Task Phone_layout_at_390_px_has_no_horizontal_scroll_on_every_main_page()
    {
        var problems = new List<string>();
        await using var anonymous = await PhoneAsync();
        await VisitAsync(anonymous, ReadingPages, problems, Overflow, o => !o.StartsWith("0 px", StringComparison.Ordinal) && !o.StartsWith('-'));
        // An entry in the phase's audit trail, so that its table is measured too (an outside probe found it 40 px too wide).
        var admin = await app.AdminAsync();
        await admin.PostOkAsync("/api/phases/3/extend", new { reason = "Prolongée à la demande des participants du réseau latino-américain", until = "2026-09-30T10:00:00Z" });
        await using var moderator = await PhoneAsync();
        await LogInAsync(moderator);
        await VisitAsync(moderator, SignedInPages, problems, Overflow, o => !o.StartsWith("0 px", StringComparison.Ordinal) && !o.StartsWith('-'));
        problems.Should().BeEmpty("no page should scroll sideways on a 390 px phone");
    }

    [Fact]
    public async Task Tap_targets_are_at_least_44_px_on_a_phone()
    {
        var problems = new List<string>();
        await using var anonymous = await PhoneAsync();
        await VisitAsync(anonymous, ReadingPages, problems, SmallTargets, null);
        await using var moderator = await PhoneAsync();
        await LogInAsync(moderator);
        await VisitAsync(moderator, SignedInPages, problems, SmallTargets, null);
        problems.Should().BeEmpty("header links, language links, buttons, selects and fields are 44×44 px at least");
    }

    [Fact]
    public async Task The_focus_ring_contrasts_at_least_3_to_1_with_white()
    {
        await using var context = await PhoneAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/fr/phases/3"));
        await page.FocusAsync("form.filter select");
        await page.Keyboard.PressAsync("Tab");
        var color = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineColor");
        ContrastWithWhite(color).Should().BeGreaterThanOrEqualTo(3, $"the ring ({color}) must be seen on the white page");
    }

    [Fact]
    public async Task The_title_field_takes_the_forms_width_on_a_desktop()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await LogInAsync(page);
        await page.GotoAsync(Url("/en/phases/3"));
        var widths = await page.EvaluateAsync<double[]>("() => [document.getElementById('post-title').getBoundingClientRect().width, document.getElementById('post-form').getBoundingClientRect().width]");
        widths[0].Should().BeGreaterThan(widths[1] * 0.9, "a title is a line of text, not a 208 px box");
    }

    private async Task<IBrowserContext> PhoneAsync() =>
        await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = PhoneWidth, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 3 });

    private string Url(string path) => new Uri(app.CreateClient().BaseAddress!, path).ToString();

    private async Task LogInAsync(IBrowserContext context) => await LogInAsync(await context.NewPageAsync());

    private async Task LogInAsync(IPage page)
    {
        await page.GotoAsync(Url("/fr/account/login"));
        await page.FillAsync("#email", ForumApp.AdminEmail);
        await page.FillAsync("#password", ForumApp.AdminPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    private async Task VisitAsync(IBrowserContext context, IEnumerable<string> paths, List<string> problems, string script, Func<string, bool>? isProblem)
    {
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(Url(path));
            response!.Ok.Should().BeTrue(path);
            page.Url.Should().EndWith(path, "the visit is not sent elsewhere");
            var found = await page.EvaluateAsync<JsonElement>(script);
            if (found.ValueKind == JsonValueKind.Array)
            {
                problems.AddRange(found.EnumerateArray().Select(t => $"{path}: {t.GetString()}"));
            }
            else if (isProblem!(found.GetString()!))
            {
                problems.Add($"{path}: {found.GetString()}");
            }
        }
    }

    /// <summary>WCAG's contrast ratio of an rgb() colour with white.</summary>
    internal static double ContrastWithWhite(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(') + 1)..rgb.IndexOf(')')].Split(',').Select(p => double.Parse(p.Trim(), System.Globalization.CultureInfo.InvariantCulture) / 255).ToArray();
        static double Linear(double c) => c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        var luminance = 0.2126 * Linear(parts[0]) + 0.7152 * Linear(parts[1]) + 0.0722 * Linear(parts[2]);
        return 1.05 / (luminance + 0.05);
    }
}
