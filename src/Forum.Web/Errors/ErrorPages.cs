using Forum.Core.Languages;
using Forum.Web.Live;
using Forum.Web.Pages;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Forum.Web.Errors;

/// <summary>
/// Where a refusal of a page request is shown: a page request (anything a person opens in a browser) that ends
/// with an error status and no body gets the error page of its language (Pages/Error), its status and headers
/// (Retry-After) kept. The API, the hub, the feeds and static files keep their ProblemDetails (ADR 0010).
/// </summary>
public static class ErrorPages
{
    /// <summary>Pages, and addresses that look like one (no file extension), outside the API and the hub.</summary>
    public static bool IsPageRequest(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments(ForumHub.Path) || path.StartsWithSegments("/openapi"))
        {
            return false;
        }
        // Static files and feeds (feed.atom) end in a file name with an extension.
        var value = path.Value ?? "/";
        return !value[(value.LastIndexOf('/') + 1)..].Contains('.');
    }

    /// <summary>The language of the address (/fr/… is French), else the browser's preferred one among the forum's.</summary>
    public static string CultureOf(HttpRequest request, ForumLanguages languages)
    {
        var first = request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return languages.IsSupported(first) ? first! : CultureRoutes.Preferred(request, languages);
    }

    /// <summary>
    /// Status code pages for the whole app: a page request is run again as a GET of /{culture}/error/{status}
    /// (a GET so that no write limit or antiforgery check refuses the error page itself); anything else gets
    /// ASP.NET Core's default answer, the ProblemDetails that <see cref="ForumProblems.CompleteBareRefusal"/> completes.
    /// </summary>
    public static IApplicationBuilder UseForumErrorPages(this IApplicationBuilder app)
    {
        var problems = new StatusCodePagesOptions().HandleAsync;
        return app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (!IsPageRequest(http.Request))
            {
                await problems(context);
                return;
            }
            var request = http.Request;
            var culture = CultureOf(request, http.RequestServices.GetRequiredService<ForumLanguages>());
            var (path, query, method) = (request.Path, request.QueryString, request.Method);
            var routeValues = http.Features.Get<IRouteValuesFeature>();
            var (endpoint, values) = (http.GetEndpoint(), routeValues?.RouteValues);
            http.Features.Set<IStatusCodeReExecuteFeature>(new StatusCodeReExecuteFeature
            {
                OriginalPathBase = request.PathBase.Value!,
                OriginalPath = path.Value!,
                OriginalQueryString = query.HasValue ? query.Value : null,
                Endpoint = endpoint,
                RouteValues = values,
            });
            http.SetEndpoint(null);
            if (routeValues is not null)
            {
                routeValues.RouteValues = [];
            }
            request.Path = $"/{culture}/error/{http.Response.StatusCode}";
            request.QueryString = QueryString.Empty;
            request.Method = HttpMethods.Get;
            try
            {
                await context.Next(http);
            }
            finally
            {
                (request.Path, request.QueryString, request.Method) = (path, query, method);
                http.SetEndpoint(endpoint);
                if (routeValues is not null && values is not null)
                {
                    routeValues.RouteValues = values;
                }
            }
        });
    }
}
