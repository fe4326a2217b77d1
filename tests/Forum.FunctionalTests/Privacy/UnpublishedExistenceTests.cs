using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Privacy;

/// <summary>
/// What a caller may not read does not exist for them: every write naming an unpublished contribution
/// or phase answers exactly as for an id that was never given, whatever else is wrong with the request.
/// </summary>
public sealed class UnpublishedExistenceTests(ForumApp app) : IClassFixture<ForumApp>
{
    private const long MissingContribution = 987_654_321;
    private const int MissingPhase = 987_654;

    private sealed record Write(string Name, HttpMethod Method, Func<string, string> Url, object? Body);

    [Fact]
    public async Task Writes_on_unpublished_items_answer_as_for_ids_that_do_not_exist()
    {
        var admin = await app.AdminAsync();
        var theme = await admin.CreateThemeAsync();
        var slug = theme["slug"]!.GetValue<string>();
        var hiddenPhase = (await admin.CreatePhaseAsync(slug, 1, "2026-08-25T09:00", "2026-09-21T23:59"))["id"]!.GetValue<int>();
        var openPhase = await admin.CreateOpenPhaseAsync();
        var (alice, _) = await app.RegisteredAsync("alice");
        var post = (await alice.PostContributionAsync(hiddenPhase, "en", "Soon unpublished", "Text."))["id"]!.GetValue<long>();
        var version = (await alice.GetJsonAsync($"/api/contributions/{post}"))["version"]!.GetValue<string>();
        var readable = (await alice.PostContributionAsync(openPhase, "en", "Readable", "Text."))["id"]!.GetValue<long>();
        var synthesis = (await admin.PostOkAsync($"/api/phases/{hiddenPhase}/syntheses",
            new { versions = new[] { new { language = "en", title = "Synthesis", body = "Text." } } }, HttpStatusCode.Created))["id"]!.GetValue<long>();
        await admin.PostOkAsync($"/api/syntheses/{synthesis}/publish", new { });

        // The theme is withdrawn: its phase and contribution are now for the moderation team only.
        var current = await admin.GetJsonAsync($"/api/themes/{slug}");
        (await admin.PutAsync($"/api/themes/{slug}", new
        {
            slug, position = 1, published = false, originalLanguage = "en", version = current["version"]!.GetValue<string>(),
            texts = new Dictionary<string, object> { ["en"] = new { title = "Territories", description = "Withdrawn." } },
        })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await alice.Http.GetAsync($"/api/contributions/{post}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        Func<string, string> contribution(string tail) => id => $"/api/contributions/{id}{tail}";
        Func<string, string> phase(string tail) => id => $"/api/phases/{id}{tail}";
        var writes = new List<Write>
        {
            new("read", HttpMethod.Get, contribution(""), null),
            new("reply", HttpMethod.Post, contribution("/replies"), new { language = "en", body = "A reply." }),
            new("reply, bad input", HttpMethod.Post, contribution("/replies"), new { language = "xx", body = "" }),
            new("translation", HttpMethod.Post, contribution("/translations"), new { language = "fr", title = "Titre", body = "Texte." }),
            new("translation, bad input", HttpMethod.Post, contribution("/translations"), new { language = "en", title = "", body = "" }),
            new("edit by the author", HttpMethod.Put, contribution("/versions/en"), new { title = "New", body = "New text.", version }),
            new("edit, stale version", HttpMethod.Put, contribution("/versions/en"), new { title = "New", body = "New text.", version = Guid.NewGuid() }),
            new("update of a translation", HttpMethod.Put, contribution("/versions/fr/update"), new { title = "Nouveau", body = "Texte.", version }),
            new("update of a translation, bad input", HttpMethod.Put, contribution("/versions/fr/update"), new { title = "", body = "", version }),
            new("report", HttpMethod.Post, contribution("/reports"), new { reason = "spam" }),
            new("report, bad reason", HttpMethod.Post, contribution("/reports"), new { reason = "boring", language = "xx" }),
            new("hide", HttpMethod.Post, contribution("/hide"), new { reason = "No." }),
            new("restore", HttpMethod.Post, contribution("/restore"), new { reason = "No." }),
            new("post in the phase", HttpMethod.Post, phase("/contributions"), new { language = "en", title = "T", body = "B." }),
            new("post in the phase, bad input", HttpMethod.Post, phase("/contributions"), new { language = "xx", title = "", body = "" }),
            new("reply through the phase", HttpMethod.Post, phase("/contributions"), new { language = "en", body = "B.", replyTo = readable }),
            new("outdated translations", HttpMethod.Get, phase("/statistics/backlog?language=fr&state=outdated"), null),
            new("synthesis", HttpMethod.Post, phase("/syntheses"), new { versions = new[] { new { language = "en", title = "T", body = "B" } } }),
        };

        foreach (var write in writes)
        {
            var isPhase = write.Url("X").StartsWith("/api/phases/");
            var (hidden, missing) = isPhase ? (hiddenPhase.ToString(), MissingPhase.ToString()) : (post.ToString(), MissingContribution.ToString());
            var forHidden = await AnswerAsync(alice, write.Method, write.Url(hidden), write.Body, hidden);
            var forMissing = await AnswerAsync(alice, write.Method, write.Url(missing), write.Body, missing);
            forHidden.Should().Be(forMissing, write.Name);
        }

        // A published synthesis of the withdrawn phase, read and written.
        foreach (var (method, tail, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, "", null),
            (HttpMethod.Post, "/unpublish", new { }),
            (HttpMethod.Put, "/versions/fr", new { title = "T", body = "B" }),
        })
        {
            var forHidden = await AnswerAsync(alice, method, $"/api/syntheses/{synthesis}{tail}", body, synthesis.ToString());
            var forMissing = await AnswerAsync(alice, method, $"/api/syntheses/{MissingContribution}{tail}", body, MissingContribution.ToString());
            forHidden.Should().Be(forMissing, $"{method} synthesis{tail}");
        }

        // A reply named in the body, to a contribution of an unpublished phase, through a readable phase.
        var throughOpen = await AnswerAsync(alice, HttpMethod.Post, $"/api/phases/{openPhase}/contributions", new { language = "en", body = "B.", replyTo = post }, post.ToString());
        var toMissing = await AnswerAsync(alice, HttpMethod.Post, $"/api/phases/{openPhase}/contributions", new { language = "en", body = "B.", replyTo = MissingContribution }, MissingContribution.ToString());
        throughOpen.Should().Be(toMissing, "a reply to a contribution the caller cannot read");
        throughOpen.Should().StartWith("404");

        // The page forms, with the antiforgery token of a page the participant can read.
        using var browser = Forms.NewBrowser(app);
        var email = (await alice.GetJsonAsync("/api/account/me"))["email"]!.GetValue<string>();
        (await Forms.SubmitAsync(browser, "/en/account/login", "/en/account/login",
            new() { ["Input.Email"] = email, ["Input.Password"] = PrivacyHelpers.Password })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Reply", new() { ["Reply.Language"] = "en", ["Reply.Body"] = "A reply." }),
            ("Translate", new() { ["Translation.Language"] = "fr", ["Translation.Title"] = "T", ["Translation.Body"] = "B." }),
            ("Edit", new() { ["Edit.Language"] = "en", ["Edit.Title"] = "T", ["Edit.Body"] = "B.", ["EditVersion"] = version }),
            ("Report", new() { ["Reporting.Reason"] = "spam" }),
        })
        {
            var forHidden = await PageAnswerAsync(browser, readable, post.ToString(), handler, fields);
            var forMissing = await PageAnswerAsync(browser, readable, MissingContribution.ToString(), handler, fields);
            forHidden.Should().Be(forMissing, $"the page's {handler} form");
            forHidden.Should().StartWith("404");
        }
    }

    private static async Task<string> AnswerAsync(ForumClient client, HttpMethod method, string url, object? body, string id)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
        return await NormalisedAsync(await client.Http.SendAsync(request), id);
    }

    private static async Task<string> PageAnswerAsync(HttpClient browser, long readable, string id, string handler, Dictionary<string, string> fields) =>
        await NormalisedAsync(await Forms.SubmitAsync(browser, $"/en/contributions/{readable}", $"/en/contributions/{id}?handler={handler}", new(fields)), id);

    /// <summary>Status, media type and body, with the id asked for and the trace id taken out.</summary>
    private static async Task<string> NormalisedAsync(HttpResponseMessage response, string id)
    {
        var text = await response.Content.ReadAsStringAsync();
        string WithoutId(string value) => Regex.Replace(value, $@"(?<!\d){id}(?!\d)", "{id}");
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json" && JsonNode.Parse(text) is JsonObject problem)
        {
            problem.Remove("traceId");
            text = string.Join("; ", problem.Select(p => $"{p.Key}={WithoutId(p.Value is JsonValue v && v.TryGetValue<string>(out var str) ? str : p.Value?.ToJsonString() ?? "null")}"));
        }
        // A page's answer (the error page, or a refused form given back with its text): what its <main> says, the
        // id taken out only where a page writes one (in an address or quoted: "initial-scale=1" is no id), and the
        // random antiforgery token with it.
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            text = Regex.Match(text, "<main.*?</main>", RegexOptions.Singleline).Value;
            text = Regex.Replace(text, $@"(?<=/|&#x27;){id}(?!\d)", "{id}");
            text = Regex.Replace(text, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "name=\"__RequestVerificationToken\"");
            return $"{(int)response.StatusCode} text/html {text}";
        }
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {WithoutId(text)}";
    }
}
