using System.Net;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Forum.FunctionalTests.Health;

/// <summary>What a load balancer asks an instance: is it alive, and should it be sent requests.</summary>
public class HealthTests
{
    [Fact]
    public async Task A_running_forum_is_live_and_ready_for_anyone_who_asks()
    {
        using var app = new ForumApp();
        using var http = app.CreateClient();

        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            using var response = await http.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
            response.Headers.Contains("Set-Cookie").Should().BeFalse("a probe starts no session");
        }
    }

    [Fact]
    public async Task Without_its_database_the_forum_is_still_live_but_not_ready()
    {
        using var app = new ForumApp();
        using var http = app.CreateClient();
        (await http.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        app.Database.Dispose();   // the SQLite file removed, or the server's database dropped

        using var ready = await http.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Unhealthy");
        (await http.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "restarting the process would not bring the database back");
    }

    [Fact]
    public async Task A_forum_asked_to_stop_stops_being_ready_at_once()
    {
        using var app = new ForumApp();
        var health = app.Services.GetRequiredService<HealthCheckService>();
        (await health.CheckHealthAsync(c => c.Tags.Contains("ready"))).Status.Should().Be(HealthStatus.Healthy);

        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        var report = await health.CheckHealthAsync(c => c.Tags.Contains("ready"));
        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["not-stopping"].Description.Should().Be("The instance is stopping.");
    }
}
