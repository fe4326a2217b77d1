using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Forum.Web.MachineTranslation;

/// <summary>
/// LibreTranslate's API: POST /translate with the texts in <c>q</c>, <c>format: "html"</c> and the key if the server
/// asks for one; 400 for a language it does not know, 403 for a bad key, 429 when busy.
/// </summary>
public sealed class LibreTranslateClient(HttpClient http, MachineTranslationOptions options, ILogger<LibreTranslateClient> logger) : IMachineTranslator
{
    private sealed record Request(
        [property: JsonPropertyName("q")] IReadOnlyList<string> Q,
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("target")] string Target,
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("api_key"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ApiKey);

    private sealed record Answer([property: JsonPropertyName("translatedText")] List<string>? TranslatedText);

    private sealed record Refusal([property: JsonPropertyName("error")] string? Error);

    public async Task<IReadOnlyList<string>> TranslateHtmlAsync(IReadOnlyList<string> html, string from, string to, CancellationToken cancellation)
    {
        var request = new Request(html, from, to, "html", string.IsNullOrWhiteSpace(options.ApiKey) ? null : options.ApiKey);
        using var response = await MachineTranslationHttp.SendAsync(() => http.PostAsync("translate", MachineTranslationHttp.Json(request), cancellation), "LibreTranslate", logger);
        if (!response.IsSuccessStatusCode)
        {
            var error = (await MachineTranslationHttp.ReadErrorAsync<Refusal>(response, cancellation))?.Error;
            throw response.StatusCode switch
            {
                // Its 400 also answers a text past the server's character limit: only a language it lacks is the pair's fault.
                HttpStatusCode.BadRequest when error?.Contains("support", StringComparison.OrdinalIgnoreCase) == true =>
                    new MachineTranslationFailure(MachineTranslationFailureKind.UnsupportedPair, $"LibreTranslate does not translate {from} to {to}: {error}"),
                HttpStatusCode.Forbidden => MachineTranslationHttp.BadKey("LibreTranslate", error, logger),
                _ => MachineTranslationHttp.Unavailable("LibreTranslate", response.StatusCode, error, logger),
            };
        }
        var answer = await MachineTranslationHttp.ReadAnswerAsync<Answer>(response, "LibreTranslate", cancellation);
        return answer.TranslatedText is { } texts && texts.Count == html.Count
            ? texts
            : throw new MachineTranslationFailure(MachineTranslationFailureKind.Unavailable, "LibreTranslate answered with another number of texts than it was sent.");
    }
}
