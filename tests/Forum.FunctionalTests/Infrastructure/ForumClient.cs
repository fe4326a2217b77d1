using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Forum.FunctionalTests.Infrastructure;

/// <summary>An HTTP client speaking the forum's API as a user would, with helpers for the common set-ups.</summary>
/// <param name="newClient">Makes another client of the same server (for the signed-in user).</param>
public sealed class ForumClient(HttpClient http, Func<HttpClient> newClient, string? token = null)
{
    public HttpClient Http { get; } = http;

    /// <summary>The bearer token of the signed-in user; null when anonymous.</summary>
    public string? Token { get; } = token;

    public async Task RegisterAsync(string email, string password)
    {
        var response = await Http.PostAsJsonAsync("/api/account/register", new { email, password });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public async Task<ForumClient> LoginAsync(string email, string password)
    {
        var response = await Http.PostAsJsonAsync("/api/account/login", new { email, password });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        var signedIn = newClient();
        signedIn.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ForumClient(signedIn, newClient, token);
    }

    public Task<HttpResponseMessage> PostAsync(string url, object body) => Http.PostAsJsonAsync(url, body);

    public Task<HttpResponseMessage> PutAsync(string url, object body) => Http.PutAsJsonAsync(url, body);

    public Task<HttpResponseMessage> PostRawAsync(string url, string json) =>
        Http.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<JsonNode> GetJsonAsync(string url)
    {
        var response = await Http.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    /// <summary>Sends and expects success, returning the JSON answer.</summary>
    public async Task<JsonNode> PostOkAsync(string url, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await PostAsync(url, body);
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public async Task<JsonNode> CreateThemeAsync(string? slug = null) =>
        await PostOkAsync("/api/themes", new
        {
            slug = slug ?? $"theme-{Guid.NewGuid():N}",
            position = 1,
            published = true,
            originalLanguage = "en",
            texts = new Dictionary<string, object>
            {
                ["en"] = new { title = "Territories", description = "SSE initiatives in territories." },
                ["fr"] = new { title = "Territoires", description = "Les initiatives de l'ESS dans les territoires." },
            },
        }, HttpStatusCode.Created);

    /// <summary>A phase given in Paris wall-clock times.</summary>
    public async Task<JsonNode> CreatePhaseAsync(string themeSlug, int number, string opensAt, string closesAt) =>
        await PostOkAsync($"/api/themes/{themeSlug}/phases", PhaseBody(number, opensAt, closesAt), HttpStatusCode.Created);

    public static object PhaseBody(int number, string opensAt, string closesAt) => new
    {
        number,
        originalLanguage = "en",
        opensAt,
        closesAt,
        texts = new Dictionary<string, object>
        {
            ["en"] = new { title = $"Phase {number}", question = "Which SSE actions help territories develop?" },
            ["fr"] = new { title = $"Phase {number}", question = "Quelles actions de l'ESS aident les territoires ?" },
        },
    };

    /// <summary>A theme with one phase open now (the app's clock reads 1 September 2026).</summary>
    public async Task<int> CreateOpenPhaseAsync()
    {
        var theme = await CreateThemeAsync();
        var phase = await CreatePhaseAsync(theme["slug"]!.GetValue<string>(), 1, "2026-08-25T09:00", "2026-09-21T23:59");
        return phase["id"]!.GetValue<int>();
    }

    public async Task<JsonNode> PostContributionAsync(int phaseId, string language, string title, string body) =>
        await PostOkAsync($"/api/phases/{phaseId}/contributions", new { language, title, body }, HttpStatusCode.Created);
}

public static class ProblemAssertions
{
    /// <summary>Checks an RFC 7807 answer: its status, its media type and the rule it names.</summary>
    public static async Task<JsonNode> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? rule = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(text)!;
        problem["status"]!.GetValue<int>().Should().Be((int)status);
        if (rule is not null)
        {
            problem["rule"]?.GetValue<string>().Should().Be(rule, text);
            problem["rule"].Should().NotBeNull(text);
        }
        return problem;
    }

    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);
}
