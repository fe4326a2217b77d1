using System.Net;
using Forum.FunctionalTests.Infrastructure;

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
    public async Task An_instance_told_to_stop_keeps_serving_while_not_ready_for_its_drain_time_then_exits_cleanly()
    {
        using var database = TestDatabase.Create();
        using var server = ServerProcess.Start(new Dictionary<string, string>(database.Settings)
        {
            ["Database:SeedDemoData"] = "false",
            ["Forum:Admin:Email"] = ForumApp.AdminEmail,
            ["Forum:Admin:Password"] = ForumApp.AdminPassword,
            ["Forum:ShutdownDrainSeconds"] = "4",
        });
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var http = server.CreateClient();
        (await http.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        server.Terminate();
        var status = HttpStatusCode.OK;
        while (status == HttpStatusCode.OK && stopping.Elapsed < TimeSpan.FromSeconds(3))
        {
            status = (await http.GetAsync("/health/ready")).StatusCode;
        }
        status.Should().Be(HttpStatusCode.ServiceUnavailable, "readiness fails as soon as the stop begins");
        (await http.GetAsync("/api/forum")).StatusCode.Should().Be(HttpStatusCode.OK, "requests that still arrive during the drain are served");

        server.ExitCodeWithin(TimeSpan.FromSeconds(30)).Should().Be(0, "a graceful stop ends the process normally");
        stopping.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(3), "the server kept serving for its drain time");
        server.Errors().Should().BeEmpty();
    }
}
