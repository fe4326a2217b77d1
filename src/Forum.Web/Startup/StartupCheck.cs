using Forum.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forum.Web.Startup;

/// <summary>Unhealthy until the start-up is done: a balancer sends nothing to an instance still migrating.</summary>
internal sealed class StartupCheck(StartupGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gate.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database is being prepared."));
}
