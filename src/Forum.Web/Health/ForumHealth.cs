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
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string Ready = "ready";

    public static IServiceCollection AddForumHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<ForumDbContext>("database", tags: [Ready])
            .AddCheck<NotStoppingCheck>("not-stopping", tags: [Ready]);
        return services;
    }

    public static WebApplication MapForumHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return app;
    }
}

/// <summary>Unhealthy from the moment the host is asked to stop.</summary>
internal sealed class NotStoppingCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("The instance is stopping.")
            : HealthCheckResult.Healthy());
}
