using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Forum.Core;
using Forum.Core.Events;
using Forum.Web.Authorization;
using Forum.Web.Caching;
using Forum.Web.Errors;
using Forum.Web.Pages;
using Forum.Web.Security;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.WebEncoders;

namespace Forum.Web.Extensions;

/// <summary>The web layer: JSON and errors, pages, the output cache, rate limits, forwarded headers and request size.</summary>
public static class ForumWeb
{
    public static IServiceCollection AddForumWeb(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            // Accented French and Spanish stay readable in responses; they are JSON, never inlined into HTML.
            json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        // Malformed bodies and parameters raise an exception that ForumExceptionHandler turns into a clear 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ForumProblems.CompleteBareRefusal);
        services.AddExceptionHandler<ForumExceptionHandler>();
        services.AddOpenApi();
        // Accented French and Spanish written as themselves in pages, not as &#xE9; entities (still HTML-encoded where it matters).
        services.Configure<WebEncoderOptions>(encoders => encoders.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorPages(pages =>
        {
            pages.Conventions.Add(new CultureRoutes.Convention());
            pages.Conventions.AuthorizeFolder("/Moderation", Policies.ModeratorPages);
            // StaleFormFilter checks every page form's token instead, and shows an expired form again rather than a bare 400
            // (ordered after the framework's own check, so this is the policy that applies).
            pages.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute { Order = 1001 });
        }).AddMvcOptions(mvc =>
        {
            mvc.Filters.Add<StaleFormFilter>();
            mvc.Filters.Add<HandlerPolicyFilter>();
        });
        services.Configure<RouteOptions>(routes => routes.ConstraintMap["culture"] = typeof(CultureRoutes.Constraint));

        services.AddContributionListCache();
        services.AddSingleton<IForumEventHandler, PhaseCacheEviction>();
        services.AddForumRateLimits();

        // Behind a reverse proxy every request comes from the proxy's address; trusting its X-Forwarded-For
        // for the proxies named here gives the per-address limits the reader's own address back.
        services.AddOptions<ForwardedHeadersOptions>().Configure<ForumOptions>((forwarded, forum) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in forum.TrustedProxyAddresses())
            {
                forwarded.KnownProxies.Add(proxy);
            }
        });

        // The longest text allowed (60,000 characters, up to 4 bytes each) fits well under 1 MB of JSON.
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = 1_000_000);
        return services;
    }

    /// <summary>
    /// The forwarded headers of the proxies trusted above, then a forwarded scheme other than http or https
    /// (a loopback caller sent "javascript") is replaced by the connection's own: links, cookies and redirects never see it.
    /// </summary>
    public static IApplicationBuilder UseForumForwardedHeaders(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        return app.Use((context, next) =>
        {
            if (!PublicUrls.IsWebScheme(context.Request.Scheme))
            {
                context.Request.Scheme = context.Features.Get<ITlsConnectionFeature>() is null ? "http" : "https";
            }
            return next(context);
        });
    }
}
