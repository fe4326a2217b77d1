using Forum.Core.Errors;
using Forum.Web.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.Web.Security;

/// <summary>
/// A cookie is sent by the browser on its own, also when another site (a sibling subdomain is "same
/// site" for SameSite=Lax) makes the request. So every API write and every hub request that rides on
/// the sign-in cookie must come from the forum's own pages: its Origin (or, without one, Sec-Fetch-Site,
/// else Referer) must be the forum's origin (<see cref="PublicUrls"/>). Bearer tokens are no ambient
/// credential and pass; a request without any of those headers is no browser's and passes too.
/// Pages' forms have their antiforgery tokens instead.
/// </summary>
public static class SameOriginCheck
{
    public const string Rule = "request.cross-site";

    public static IApplicationBuilder UseSameOriginCheck(this IApplicationBuilder app)
    {
        var urls = app.ApplicationServices.GetRequiredService<PublicUrls>();
        var cookieName = app.ApplicationServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).Cookie.Name!;
        return app.Use(async (context, next) =>
        {
            if (Guarded(context.Request) && RidesOnCookie(context, cookieName) && !FromOrigin(context.Request, urls.Origin(context.Request)))
            {
                throw ForumException.Forbidden(Rule,
                    "This request carries your sign-in cookie but comes from another site. Use the forum's own pages, or a bearer token.");
            }
            await next(context);
        });
    }

    // API writes, and everything of the hub (negotiate, WebSocket handshake, other transports): a hub connection only reads, but with the cookie it reads as its owner.
    private static bool Guarded(HttpRequest request) =>
        request.Path.StartsWithSegments(ForumHub.Path)
        || (request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && !HttpMethods.IsOptions(request.Method) && !HttpMethods.IsTrace(request.Method));

    // Signed in by the cookie, or carrying it without a bearer token that took its place (a stale cookie is checked too: cheaper than reasoning about it).
    private static bool RidesOnCookie(HttpContext context, string cookieName)
    {
        var scheme = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme;
        return scheme == IdentityConstants.ApplicationScheme
            || (scheme != IdentityConstants.BearerScheme && context.Request.Cookies.ContainsKey(cookieName));
    }

    private static bool FromOrigin(HttpRequest request, Uri ours)
    {
        var headers = request.Headers;
        if (headers.Origin.Count > 0)
        {
            // "null" (sandboxed frames, some redirects) and several values are not ours.
            return headers.Origin.Count == 1 && Uri.TryCreate(headers.Origin.ToString(), UriKind.Absolute, out var origin) && PublicUrls.SameOrigin(ours, origin);
        }
        if (headers["Sec-Fetch-Site"] is { Count: > 0 } site)
        {
            // "none": typed in or bookmarked by the user. "same-site" is exactly the sibling subdomain this check is about.
            return site.ToString() is "same-origin" or "none";
        }
        if (headers.Referer.Count > 0)
        {
            return Uri.TryCreate(headers.Referer.ToString(), UriKind.Absolute, out var referer) && PublicUrls.SameOrigin(ours, referer);
        }
        // Browsers send Origin on every write and WebSocket handshake: without any of these headers the client is a script of the cookie's owner.
        return true;
    }
}
