using System.Net;
using System.Xml.Linq;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Forum.FunctionalTests.Security;

/// <summary>The forum told its public address: links never follow the Host header or a forwarded scheme.</summary>
public sealed class PublicUrlForumApp : ForumApp
{
    public const string PublicUrl = "https://forum.example.org";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Forum:PublicUrl", PublicUrl);
    }
}

public class PublicUrlTests(PublicUrlForumApp app) : IClassFixture<PublicUrlForumApp>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task Feed_links_are_on_the_configured_address_whatever_the_Host_and_forwarded_scheme_say()
    {
        var phase = await PhaseWithAContributionAsync(app);

        var links = await FeedLinksAsync(app, $"/en/phases/{phase}/feed.atom", "evil.example", "javascript");

        links.Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith(PublicUrlForumApp.PublicUrl + "/"));
    }

    internal static async Task<int> PhaseWithAContributionAsync(ForumApp app)
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var participant = await app.ParticipantAsync();
        await participant.PostContributionAsync(phase, "en", "Local currencies", "They keep the money in the territory.");
        return phase;
    }

    /// <summary>Every link and id of a feed, fetched with the given Host and X-Forwarded-Proto (the test client is on loopback, a trusted proxy).</summary>
    internal static async Task<List<string>> FeedLinksAsync(ForumApp app, string path, string? host, string? forwardedProto)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (host is not null)
        {
            request.Headers.Host = host;
        }
        if (forwardedProto is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", forwardedProto);
        }
        var response = await app.CreateClient().SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        return feed.Descendants(Atom + "link").Select(l => (string)l.Attribute("href")!)
            .Concat(feed.Descendants(Atom + "id").Select(i => i.Value)).ToList();
    }
}

/// <summary>Without <c>Forum:PublicUrl</c> the request's host is used, but only with an http or https scheme.</summary>
public class RequestUrlTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task Feed_links_ignore_a_forwarded_scheme_other_than_http_or_https()
    {
        var phase = await PublicUrlTests.PhaseWithAContributionAsync(app);
        var ours = app.CreateClient().BaseAddress!.GetLeftPart(UriPartial.Authority);

        var links = await PublicUrlTests.FeedLinksAsync(app, $"/fr/phases/{phase}/feed.atom", null, "javascript");

        links.Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith(ours + "/"));
        (await PublicUrlTests.FeedLinksAsync(app, $"/fr/phases/{phase}/feed.atom", null, "https"))
            .Should().OnlyContain(l => l.StartsWith("https://"), "a trusted proxy's https is believed");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://forum.example.org")]
    [InlineData("forum.example.org")]
    [InlineData("https://forum.example.org/forum?x=1")]
    public void A_public_address_that_is_not_plain_http_or_https_stops_the_start(string value)
    {
        var start = () =>
        {
            using var bad = new BadPublicUrlApp(value);
        };
        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*Forum:PublicUrl*");
    }

    private sealed class BadPublicUrlApp(string value) : ForumApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Forum:PublicUrl", value);
        }
    }
}
