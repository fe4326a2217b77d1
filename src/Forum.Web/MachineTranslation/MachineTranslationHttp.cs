using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polly.Timeout;

namespace Forum.Web.MachineTranslation;

/// <summary>What the adapters share: a call that fails without an answer, an error body, a bad key.</summary>
internal static class MachineTranslationHttp
{
    /// <summary>
    /// A JSON body sent whole with its Content-Length: streamed JSON goes chunked, which some servers and proxies in
    /// front of a provider do not read (a small Python server read no body at all).
    /// </summary>
    public static HttpContent Json<T>(T value)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>The request, with a failure to reach the provider at all (after the retries) turned into "unavailable".</summary>
    public static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, string provider, ILogger logger)
    {
        try
        {
            return await send();
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or TaskCanceledException { InnerException: TimeoutException })
        {
            logger.LogWarning(e, "{Provider} could not be reached or did not answer in time.", provider);
            throw new MachineTranslationFailure(MachineTranslationFailureKind.Unavailable, $"{provider} could not be reached or did not answer in time.", e);
        }
    }

    public static async Task<T?> ReadErrorAsync<T>(HttpResponseMessage response, CancellationToken cancellation) where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellation);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Proxies in front of a provider answer errors in HTML: the status says enough.
            return null;
        }
    }

    public static async Task<T> ReadAnswerAsync<T>(HttpResponseMessage response, string provider, CancellationToken cancellation) where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellation)
                ?? throw new MachineTranslationFailure(MachineTranslationFailureKind.Unavailable, $"{provider} answered with an empty body.");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new MachineTranslationFailure(MachineTranslationFailureKind.Unavailable, $"{provider} answered with something other than its JSON.", e);
        }
    }

    /// <summary>The forum's key is refused: the operator must fix the settings, the reader can only wait.</summary>
    public static MachineTranslationFailure BadKey(string provider, string? detail, ILogger logger)
    {
        logger.LogError("{Provider} refuses the forum's key (Forum:MachineTranslation:ApiKey): {Detail}", provider, detail);
        return new MachineTranslationFailure(MachineTranslationFailureKind.Unavailable, $"{provider} refuses the forum's key: {detail}");
    }

    public static MachineTranslationFailure Unavailable(string provider, HttpStatusCode status, string? detail, ILogger logger)
    {
        logger.LogWarning("{Provider} answered {Status}: {Detail}", provider, (int)status, detail);
        return new MachineTranslationFailure(MachineTranslationFailureKind.Unavailable, $"{provider} answered {(int)status}: {detail}");
    }
}
