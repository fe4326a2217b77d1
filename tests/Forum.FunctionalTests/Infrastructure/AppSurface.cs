using System.Reflection;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.FunctionalTests.Infrastructure;

/// <summary>Who may call something: read from the running app's authorization metadata.</summary>
public enum Access
{
    /// <summary>Open to visitors, on purpose (registration, log-in).</summary>
    Visitors,
    SignedIn,
    Participant,
    Moderator,
    Admin,

    /// <summary>Changes data and names no policy: always a mistake.</summary>
    Undeclared,
}

public sealed record ApiOperation(string Method, RoutePattern Route, string Name, Access Access, Endpoint Endpoint)
{
    public override string ToString() => $"{Method} /{Route.RawText?.Trim('/')}";
}

public sealed record PageHandler(RoutePattern Route, string? Handler, string Method, Access Access, MethodInfo MethodInfo)
{
    public override string ToString() => $"{Method} /{Route.RawText?.TrimStart('/')}{(Handler is null ? "" : $"?handler={Handler}")} ({MethodInfo.DeclaringType!.Name}.{MethodInfo.Name})";
}

public sealed record HubOperation(Type Hub, string Path, MethodInfo Method, Access Access)
{
    public override string ToString() => $"{Hub.Name}.{Method.Name}";
}

/// <summary>
/// Everything in the running app that can change data: API endpoints with a writing verb, Razor Page
/// handlers that are not GET, and hub methods, each with the access its metadata declares.
/// Tests iterate this list, so an endpoint added tomorrow is checked without anyone adding it to a test.
/// </summary>
public static class AppSurface
{
    private static readonly string[] WritingVerbs = ["POST", "PUT", "PATCH", "DELETE"];

    public static IReadOnlyList<ApiOperation> ApiOperations(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null && e.Metadata.GetMetadata<HubMetadata>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Intersect(WritingVerbs)
                .Select(verb => new ApiOperation(verb, e.RoutePattern, e.DisplayName ?? "", AccessOf(e.Metadata), e)))
            .OrderBy(o => o.Route.RawText).ThenBy(o => o.Method)
            .ToList();

    public static async Task<IReadOnlyList<PageHandler>> PageHandlersAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var handlers = new List<PageHandler>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page)
            {
                continue;
            }
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            var pageAccess = AccessOf(endpoint.Metadata);
            foreach (var handler in compiled.HandlerMethods.Where(h => !string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)))
            {
                var declared = handler.MethodInfo.GetCustomAttribute<HandlerPolicyAttribute>() is { } policy ? AccessOfPolicy(policy.Policy)
                    : handler.MethodInfo.GetCustomAttribute<OpenToVisitorsAttribute>() is not null ? Access.Visitors
                    : Access.Undeclared;
                // The stricter of the page's own policy (a folder convention) and the handler's.
                var access = pageAccess == Access.Undeclared ? declared : (Access)Math.Max((int)pageAccess, declared == Access.Undeclared ? 0 : (int)declared);
                handlers.Add(new PageHandler(endpoint.RoutePattern, handler.Name, handler.HttpMethod.ToUpperInvariant(), access, handler.MethodInfo));
            }
        }
        return handlers.DistinctBy(h => h.ToString()).OrderBy(h => h.Route.RawText).ThenBy(h => h.Handler).ToList();
    }

    public static IReadOnlyList<HubOperation> HubOperations(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Hub: e.Metadata.GetMetadata<HubMetadata>()))
            .Where(e => e.Hub is not null)
            .DistinctBy(e => e.Hub!.HubType)
            .SelectMany(e => e.Hub!.HubType.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName)
                .Select(m => new HubOperation(e.Hub!.HubType, e.Endpoint.RoutePattern.RawText!.Replace("/negotiate", ""), m, AccessOfHubMethod(e.Hub!.HubType, m))))
            .ToList();

    private static Access AccessOfHubMethod(Type hub, MethodInfo method)
    {
        var authorize = method.GetCustomAttributes<AuthorizeAttribute>().Concat(hub.GetCustomAttributes<AuthorizeAttribute>()).ToList();
        if (authorize.Count > 0)
        {
            return authorize.Select(a => a.Policy is null ? Access.SignedIn : AccessOfPolicy(a.Policy)).Max();
        }
        return method.GetCustomAttribute<AllowAnonymousAttribute>() is not null ? Access.Visitors : Access.Undeclared;
    }

    private static Access AccessOf(EndpointMetadataCollection metadata)
    {
        if (metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return Access.Visitors;
        }
        var authorize = metadata.GetOrderedMetadata<IAuthorizeData>();
        if (authorize.Count == 0)
        {
            return Access.Undeclared;
        }
        return authorize.Select(a => a.Policy is null ? Access.SignedIn : AccessOfPolicy(a.Policy)).Max();
    }

    private static Access AccessOfPolicy(string policy) => policy switch
    {
        Policies.Participant => Access.Participant,
        Policies.Moderator or Policies.ModeratorPages => Access.Moderator,
        Policies.Admin => Access.Admin,
        _ => throw new InvalidOperationException($"The authorization tests do not know the policy '{policy}': add it to AppSurface."),
    };

    /// <summary>A URL that the route matches, with route values for every parameter (constraints respected).</summary>
    public static string Url(RoutePattern route, IReadOnlyDictionary<string, string>? values = null)
    {
        var segments = route.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => Uri.EscapeDataString(values?.GetValueOrDefault(parameter.Name) ?? SampleValue(parameter)),
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    private static string SampleValue(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        if (constraints.Any(c => c is "int" or "long"))
        {
            return "1";
        }
        if (constraints.FirstOrDefault(c => c.StartsWith("regex(", StringComparison.Ordinal)) is { } regex && regex.Contains("en"))
        {
            return "en";
        }
        return parameter.Name switch
        {
            "culture" or "language" => "en",
            "email" => "nobody@tests.localhost",
            _ => "x",
        };
    }
}
