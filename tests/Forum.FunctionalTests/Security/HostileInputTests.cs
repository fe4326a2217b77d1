using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Xunit.Abstractions;

namespace Forum.FunctionalTests.Security;

/// <summary>
/// Thousands of generated bad requests against every writing operation of the OpenAPI document:
/// boundary and random values in every field, wrong types, broken, huge, empty and deeply nested
/// bodies, invalid UTF-8, hostile route values; and in every text field, nested ones included, control
/// characters, Markdown nested past Markdig's limit and inputs of the pathological Markdown corpus. Every answer
/// must be below 500, every refusal a ProblemDetails, a refused request must have written nothing, and no control
/// character may be written anywhere but in a password.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.QuietForumApp app, ITestOutputHelper output) : IClassFixture<HostileInputTests.QuietForumApp>
{
    /// <summary>Background summaries never run here, so that any commit seen during a refused request came from that request.</summary>
    public sealed class QuietForumApp : ForumApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Forum:SummaryDelaySeconds", "86400");
        }
    }

    /// <summary>Refusals that rightly write: a wrong password (the current one, for a password change too) counts towards the lockout.</summary>
    private static readonly HashSet<string> RefusalsThatCount = ["POST /api/account/login", "DELETE /api/account", "POST /api/account/manage/info"];

    private const int Seed = 20261123;

    [Fact]
    public async Task Thousands_of_bad_requests_get_no_500_a_problem_for_every_refusal_and_write_nothing_when_refused()
    {
        var random = new Random(Seed);
        _nextCorpusCase = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var admin = await app.AdminAsync();
        var participantEmail = $"target-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(participantEmail, "Lilac-Harbour-42");
        var participant = await app.Anonymous().LoginAsync(participantEmail, "Lilac-Harbour-42");
        var theme = await admin.CreateThemeAsync();
        var slug = theme["slug"]!.GetValue<string>();
        var phase = (await admin.CreatePhaseAsync(slug, 1, "2026-08-25T09:00", "2026-09-21T23:59"))["id"]!.GetValue<int>();
        var contribution = (await admin.PostContributionAsync(phase, "fr", "Un titre", "Un texte de départ."))["id"]!.GetValue<long>();
        var synthesis = (await admin.PostOkAsync($"/api/phases/{phase}/syntheses", new { versions = new[] { new { language = "fr", title = "Synthèse", body = "Texte." } } }, HttpStatusCode.Created))["id"]!.GetValue<long>();
        var report = await participant.PostAsync($"/api/contributions/{contribution}/reports", new { reason = "spam" });
        long? reportId = report.IsSuccessStatusCode ? JsonNode.Parse(await report.Content.ReadAsStringAsync())!["id"]!.GetValue<long>() : null;

        var document = await admin.GetJsonAsync("/openapi/v1.json");
        var operations = Operations(document).ToList();
        operations.Should().HaveCountGreaterThan(25, "the OpenAPI document lists the writing operations");

        string RouteValue(string path, string name) => name switch
        {
            "phaseId" => phase.ToString(),
            "slug" => slug,
            "email" => participantEmail,
            "language" => "en",
            "id" when path.StartsWith("/api/phases/") => phase.ToString(),
            "id" when path.StartsWith("/api/syntheses/") => synthesis.ToString(),
            "id" when path.StartsWith("/api/reports/") => (reportId ?? 1).ToString(),
            "id" => contribution.ToString(),
            _ => "1",
        };

        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var sent = 0;
        var refused = 0;
        var refusedByKestrel = 0;
        var textCases = 0;
        var textFields = new HashSet<string>();
        // Waits for "100 Continue" as long as it takes, so that a body over the limit is refused before it is sent.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1), AllowAutoRedirect = false })
        {
            BaseAddress = admin.Http.BaseAddress,
        };
        await using var watch = await app.QuietDatabaseWatchAsync();
        foreach (var operation in operations)
        {
            var schema = operation.BodySchema is null ? null : Resolve(document, operation.BodySchema);
            // The account's own operations (delete, profile, two-factor, e-mail and password) run as a fresh
            // participant each: wrong passwords lock it and some changes end its tokens, which must not blind the rest.
            var ownAccount = operation.Path.StartsWith("/api/account", StringComparison.Ordinal) && !IsVisitorOperation(operation);
            var caller = ownAccount ? await FreshParticipantAsync() : admin;
            var renewCaller = false;
            foreach (var hostile in Cases(operation, schema, document, random))
            {
                if (renewCaller)
                {
                    caller = await FreshParticipantAsync();
                    renewCaller = false;
                }
                var url = operation.Path;
                foreach (var parameter in operation.PathParameters)
                {
                    var value = hostile.RouteValues?.GetValueOrDefault(parameter) ?? Uri.EscapeDataString(RouteValue(operation.Path, parameter));
                    url = url.Replace("{" + parameter + "}", value);
                }
                url += hostile.Query ?? "";
                await app.PhaseWatcherSettledAsync();
                // The sender marks the messages of earlier requests (a registration's confirmation) sent: not this request's doing.
                await app.MailSenderSettledAsync();
                await app.NotificationsSettledAsync();
                await watch.ChangedAsync();
                var sentBody = hostile.Content is null ? "" : Shorten(await hostile.Content.ReadAsStringAsync());
                using var request = new HttpRequestMessage(new HttpMethod(operation.Method), url) { Content = hostile.Content };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", caller.Token);
                // A body over the limit is refused while it is still being sent; waiting for "100 Continue" lets the client hear the 413 instead of a broken pipe.
                request.Headers.ExpectContinue = hostile.Content?.Headers.ContentLength > 100_000;
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(request);
                }
                catch (HttpRequestException e)
                {
                    failures.Add($"{operation} [{hostile.Description}]: no answer ({e.Message})");
                    continue;
                }
                using var answer = response;
                sent++;
                if (hostile.TextClass is not null)
                {
                    textCases++;
                    textFields.Add($"{operation} {hostile.Description.Split(" = ")[0]}");
                }
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                var text = await response.Content.ReadAsStringAsync();
                var where = $"{operation} [{hostile.Description}] -> {status}";
                if (status >= 500)
                {
                    failures.Add($"{where}: server error for {sentBody}");
                    continue;
                }
                // Its sign-in ended (a reset key changes the stamp): the next case gets a new participant.
                renewCaller = ownAccount && status == 401;
                if (status < 400)
                {
                    // Only a password may hold any character: it is never shown.
                    if (hostile.TextClass == ControlClass && !hostile.Description.Contains("assword", StringComparison.Ordinal) && await watch.ChangedAsync())
                    {
                        failures.Add($"{where}: a control character was accepted and written");
                    }
                    continue;
                }
                refused++;
                if (status == 400 && !response.Headers.Contains("X-Content-Type-Options") && text.Length == 0)
                {
                    // Kestrel refused the request line itself (a NUL in the path) before any of the app ran: nothing to write, no app to answer.
                    refusedByKestrel++;
                    continue;
                }
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{where}: answered {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not a ProblemDetails: {Shorten(text)}");
                }
                else if (JsonNode.Parse(text) is not JsonObject problem || problem["status"]?.GetValue<int>() != status || string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()))
                {
                    failures.Add($"{where}: ProblemDetails without matching status and title: {Shorten(text)}");
                }
                if (!RefusalsThatCount.Contains(operation.ToString()) && await watch.ChangedAsync())
                {
                    failures.Add($"{where}: refused, yet the database changed");
                }
            }
        }

        output.WriteLine($"seed {Seed}: {sent} requests ({textCases} of them hostile texts in {textFields.Count} text fields) in {clock.Elapsed.TotalSeconds:0} s to {operations.Count} operations, {refused} refused ({refusedByKestrel} by Kestrel before the app); statuses: {string.Join(", ", statuses.Select(s => $"{s.Key}x{s.Value}"))}");
        foreach (var failure in failures.Take(60))
        {
            output.WriteLine(failure);
        }
        sent.Should().BeGreaterThan(3000);
        textFields.Should().Contain(f => f.EndsWith(" texts.en.title")).And.Contain(f => f.EndsWith(" versions[0].body"), "nested text fields get hostile texts too");
        refusedByKestrel.Should().BeLessThan(sent / 50, "only malformed request lines stop in Kestrel");
        failures.Should().BeEmpty($"{failures.Count} of {sent} answers broke the rules; first: {failures.FirstOrDefault()}");

        // The admin's token served every request: the suite did not run blind on 401s.
        (await admin.Http.GetAsync("/api/reports")).StatusCode.Should().Be(HttpStatusCode.OK);
        statuses.GetValueOrDefault(401).Should().BeLessThan(sent / 10, "refusals come from the input, not from a lost sign-in");

        // The forum still works for the people it is for after all that (the suite's own theme and contribution may rightly
        // have been hidden, renamed or unpublished by an accepted request): a moderator opens a phase, a new participant
        // posts in it, and a visitor reads the contribution through the API and on the phase page.
        var freshPhase = await admin.CreateOpenPhaseAsync();
        var writer = await FreshParticipantAsync();
        var posted = (await writer.PostContributionAsync(freshPhase, "en", "Still standing", "The forum still takes contributions."))["id"]!.GetValue<long>();
        var visitor = app.Anonymous();
        (await visitor.GetJsonAsync($"/api/contributions/{posted}"))["versions"]![0]!["title"]!.GetValue<string>().Should().Be("Still standing");
        var page = await visitor.Http.GetAsync($"/en/phases/{freshPhase}");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("Still standing");
    }

    private static readonly HashSet<string> VisitorPaths =
        ["/api/account/register", "/api/account/login", "/api/account/refresh", "/api/account/resendConfirmationEmail", "/api/account/forgotPassword", "/api/account/resetPassword"];

    private static bool IsVisitorOperation(Operation operation) => VisitorPaths.Contains(operation.Path);

    private async Task<ForumClient> FreshParticipantAsync() => await app.ParticipantAsync("hostile");

    private sealed record Operation(string Method, string Path, JsonNode? BodySchema, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    private sealed record HostileCase(string Description, HttpContent? Content, IReadOnlyDictionary<string, string>? RouteValues = null, string? Query = null, string? TextClass = null);

    private const string ControlClass = "control";

    /// <summary>The value a plausible body holds at a dotted path of plain object properties, if it is one.</summary>
    private static string? PlausibleText(JsonNode body, string path)
    {
        JsonNode? node = body;
        foreach (var name in path.Split('.'))
        {
            node = node is JsonObject obj && !name.Contains('[') ? obj[name] : null;
        }
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
    }

    /// <summary>The string fields of a plausible body, with their path and a way to set them in a copy of it.</summary>
    private static IEnumerable<(string Path, Action<JsonNode, string> Set)> TextFields(JsonNode node, string path = "", Func<JsonNode, JsonNode>? locate = null)
    {
        locate ??= n => n;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var here = locate;
                    foreach (var field in TextFields(child!, path.Length == 0 ? name : $"{path}.{name}", n => here(n)[name]!))
                    {
                        yield return field;
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var (here, index) = (locate, i);
                    foreach (var field in TextFields(array[i]!, $"{path}[{i}]", n => here(n)[index]!))
                    {
                        yield return field;
                    }
                }
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                yield return (path, (body, text) => locate(body).ReplaceWith(JsonValue.Create(text)));
                break;
        }
    }

    /// <summary>
    /// Each class of hostile text for one field: every control character, the nestings that made Markdig throw, and
    /// two inputs of the pathological Markdown corpus at full length, taken in turn so that all fields together try all of it.
    /// </summary>
    private static IEnumerable<(string Name, string Text)> TextClassValues(string? plausible)
    {
        foreach (var (name, character) in new[] { ("U+0001", "\u0001"), ("U+0008", "\u0008"), ("U+001B", "\u001B"), ("U+001F", "\u001F"), ("DEL", "\u007F"), ("U+FFFE", "\uFFFE"), ("U+FFFF", "\uFFFF") })
        {
            yield return ($"{ControlClass}: {name}", $"Before{character}after");
        }
        // Inside a value of the right shape too (an e-mail address stays one), so that format checks do not hide what comes after them.
        if (plausible is { Length: > 1 })
        {
            foreach (var (name, character) in new[] { ("U+0001", "\u0001"), ("U+FFFE", "\uFFFE") })
            {
                yield return ($"{ControlClass}: {name} inside a plausible value", plausible[..1] + character + plausible[1..]);
            }
        }
        yield return ("nesting: [ x 200", new string('[', 200));
        yield return ("nesting: > x 30,000", string.Concat(Enumerable.Repeat("> ", 30_000)));
        yield return ("nesting: *a x 30,000", string.Concat(Enumerable.Repeat("*a", 30_000)));
        for (var i = 0; i < 2; i++)
        {
            var (name, text) = MarkdownCorpus[_nextCorpusCase++ % MarkdownCorpus.Count];
            yield return ($"markdown: {name}", text);
        }
    }

    private static readonly List<(string Name, string Text)> MarkdownCorpus = [.. Forum.Testing.PathologicalMarkdown.Corpus()];
    private static int _nextCorpusCase;

    private static IEnumerable<Operation> Operations(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is not ("post" or "put" or "patch" or "delete"))
                {
                    continue;
                }
                var parameters = operation!["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
                var content = operation["requestBody"]?["content"]?.AsObject();
                var schema = content?.FirstOrDefault(c => c.Key.Contains("json")).Value?["schema"];
                yield return new Operation(method.ToUpperInvariant(), path, schema,
                    parameters.Where(p => p["in"]!.GetValue<string>() == "path").Select(p => p["name"]!.GetValue<string>()).ToList(),
                    parameters.Where(p => p["in"]!.GetValue<string>() == "query").Select(p => p["name"]!.GetValue<string>()).ToList());
            }
        }
    }

    private static JsonNode Resolve(JsonNode document, JsonNode schema)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return Resolve(document, document["components"]!["schemas"]![reference.Split('/').Last()]!);
        }
        if (schema["oneOf"] is JsonArray oneOf)
        {
            return Resolve(document, oneOf.First(s => s!["type"]?.ToString() != "null")!);
        }
        return schema;
    }

    private static IEnumerable<HostileCase> Cases(Operation operation, JsonNode? schema, JsonNode document, Random random)
    {
        var valid = schema is null ? new JsonObject() : Plausible(document, schema, 0);
        var validText = valid.ToJsonString();

        // The body as a whole.
        yield return new("no body", null);
        yield return new("empty body", Json(""));
        foreach (var raw in new[] { "null", "[]", "\"text\"", "42", "true", "{", "}", "{\"a\":", "}{", "{} {}", "{\"a\":1,}", "{/*c*/}", "{\"a\":NaN}", "{\"a\":1e999}", "[{}]" })
        {
            yield return new($"body {raw}", Json(raw));
        }
        yield return new("deep arrays", Json(new string('[', 10_000) + new string(']', 10_000)));
        yield return new("deep objects", Json(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000)));
        if (schema is not null)
        {
            // Only where a body is read: an endpoint that takes none answers at once and drops the rest of the upload.
            yield return new("body over the size limit", Json("{\"body\":\"" + new string('x', 1_500_000) + "\"}"));
        }
        yield return new("invalid UTF-8", Bytes([.. "{\"title\":\""u8, 0xC3, 0x28, 0xFF, .. "\",\"body\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8], "application/json"));
        yield return new("byte order mark", Bytes([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(validText)], "application/json"));
        yield return new("as text/plain", Bytes(Encoding.UTF8.GetBytes(validText), "text/plain"));
        yield return new("as a form", new FormUrlEncodedContent(new Dictionary<string, string> { ["title"] = "x", ["body"] = "y" }));
        yield return new("as XML", Bytes("<contribution><body>x</body></contribution>"u8.ToArray(), "application/xml"));
        yield return new("charset latin1", Bytes(Encoding.Latin1.GetBytes("{\"body\":\"caf\u00e9\"}"), "application/json; charset=iso-8859-1"));

        // Every field, alone, given each hostile value; and left out.
        var properties = (schema?["properties"] as JsonObject)?.Select(p => p.Key).ToList() ?? [];
        foreach (var property in properties)
        {
            foreach (var (name, value) in HostileValues())
            {
                var body = valid.DeepClone().AsObject();
                body[property] = value;
                yield return new($"{property} = {name}", Json(body.ToJsonString()));
            }
            var without = valid.DeepClone().AsObject();
            without.Remove(property);
            yield return new($"without {property}", Json(without.ToJsonString()));
        }

        // Every text field, nested ones included (texts.en.title, versions[0].body): each class of hostile text.
        foreach (var (path, setText) in TextFields(valid))
        {
            var plausible = TextFields(valid).Count(f => f.Path == path) == 1 ? PlausibleText(valid, path) : null;
            foreach (var (name, text) in TextClassValues(plausible))
            {
                var body = valid.DeepClone();
                setText(body, text);
                yield return new($"{path} = {name}", Json(body.ToJsonString()), TextClass: name.Split(':')[0]);
            }
        }

        // Every route value.
        foreach (var parameter in operation.PathParameters)
        {
            foreach (var value in new[] { "0", "-1", "2147483648", "9223372036854775808", "abc", "%00", "%FF", "%2e%2e", "%20", new string('9', 400), Uri.EscapeDataString("<script>"), Uri.EscapeDataString("\u202Eevil") })
            {
                yield return new($"{{{parameter}}} = {(value.Length > 20 ? value[..20] + "…" : value)}", Json(validText), new Dictionary<string, string> { [parameter] = value });
            }
        }
        foreach (var parameter in operation.QueryParameters)
        {
            foreach (var value in new[] { "maybe", "", "%FF", "1e9" })
            {
                yield return new($"?{parameter}={value}", Json(validText), Query: $"?{parameter}={value}");
            }
        }

        // Random mixtures: several fields at once, unknown fields, random types.
        var pool = HostileValues().ToList();
        for (var i = 0; i < 40; i++)
        {
            var body = valid.DeepClone().AsObject();
            foreach (var property in properties.Where(_ => random.Next(2) == 0))
            {
                body[property] = pool[random.Next(pool.Count)].Value?.DeepClone();
            }
            if (random.Next(3) == 0)
            {
                body[$"extra{random.Next(100)}"] = pool[random.Next(pool.Count)].Value?.DeepClone();
            }
            yield return new($"random mix {i}", Json(body.ToJsonString()));
        }
    }

    /// <summary>A body that looks right: what a client that read the documentation would send.</summary>
    private static JsonNode Plausible(JsonNode document, JsonNode schema, int depth)
    {
        schema = Resolve(document, schema);
        var types = schema["type"] switch
        {
            JsonArray array => array.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue value => [value.GetValue<string>()],
            _ => ["object"],
        };
        if (types.Contains("object") && depth < 3 && schema["properties"] is null && schema["additionalProperties"] is JsonObject values)
        {
            // A dictionary keyed by language (theme and phase texts): one entry, so that its text fields are reached.
            return new JsonObject { ["en"] = Plausible(document, values, depth + 1) };
        }
        if (types.Contains("object") && depth < 3)
        {
            var body = new JsonObject();
            foreach (var (name, property) in (schema["properties"] as JsonObject) ?? [])
            {
                body[name] = name switch
                {
                    "language" => "en",
                    "email" or "newEmail" => $"someone-{Guid.NewGuid():N}@tests.localhost",
                    "password" or "newPassword" or "oldPassword" => "Wr0ng-Password!",
                    "roles" => new JsonArray("participant"),
                    "reason" => "spam",
                    "action" => "dismiss",
                    "opensAt" => "2026-09-02T09:00:00+02:00",
                    "closesAt" or "until" => "2026-10-02T09:00:00+02:00",
                    _ => Plausible(document, property!, depth + 1),
                };
            }
            return body;
        }
        var format = schema["format"]?.GetValue<string>();
        if (types.Contains("array") && schema["items"] is { } items && Resolve(document, items)["properties"] is not null && depth < 3)
        {
            // A list of objects (a synthesis's versions): one item, so that its text fields are reached.
            return new JsonArray(Plausible(document, items, depth + 1));
        }
        return types.Contains("array") ? new JsonArray()
            : types.Contains("boolean") ? JsonValue.Create(true)
            : types.Contains("integer") || types.Contains("number") ? JsonValue.Create(1)
            : format == "uuid" ? JsonValue.Create(Guid.NewGuid().ToString())
            : format == "date-time" ? JsonValue.Create("2026-09-02T09:00:00+02:00")
            : JsonValue.Create("Some text, in English.");
    }

    private static IEnumerable<(string Name, JsonNode? Value)> HostileValues()
    {
        yield return ("null", null);
        yield return ("empty", "");
        yield return ("blank", "   \t\n ");
        yield return ("200,000 characters", new string('x', 200_000));
        yield return ("NUL", "a\u0000b");
        yield return ("lone surrogate", "\ud800");
        yield return ("right-to-left override", "\u202Eevil");
        yield return ("emoji", "🙂👍🏽🇫🇷");
        yield return ("script", "<script>alert(1)</script>");
        yield return ("SQL", "' OR '1'='1'; DROP TABLE Contributions; --");
        yield return ("path", "../../../etc/passwd");
        yield return ("format string", "%s%n{0}");
        yield return ("bad date", "2026-13-45T25:61:00");
        yield return ("far past", "0001-01-01T00:00:00");
        yield return ("far future", "9999-12-31T23:59:59Z");
        yield return ("not a guid", "not-a-guid");
        yield return ("empty guid", "00000000-0000-0000-0000-000000000000");
        yield return ("unknown language", "xx");
        yield return ("upper-case language", "EN");
        yield return ("zero", 0);
        yield return ("minus one", -1);
        yield return ("int overflow", 2147483648L);
        yield return ("long max", long.MaxValue);
        yield return ("long min", long.MinValue);
        yield return ("fraction", 1.5);
        yield return ("huge number", 1e308);
        yield return ("true", true);
        yield return ("array", new JsonArray(1, "a", null));
        yield return ("big array", new JsonArray(Enumerable.Range(0, 10_000).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()));
        yield return ("object", new JsonObject { ["x"] = 1 });
        yield return ("nested", JsonNode.Parse(new string('[', 60) + new string(']', 60)));
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
