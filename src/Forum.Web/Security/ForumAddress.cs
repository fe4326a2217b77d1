using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Forum.Web.Security;

/// <summary>
/// The forum's address where no request tells it (e-mail written in the background): <c>Forum:PublicUrl</c>,
/// else the first address the server listens on, with a wildcard host read as localhost. A forum that sends
/// e-mail to people elsewhere sets <c>Forum:PublicUrl</c>; the fallback serves the demo and the tests.
/// </summary>
public sealed class ForumAddress(PublicUrls urls, IServer server)
{
    public Uri Origin => urls.Configured ?? Listening() ?? new Uri("http://localhost/");

    /// <summary>An absolute link to a path of the forum, e.g. <c>/fr/account/confirm?…</c>.</summary>
    public Uri Absolute(string pathAndQuery) => new(Origin, pathAndQuery);

    private Uri? Listening()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return null;
        }
        var normalized = address.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost");
        return Uri.TryCreate(normalized, UriKind.Absolute, out var uri) ? new Uri(uri.GetLeftPart(UriPartial.Authority)) : null;
    }
}
