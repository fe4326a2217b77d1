using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Forum.FunctionalTests.MachineTranslation;

/// <summary>How the fake service answers the next calls.</summary>
public enum FakeAnswer
{
    Translate,
    QuotaExceeded,
    UnsupportedLanguage,
    BadKey,
    Busy,
    Down,
    Slow,
}

/// <summary>
/// A local stand-in for LibreTranslate (POST /translate) and DeepL (POST /v2/translate), answering as their documented
/// APIs do, errors included. Its "translation" writes the text between tags in capitals, leaving tags and entities as
/// they are, so a test can tell what was translated from what was kept. It counts the calls and keeps the last request.
/// </summary>
public sealed partial class FakeTranslationService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    public FakeAnswer Answer { get; set; } = FakeAnswer.Translate;

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(3);

    public int Calls => Volatile.Read(ref _calls);

    public JsonNode? LastRequest { get; private set; }

    public string? LastAuthorization { get; private set; }

    /// <summary>The last request's Content-Length: null when its body came chunked.</summary>
    public long? LastContentLength { get; private set; }

    public string Url { get; }

    private FakeTranslationService(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public static FakeTranslationService Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeTranslationService? service = null;
        // Request delegates that execute their result: a lambda taking HttpContext alone would drop a returned IResult.
        app.MapPost("/translate", async context => await (await service!.LibreTranslateAsync(context)).ExecuteAsync(context));
        app.MapPost("/v2/translate", async context => await (await service!.DeepLAsync(context)).ExecuteAsync(context));
        app.StartAsync().GetAwaiter().GetResult();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        service = new FakeTranslationService(app, url);
        return service;
    }

    public void Reset()
    {
        Answer = FakeAnswer.Translate;
        Interlocked.Exchange(ref _calls, 0);
    }

    /// <summary>The fake's translation of one HTML text: capitals between tags, tags and entities untouched.</summary>
    public static string Capitals(string html) =>
        TextOrMarkup().Replace(html, m => m.Value.StartsWith('<') || m.Value.StartsWith('&') ? m.Value : m.Value.ToUpperInvariant());

    private async Task<IResult> LibreTranslateAsync(HttpContext context)
    {
        var request = await ReadAsync(context);
        if (await RefusalAsync(context.RequestAborted) is { } status)
        {
            return status switch
            {
                HttpStatusCode.BadRequest => Results.Json(new { error = $"{request?["target"]} is not supported" }, statusCode: 400),
                HttpStatusCode.Forbidden => Results.Json(new { error = "Invalid API key" }, statusCode: 403),
                // LibreTranslate has no monthly quota: its limit is a rate, answered with 429.
                (HttpStatusCode)456 or HttpStatusCode.TooManyRequests => Results.Json(new { error = "Slowdown: 80 per 1 minute" }, statusCode: 429),
                _ => Results.Json(new { error = "Cannot translate text" }, statusCode: (int)status),
            };
        }
        var q = request?["q"];
        return q is JsonArray texts
            ? Results.Json(new { translatedText = texts.Select(t => Capitals(t!.GetValue<string>())).ToArray() })
            : Results.Json(new { translatedText = Capitals(q!.GetValue<string>()) });
    }

    private async Task<IResult> DeepLAsync(HttpContext context)
    {
        var request = await ReadAsync(context);
        if (await RefusalAsync(context.RequestAborted) is { } status)
        {
            return status switch
            {
                HttpStatusCode.BadRequest => Results.Json(new { message = "Value for 'target_lang' not supported." }, statusCode: 400),
                HttpStatusCode.Forbidden => Results.Json(new { message = "Wrong endpoint. Use https://api.deepl.com" }, statusCode: 403),
                (HttpStatusCode)456 => Results.Json(new { message = "Quota exceeded" }, statusCode: 456),
                HttpStatusCode.TooManyRequests => Results.Json(new { message = "Too many requests" }, statusCode: 429),
                _ => Results.StatusCode((int)status),
            };
        }
        var texts = request!["text"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        return Results.Json(new
        {
            translations = texts.Select(t => new { detected_source_language = request["source_lang"]?.GetValue<string>() ?? "FR", text = Capitals(t) }).ToArray(),
        });
    }

    private async Task<JsonNode?> ReadAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        LastAuthorization = context.Request.Headers.Authorization.ToString();
        LastContentLength = context.Request.ContentLength;
        LastRequest = await JsonNode.ParseAsync(context.Request.Body);
        return LastRequest;
    }

    private async Task<HttpStatusCode?> RefusalAsync(CancellationToken aborted)
    {
        switch (Answer)
        {
            case FakeAnswer.Translate:
                return null;
            case FakeAnswer.Slow:
                try
                {
                    await Task.Delay(SlowDelay, aborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up, as it should.
                }
                return null;
            default:
                return Answer switch
                {
                    FakeAnswer.QuotaExceeded => (HttpStatusCode)456,
                    FakeAnswer.UnsupportedLanguage => HttpStatusCode.BadRequest,
                    FakeAnswer.BadKey => HttpStatusCode.Forbidden,
                    FakeAnswer.Busy => HttpStatusCode.TooManyRequests,
                    _ => HttpStatusCode.ServiceUnavailable,
                };
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [GeneratedRegex("<[^>]*>|&[#a-zA-Z0-9]+;|[^<&]+|&")]
    private static partial Regex TextOrMarkup();
}
