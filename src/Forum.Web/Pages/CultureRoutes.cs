using System.Globalization;
using Forum.Core.Languages;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.Net.Http.Headers;

namespace Forum.Web.Pages;

/// <summary>
/// Every page lives under its culture: /en/…, /fr/…, /es/…. The root sends a first visit to the
/// language its browser prefers among the forum's.
/// </summary>
public static class CultureRoutes
{
    public const string RouteKey = "culture";

    /// <summary>Prefixes every page's route with the culture segment.</summary>
    public sealed class Convention : IPageRouteModelConvention
    {
        public void Apply(PageRouteModel model)
        {
            foreach (var selector in model.Selectors)
            {
                var template = selector.AttributeRouteModel!.Template?.TrimStart('/');
                selector.AttributeRouteModel.Template = string.IsNullOrEmpty(template) ? "/{culture:culture}" : "/{culture:culture}/" + template;
            }
        }
    }

    /// <summary>Matches only the forum's languages, so /de/… is a plain 404.</summary>
    public sealed class Constraint(ForumLanguages languages) : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out var value) && languages.IsSupported(value?.ToString());
    }

    /// <summary>The forum language the browser prefers most, by Accept-Language quality; else the forum's default.</summary>
    public static string Preferred(HttpRequest request, ForumLanguages languages)
    {
        var accepted = request.GetTypedHeaders().AcceptLanguage;
        foreach (var value in accepted.OrderByDescending(v => v.Quality ?? 1))
        {
            var code = value.Value.Value?.Split('-')[0].ToLowerInvariant();
            if (languages.IsSupported(code))
            {
                return code!;
            }
        }
        return languages.Default;
    }

    /// <summary>Sets the request's culture from the URL (its Forum:Cultures culture, en-GB for /en/), so formatting and Humanizer speak the page's language.</summary>
    public static IApplicationBuilder UseCultureFromRoute(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetRouteValue(RouteKey) is string culture)
            {
                var info = context.RequestServices.GetRequiredService<ForumLanguages>().CultureOf(culture);
                CultureInfo.CurrentCulture = info;
                CultureInfo.CurrentUICulture = info;
            }
            await next();
        });

    public static void MapCultureRoot(this IEndpointRouteBuilder app) =>
        app.MapGet("/", (HttpRequest request, ForumLanguages languages) =>
        {
            request.HttpContext.Response.Headers[HeaderNames.Vary] = HeaderNames.AcceptLanguage;
            return Results.Redirect($"/{Preferred(request, languages)}");
        }).ExcludeFromDescription();
}
