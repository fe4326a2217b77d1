using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Forum.FunctionalTests.Telemetry;

/// <summary>The forum as its own process, told where an OTLP collector listens: what it sends there, as a collector receives it.</summary>
public class OtlpExportTests
{
    [Fact]
    public async Task With_an_OTLP_endpoint_traces_and_metrics_arrive_as_protobuf_under_the_service_name_forum()
    {
        await using var collector = await OtlpCollector.StartAsync();
        using var database = TestDatabase.Create();
        using var server = ServerProcess.Start(new Dictionary<string, string>(database.Settings)
        {
            ["Database:SeedDemoData"] = "false",
            ["Forum:Admin:Email"] = ForumApp.AdminEmail,
            ["Forum:Admin:Password"] = ForumApp.AdminPassword,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        // The server runs on the real clock: a phase open now.
        var admin = await server.Anonymous().LoginAsync(ForumApp.AdminEmail, ForumApp.AdminPassword);
        var theme = await admin.CreateThemeAsync();
        var now = DateTime.UtcNow;
        var phase = await admin.CreatePhaseAsync(theme["slug"]!.GetValue<string>(), 1,
            now.AddDays(-1).ToString("yyyy-MM-ddTHH:mm"), now.AddDays(10).ToString("yyyy-MM-ddTHH:mm"));
        await admin.PostContributionAsync(phase["id"]!.GetValue<int>(), "en", "Exported", "A contribution the metrics count.");

        var traces = await collector.WaitForAsync("/v1/traces", body => Contains(body, "/api/phases/{phaseId:int}/contributions"));
        var metrics = await collector.WaitForAsync("/v1/metrics", body => Contains(body, "forum.contributions.posted"));

        traces.ContentType.Should().Be("application/x-protobuf");
        metrics.ContentType.Should().Be("application/x-protobuf");
        Contains(traces.Body, StringAttribute("service.name", "forum")).Should().BeTrue("the resource names the service");
        Contains(metrics.Body, StringAttribute("service.name", "forum")).Should().BeTrue();
        server.Errors().Should().BeEmpty();
    }

    private static bool Contains(byte[] body, string text) => Contains(body, Encoding.UTF8.GetBytes(text));

    private static bool Contains(byte[] body, byte[] part) => body.AsSpan().IndexOf(part) >= 0;

    /// <summary>
    /// An OTLP KeyValue with a string value as protobuf writes it: field 1 (the key), then field 2 (an AnyValue whose
    /// field 1 is the string). Enough to find one attribute without decoding the whole message.
    /// </summary>
    private static byte[] StringAttribute(string key, string value)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var valueBytes = Encoding.UTF8.GetBytes(value);
        return [0x0A, (byte)keyBytes.Length, .. keyBytes, 0x12, (byte)(valueBytes.Length + 2), 0x0A, (byte)valueBytes.Length, .. valueBytes];
    }

    /// <summary>Stands in for an OpenTelemetry collector: accepts every OTLP/HTTP export and keeps it.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        public sealed record Export(string Path, string? ContentType, byte[] Body);

        private readonly WebApplication _app;
        private readonly ConcurrentQueue<Export> _exports;

        private OtlpCollector(WebApplication app, ConcurrentQueue<Export> exports)
        {
            _app = app;
            _exports = exports;
        }

        public string Address => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var exports = new ConcurrentQueue<Export>();
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                exports.Enqueue(new Export(context.Request.Path, context.Request.ContentType, body.ToArray()));
                // An empty Export*ServiceResponse: everything accepted.
                context.Response.ContentType = "application/x-protobuf";
            });
            await app.StartAsync();
            return new OtlpCollector(app, exports);
        }

        /// <summary>The first export to <paramref name="path"/> that <paramref name="matches"/>, or fails listing what came.</summary>
        public async Task<Export> WaitForAsync(string path, Func<byte[], bool> matches)
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                if (_exports.FirstOrDefault(e => e.Path == path && matches(e.Body)) is { } export)
                {
                    return export;
                }
                await Task.Delay(100);
            }
            throw new TimeoutException($"No matching export to {path} within 30 s; received: "
                + string.Join(", ", _exports.Select(e => $"{e.Path} ({e.Body.Length} bytes)")));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
