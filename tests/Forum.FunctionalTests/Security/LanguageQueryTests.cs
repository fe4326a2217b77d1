using System.Net;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Security;

/// <summary>
/// The output cache varies by `lang` and `language`: any value it does not know must be refused,
/// or a client could fill the cache with one entry per made-up language.
/// </summary>
public class LanguageQueryTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task Every_endpoint_reading_lang_or_language_refuses_an_unknown_language_with_400()
    {
        var admin = await app.AdminAsync();
        var theme = await admin.CreateThemeAsync();
        var slug = theme["slug"]!.GetValue<string>();
        var phase = (await admin.CreatePhaseAsync(slug, 1, "2026-08-25T09:00", "2026-09-21T23:59"))["id"]!.GetValue<int>();
        var contribution = (await admin.PostContributionAsync(phase, "en", "Title", "Body."))["id"]!.GetValue<long>();
        var synthesis = (await admin.PostOkAsync($"/api/phases/{phase}/syntheses",
            new { versions = new[] { new { language = "en", title = "Synthesis", body = "Text." } } }, HttpStatusCode.Created))["id"]!.GetValue<long>();

        // Every GET of the OpenAPI document with such a query parameter: an endpoint added tomorrow is checked too.
        var document = await admin.GetJsonAsync("/openapi/v1.json");
        var checkedUrls = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (item!["get"] is not { } get)
            {
                continue;
            }
            var names = (get["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "query")
                .Select(p => p!["name"]!.GetValue<string>()).Where(n => n is "lang" or "language").ToList();
            var url = path.Replace("{phaseId}", phase.ToString()).Replace("{slug}", slug).Replace("{language}", "en")
                .Replace("{format}", path.Contains("statistics.") ? "json" : "csv")
                .Replace("{id}", path.StartsWith("/api/phases/") ? phase.ToString()
                    : path.StartsWith("/api/syntheses/") ? synthesis.ToString() : contribution.ToString());
            foreach (var name in names)
            {
                // Sent with a known value the call works, so the refusal below is about the language alone.
                var good = await admin.Http.GetAsync($"{url}?{name}=fr");
                good.StatusCode.Should().Be(HttpStatusCode.OK, $"{url}?{name}=fr: {await good.Content.ReadAsStringAsync()}");
                foreach (var value in new[] { "%25", "xx", "FR", "fr%00" })
                {
                    var refused = await admin.Http.GetAsync($"{url}?{name}={value}");
                    var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "language.unknown");
                    problem["field"]!.GetValue<string>().Should().Be(name);
                }
                checkedUrls.Add($"{url}?{name}=");
            }
        }
        checkedUrls.Should().HaveCountGreaterThanOrEqualTo(10, "lists, themes, phases, syntheses, statistics and the forum read a language: "
            + string.Join(", ", checkedUrls));

        // The phase page is cached by its language filter too.
        (await app.Anonymous().Http.GetAsync($"/en/phases/{phase}?language=fr")).StatusCode.Should().Be(HttpStatusCode.OK);
        // A page answers its error page (issue 12), with the rule's own message, in the page's language.
        var page = await app.Anonymous().Http.GetAsync($"/fr/phases/{phase}?language=%25");
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
        Forms.Text(await page.Content.ReadAsStringAsync()).Should().Contain("Choisissez l’une des langues du forum.");
    }
}
