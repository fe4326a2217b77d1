using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Forum.Web.MachineTranslation;

public static class MachineTranslationSetup
{
    /// <summary>The chosen provider's typed client behind <see cref="IMachineTranslator"/>, with its timeouts and retries; none when the provider is None.</summary>
    public static IServiceCollection AddForumMachineTranslation(this IServiceCollection services, IConfiguration configuration)
    {
        // The section is bound and checked on start with the others (ForumOptionsSetup).
        var section = configuration.GetSection(MachineTranslationOptions.SectionName);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MachineTranslationOptions>>().Value);
        services.AddSingleton<MachineTranslationCache>();
        services.AddSingleton<MachineTranslationLimiter>();
        services.AddScoped<MachineTranslationService>();

        // Which client to build is read once here; its settings are checked on start by the validation above.
        var provider = section.GetValue<MachineTranslationProvider?>(nameof(MachineTranslationOptions.Provider)) ?? MachineTranslationProvider.None;
        switch (provider)
        {
            case MachineTranslationProvider.LibreTranslate:
                services.AddHttpClient<IMachineTranslator, LibreTranslateClient>((sp, http) =>
                        http.BaseAddress = WithSlash(sp.GetRequiredService<MachineTranslationOptions>().Url!))
                    .AddResilienceHandler("machine-translation", Resilience);
                break;
            case MachineTranslationProvider.DeepL:
                services.AddHttpClient<IMachineTranslator, DeepLClient>((sp, http) =>
                        http.BaseAddress = WithSlash(sp.GetRequiredService<MachineTranslationOptions>().DeepLBaseAddress.ToString()))
                    .AddResilienceHandler("machine-translation", Resilience);
                break;
            default:
                services.AddSingleton<IMachineTranslator, NoMachineTranslator>();
                break;
        }
        return services;
    }

    /// <summary>
    /// A whole call is bounded by the attempts' timeouts and waits; an attempt by Forum:MachineTranslation:TimeoutSeconds.
    /// Retried: no answer, a timeout, 408, 429, 500, 502, 503, 504. Never a refusal (bad key, quota, unsupported
    /// language): asking again would get the same answer, or cost money.
    /// </summary>
    private static void Resilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<MachineTranslationOptions>();
        var attempt = TimeSpan.FromSeconds(options.TimeoutSeconds);
        var delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds);
        // The provider's time is the real one, whatever clock the forum's rules read (tests freeze theirs).
        pipeline.TimeProvider = TimeProvider.System;
        pipeline.AddTimeout(attempt * (options.Retries + 1) + delay * Math.Pow(2, options.Retries + 1) + TimeSpan.FromSeconds(1));
        if (options.Retries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.Retries,
                Delay = delay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
                    { Result.StatusCode: var status } => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
                    _ => false,
                }),
            });
        }
        pipeline.AddTimeout(attempt);
    }

    private static Uri WithSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
