using Forum.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forum.Web.Startup;

/// <summary>
/// Degraded until the start-up is done, which /health/ready answers 503: a balancer sends nothing to an instance still
/// migrating. Not Unhealthy: waiting is no error, and the health service logs Unhealthy as one.
/// </summary>
internal sealed class StartupCheck(StartupGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gate.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded("The database is being prepared."));
}
