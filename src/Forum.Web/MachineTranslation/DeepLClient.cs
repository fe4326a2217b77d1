using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Forum.Web.MachineTranslation;

/// <summary>
/// DeepL's API: POST /v2/translate with the key in <c>Authorization: DeepL-Auth-Key …</c>, the texts in <c>text</c> and
/// <c>tag_handling: "html"</c>; 456 when the month's characters are used up, 429 when busy, 403 for a bad key,
/// 400 for a language it does not take.
/// </summary>
public sealed class DeepLClient(HttpClient http, MachineTranslationOptions options, ILogger<DeepLClient> logger) : IMachineTranslator
{
    private const HttpStatusCode QuotaExceeded = (HttpStatusCode)456;

    private sealed record Request(
        [property: JsonPropertyName("text")] IReadOnlyList<string> Text,
        [property: JsonPropertyName("source_lang")] string SourceLang,
        [property: JsonPropertyName("target_lang")] string TargetLang,
        [property: JsonPropertyName("tag_handling")] string TagHandling);

    private sealed record Translation([property: JsonPropertyName("text")] string Text);

    private sealed record Answer([property: JsonPropertyName("translations")] List<Translation>? Translations);

    private sealed record Refusal([property: JsonPropertyName("message")] string? Message);

    /// <summary>DeepL names source languages by their base code, and wants a variant for some targets ("EN" alone is deprecated).</summary>
    public static string SourceCode(string language) => language.ToUpperInvariant();

    public static string TargetCode(string language) => language.ToLowerInvariant() switch
    {
        "en" => "EN-GB",
        "pt" => "PT-PT",
        var other => other.ToUpperInvariant(),
    };

    public async Task<IReadOnlyList<string>> TranslateHtmlAsync(IReadOnlyList<string> html, string from, string to, CancellationToken cancellation)
    {
        var request = new Request(html, SourceCode(from), TargetCode(to), "html");
        using var response = await MachineTranslationHttp.SendAsync(() =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "v2/translate") { Content = MachineTranslationHttp.Json(request) };
            message.Headers.TryAddWithoutValidation("Authorization", $"DeepL-Auth-Key {options.ApiKey}");
            return http.SendAsync(message, cancellation);
        }, "DeepL", logger);
        if (!response.IsSuccessStatusCode)
        {
            var error = (await MachineTranslationHttp.ReadErrorAsync<Refusal>(response, cancellation))?.Message;
            throw response.StatusCode switch
            {
                QuotaExceeded => Quota(error),
                HttpStatusCode.BadRequest when error?.Contains("lang", StringComparison.OrdinalIgnoreCase) == true =>
                    new MachineTranslationFailure(MachineTranslationFailureKind.UnsupportedPair, $"DeepL does not translate {from} to {to}: {error}"),
                HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => MachineTranslationHttp.BadKey("DeepL", error, logger),
                _ => MachineTranslationHttp.Unavailable("DeepL", response.StatusCode, error, logger),
            };
        }
        var answer = await MachineTranslationHttp.ReadAnswerAsync<Answer>(response, "DeepL", cancellation);
        return answer.Translations is { } translations && translations.Count == html.Count
            ? translations.Select(t => t.Text).ToList()
            : throw new MachineTranslationFailure(MachineTranslationFailureKind.Unavailable, "DeepL answered with another number of texts than it was sent.");

        MachineTranslationFailure Quota(string? detail)
        {
            logger.LogWarning("DeepL's character quota is used up: {Detail}", detail);
            return new MachineTranslationFailure(MachineTranslationFailureKind.Quota, $"DeepL's quota is used up: {detail}");
        }
    }
}
