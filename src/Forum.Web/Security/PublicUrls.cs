using Microsoft.AspNetCore.Http.Features;

namespace Forum.Web.Security;

/// <summary>
/// The forum's own address, the one home of every absolute link (feeds now, e-mail later) and of the
/// same-origin check. <c>Forum:PublicUrl</c> when set; else the request's scheme and host, since without
/// it the forum cannot know better, but never a scheme other than http or https.
/// </summary>
public sealed class PublicUrls(Core.ForumOptions options)
{
    private readonly Uri? _configured = Parse(options.PublicUrl);

    /// <summary>True when the forum was told its address, so the Host header plays no part.</summary>
    public bool IsConfigured => _configured is not null;

    /// <summary>The origin of <c>Forum:PublicUrl</c>, when set.</summary>
    public Uri? Configured => _configured;

    /// <summary>Scheme, host and port the forum answers on, e.g. <c>https://forum.example.org</c>.</summary>
    public Uri Origin(HttpRequest request) => _configured ?? FromRequest(request);

    /// <summary>An absolute link to a path of the forum (<c>/en/phases/3</c>).</summary>
    public Uri Absolute(HttpRequest request, string path) => new(Origin(request), path);

    public static bool IsWebScheme(string? scheme) =>
        string.Equals(scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) || string.Equals(scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);

    /// <summary>The start-up check of <c>Forum:PublicUrl</c>: empty, or an absolute http(s) address with nothing after the host.</summary>
    public static bool IsValidSetting(string? value) =>
        string.IsNullOrWhiteSpace(value)
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && IsWebScheme(uri.Scheme) && uri.UserInfo.Length == 0
            && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0);

    public const string SettingRule = "Forum:PublicUrl must be an absolute http or https address without path, query or fragment, e.g. https://forum.example.org.";

    /// <summary>True when <paramref name="other"/> has the same scheme, host and port as <paramref name="ours"/>.</summary>
    public static bool SameOrigin(Uri ours, Uri other) =>
        other.IsAbsoluteUri
        && string.Equals(ours.Scheme, other.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(ours.IdnHost, other.IdnHost, StringComparison.OrdinalIgnoreCase)
        && ours.Port == other.Port;

    private static Uri? Parse(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new Uri(new Uri(value.Trim(), UriKind.Absolute).GetLeftPart(UriPartial.Authority));

    private static Uri FromRequest(HttpRequest request)
    {
        // A forwarded "javascript" (or any other) scheme is not believed: the connection's own one is used.
        var scheme = IsWebScheme(request.Scheme) ? request.Scheme.ToLowerInvariant()
            : request.HttpContext.Features.Get<ITlsConnectionFeature>() is null ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;
        if (request.Host.HasValue && Uri.TryCreate($"{scheme}://{request.Host.ToUriComponent()}", UriKind.Absolute, out var uri)
            && uri.AbsolutePath == "/" && uri.UserInfo.Length == 0)
        {
            return uri;
        }
        // No usable Host header (HTTP/1.0): the address the request reached.
        var local = request.HttpContext.Connection;
        return new Uri($"{scheme}://{(local.LocalIpAddress is { } ip ? new System.Net.IPEndPoint(ip, local.LocalPort).ToString() : "localhost")}");
    }
}
