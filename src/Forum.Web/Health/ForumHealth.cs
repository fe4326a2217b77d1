using Forum.Core;
using Forum.Core.Storage;
using Forum.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forum.Web.Health;

/// <summary>
/// What a load balancer or an orchestrator asks an instance. /health/live: the process answers (no
/// check; restarting it would not help a database that is down). /health/ready: it should be sent
/// requests, which needs its database and fails as soon as the instance begins to stop, so that
/// traffic moves elsewhere while it finishes what it has.
/// </summary>
public static class ForumHealth
{
    public const string Path = "/health";
    public const string LivePath = Path + "/live";
    public const string ReadyPath = Path + "/ready";

    /// <summary>The checks of /health/ready.</summary>
    public const string Ready = "ready";

    // Without these the instance must get no traffic; the others (Redis) only make it Degraded, still served.
    private const string Database = "database", Startup = "startup", NotStopping = "not-stopping";
    private static readonly string[] Essential = [Database, Startup, NotStopping];

    public static IServiceCollection AddForumHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<ForumDbContext>(Database, tags: [Ready])
            .AddCheck<Forum.Web.Startup.StartupCheck>(Startup, tags: [Ready])
            .AddCheck<NotStoppingCheck>(NotStopping, tags: [Ready]);
        services.AddHostedService<ShutdownDrain>();
        // The drain comes out of the host's time to stop, which must still leave Kestrel its own 30 s to finish requests.
        services.AddOptions<HostOptions>().Configure<ForumOptions>((host, forum) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(forum.ShutdownDrainSeconds + 30));
        return services;
    }

    public static WebApplication MapForumHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        // 503 when an essential check fails: a stopping instance is only Degraded (it still serves; logged as a warning,
        // not an error) but must get no new traffic. Redis unreachable is Degraded too, and answered 200: the instance
        // serves everything from its database, and failing every instance at once would leave the balancer nothing.
        // While the start-up runs only it is asked: the database may not exist yet, and its check would log an error.
        var startup = app.Services.GetRequiredService<StartupGate>();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready) && (startup.IsOpen || check.Name is Startup or NotStopping),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = (context, report) =>
            {
                if (report.Entries.Any(e => Essential.Contains(e.Key) && e.Value.Status != HealthStatus.Healthy))
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                }
                context.Response.ContentType = "text/plain";
                return context.Response.WriteAsync(report.Status.ToString());
            },
        });
        return app;
    }
}

/// <summary>Degraded from the moment the host is asked to stop: it still serves what comes, but readiness fails.</summary>
internal sealed class NotStoppingCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Degraded("The instance is stopping.")
            : HealthCheckResult.Healthy());
}

/// <summary>
/// Holds the stop for <see cref="ForumOptions.ShutdownDrainSeconds"/> after the host is asked to stop and before the
/// server stops accepting requests: meanwhile readiness fails, the balancer moves traffic away, and the requests that
/// still arrive are served. What is in flight when the server then stops is finished by Kestrel's own graceful stop.
/// </summary>
internal sealed class ShutdownDrain(ForumOptions options, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (options.ShutdownDrainSeconds > 0)
        {
            logger.LogInformation("Stopping: not ready, serving for {Seconds} s more while traffic moves away.", options.ShutdownDrainSeconds);
            await Task.Delay(TimeSpan.FromSeconds(options.ShutdownDrainSeconds), cancellationToken);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
