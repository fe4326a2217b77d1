using System.Runtime.CompilerServices;
using Forum.Core.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Forum.Web.Telemetry;

/// <summary>
/// The forum's own counters (<see cref="ForumMetrics"/>) always; OpenTelemetry traces and metrics, sent by OTLP,
/// only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured (setting or environment variable). Without it nothing
/// of OpenTelemetry is registered, so a plain run pays for no listener at all.
/// </summary>
public static class ForumTelemetry
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string DefaultServiceName = "forum";

    /// <summary>The meters exported besides the forum's own (those of AddAspNetCoreInstrumentation come with it).</summary>
    private static readonly string[] Meters =
    [
        ForumMetrics.MeterName,
        // SignalR's connections, the rate limiter's decisions, unhandled exceptions, Kestrel's connections (some also
        // added by the ASP.NET Core instrumentation: naming them again costs nothing and survives its changes).
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.Identity",
        // EF Core's own counters (queries, saves, concurrency failures, compiled-query cache) on every provider,
        // and Npgsql's connection pool on PostgreSQL.
        "Microsoft.EntityFrameworkCore",
        "Npgsql",
        // The runtime (GC, memory, thread pool) and outgoing HTTP, both measured by .NET itself.
        "System.Runtime",
        "System.Net.Http",
    ];

    public static IServiceCollection AddForumTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ForumMetrics>();
        if (!string.IsNullOrWhiteSpace(configuration[EndpointKey]))
        {
            AddOpenTelemetryExport(services, configuration);
        }
        return services;
    }

    // Apart and never inlined, so that without an endpoint the JIT does not even load OpenTelemetry's assemblies.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOpenTelemetryExport(IServiceCollection services, IConfiguration configuration)
    {
        // The SDK reads OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_METRIC_EXPORT_INTERVAL, OTEL_BSP_* and the rest from the
        // same configuration. A name given to AddService would win over OTEL_SERVICE_NAME, so it is only the default.
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? DefaultServiceName,
                serviceVersion: typeof(ForumTelemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                // Probes every few seconds from each orchestrator would bury the requests people make.
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddSource("Microsoft.AspNetCore.SignalR.Server")
                .AddSource("System.Net.Http")
                // Database spans from EF Core's diagnostics rather than from each driver: the same spans for SQLite (whose
                // driver emits none), SQL Server and PostgreSQL, from one package. Npgsql's own "Npgsql" source is left
                // out, or each PostgreSQL command would appear twice; SqlClient's instrumentation would cover one provider.
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(Meters)
                .AddOtlpExporter());
    }
}
