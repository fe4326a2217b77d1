using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Forum.Core.Telemetry;
using Forum.FunctionalTests.Infrastructure;
using Forum.Web.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Forum.FunctionalTests.Telemetry;

/// <summary>
/// 2 writes a minute per user, 6 account attempts and 20 writing requests a minute per address. The refusal tests
/// send from addresses of their own (through the loopback proxy), so the set-ups of the others keep their allowance.
/// </summary>
public sealed class TelemetryForumApp : ForumApp
{
    protected override int WritesPerMinute => 2;

    protected override int AccountAttemptsPerMinute => 6;

    protected override int WritesPerAddressPerMinute => 20;
}

public class ForumMetricsTests(TelemetryForumApp app) : IClassFixture<TelemetryForumApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // The meter factory of this app only: other test classes run their own forums in parallel, on meters of the same name.
    private MetricCollector<long> Collect(string instrument) =>
        new(app.Services.GetRequiredService<IMeterFactory>(), ForumMetrics.MeterName, instrument);

    [Fact]
    public async Task Posting_a_contribution_and_a_reply_counts_them_their_live_messages_the_summary_and_the_write_refused_next()
    {
        using var posted = Collect("forum.contributions.posted");
        using var refused = Collect("forum.rate_limit.refusals");
        using var live = Collect("forum.live.messages.sent");
        using var summaries = Collect("forum.summaries.computed");
        var admin = await app.AdminAsync();
        var phase = await admin.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("counted");

        var contribution = await author.PostContributionAsync(phase, "fr", "Comptée", "Une contribution.");
        await author.PostOkAsync($"/api/phases/{phase}/contributions",
            new { language = "es", body = "Una respuesta.", replyTo = contribution["id"]!.GetValue<long>() }, HttpStatusCode.Created);
        var third = await author.PostAsync($"/api/phases/{phase}/contributions", new { language = "en", title = "Too many", body = "Text." });

        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        posted.GetMeasurementSnapshot().Select(m => (m.Value, m.Tags["language"], m.Tags["reply"]))
            .Should().Equal((1L, "fr", false), (1L, "es", true));
        refused.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["limit"].Should().Be("writes");

        // Pushed and summarized in the background, after the requests answered.
        await WaitUntilAsync(() => Kinds(live).Count(k => k == "ContributionPosted") >= 2 && Kinds(live).Contains("StatisticsChanged"));
        Kinds(live).Count(k => k == "ContributionPosted").Should().Be(2, "the contribution and the reply were each announced once");
        await summaries.WaitForMeasurementsAsync(1, Patience);
    }

    [Fact]
    public async Task A_refusal_by_the_address_limits_names_the_limit_that_refused()
    {
        using var refused = Collect("forum.rate_limit.refusals");

        // Log-in attempts are refused by the account-attempts policy (6) long before the per-address limit (20).
        var anonymous = app.Anonymous();
        var loginStatus = await RepeatUntilRefusedAsync(() =>
            SendFromAsync(anonymous.Http, HttpMethod.Post, "/api/account/login", "203.0.113.31", new { email = "nobody@tests.localhost", password = "Wrong-Passw0rd!" }));
        loginStatus.Should().Be(HttpStatusCode.TooManyRequests);
        refused.GetMeasurementSnapshot().Select(m => m.Tags["limit"]).Should().Equal("accounts");

        // Any other change counts against the address alone.
        var participant = await app.ParticipantAsync("renamed");
        var i = 0;
        var profileStatus = await RepeatUntilRefusedAsync(() =>
            SendFromAsync(participant.Http, HttpMethod.Put, "/api/account/profile", "203.0.113.32", new { displayName = $"Name {i++}" }));
        profileStatus.Should().Be(HttpStatusCode.TooManyRequests);
        refused.GetMeasurementSnapshot().Select(m => m.Tags["limit"]).Should().Equal("accounts", "address");
    }

    [Fact]
    public void Without_an_OTLP_endpoint_no_OpenTelemetry_provider_is_registered()
    {
        app.Services.GetService<TracerProvider>().Should().BeNull();
        app.Services.GetService<MeterProvider>().Should().BeNull();
        app.Services.GetService<ForumMetrics>().Should().NotBeNull("the forum's counters can still be read in-process");

        // The same registration with an endpoint does register them, so the absence above means something.
        var configured = new ServiceCollection().AddForumTelemetry(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ForumTelemetry.EndpointKey] = "http://127.0.0.1:4318" }).Build());
        configured.Should().Contain(d => d.ServiceType == typeof(TracerProvider)).And.Contain(d => d.ServiceType == typeof(MeterProvider));
    }

    private static List<string?> Kinds(MetricCollector<long> live) =>
        live.GetMeasurementSnapshot().Select(m => m.Tags["kind"] as string).ToList();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < Patience)
        {
            await Task.Delay(50);
        }
    }

    private static async Task<HttpStatusCode> RepeatUntilRefusedAsync(Func<Task<HttpStatusCode>> send)
    {
        var status = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 30 && status != HttpStatusCode.TooManyRequests; attempt++)
        {
            status = await send();
        }
        return status;
    }

    private static async Task<HttpStatusCode> SendFromAsync(HttpClient http, HttpMethod method, string url, string address, object body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", address);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
