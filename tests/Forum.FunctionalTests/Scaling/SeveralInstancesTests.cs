using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.FunctionalTests.Infrastructure;
using StackExchange.Redis;
using static Forum.FunctionalTests.Scaling.TwoInstancesForum;

namespace Forum.FunctionalTests.Scaling;

/// <summary>Two real instances on one PostgreSQL database and one Redis behave as one forum.</summary>
public class SeveralInstancesTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    [SeveralInstancesFact]
    public async Task A_reader_on_B_hears_a_contribution_posted_on_A_with_counts_that_include_it()
    {
        using var forum = await TwoInstances.StartAsync();
        var phaseId = await CreateOpenPhaseAsync(await TwoInstances.AdminOnAsync(forum.A));
        await using var readerOnB = await LiveReader.WatchAsync(forum.B.BaseAddress, phaseId);

        var id = await PostAsync(await TwoInstances.ParticipantOnAsync(forum.A), phaseId, "Posted on A");

        await readerOnB.WaitForAsync("ContributionPosted", m => m.GetProperty("contributionId").GetInt64() == id, Soon);
        var statistics = await readerOnB.WaitForAsync("StatisticsChanged", m => m.GetProperty("contributions").GetInt32() == 1, Soon);
        statistics.GetProperty("phaseId").GetInt32().Should().Be(phaseId);
    }

    [SeveralInstancesFact]
    public async Task An_anonymous_page_cached_on_B_shows_the_post_made_on_A_at_the_next_read()
    {
        using var forum = await TwoInstances.StartAsync();
        var phaseId = await CreateOpenPhaseAsync(await TwoInstances.AdminOnAsync(forum.A));
        var visitorOnB = forum.B.CreateClient();
        (await visitorOnB.GetStringAsync($"/en/phases/{phaseId}")).Should().NotContain("Shared cache");
        var redis = await ConnectionMultiplexer.ConnectAsync(forum.Redis);
        await using (redis)
        {
            var cached = redis.GetServers()[0].Keys(pattern: "test-*:pages:*").Count();
            cached.Should().BeGreaterThan(0, "the page read on B is cached in Redis");
        }

        await PostAsync(await TwoInstances.ParticipantOnAsync(forum.A), phaseId, "Shared cache");

        (await visitorOnB.GetStringAsync($"/en/phases/{phaseId}")).Should().Contain("Shared cache", "A's post evicted the page B had cached");
    }

    [SeveralInstancesFact]
    public async Task A_cookie_a_form_and_a_token_issued_by_A_are_accepted_by_B()
    {
        using var forum = await TwoInstances.StartAsync();
        var admin = await TwoInstances.AdminOnAsync(forum.A);
        var phaseId = await CreateOpenPhaseAsync(admin);
        // One browser: cookies belong to the host, whatever the port, as they would behind one balancer.
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = forum.A.BaseAddress };
        await Forms.RegisterAndLogInAsync(browser, "en", $"pages-{Guid.NewGuid():N}@tests.localhost", "Lilac-Harbour-42");
        var formOnA = await browser.GetStringAsync($"/en/phases/{phaseId}");

        using var posted = await browser.PostAsync(new Uri(forum.B.BaseAddress, $"/en/phases/{phaseId}"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Forms.Token(formOnA),
            ["Post.Language"] = "en",
            ["Post.Title"] = "Form from A, sent to B",
            ["Post.Body"] = "The antiforgery token and the cookie were both made by A.",
        }));

        posted.StatusCode.Should().BeOneOf([HttpStatusCode.Redirect, HttpStatusCode.SeeOther], await posted.Content.ReadAsStringAsync());
        (await forum.B.CreateClient().GetStringAsync($"/en/phases/{phaseId}")).Should().Contain("Form from A, sent to B");
        using var tokenOnB = forum.B.CreateClient();
        tokenOnB.DefaultRequestHeaders.Authorization = new("Bearer", admin.Token);
        (await tokenOnB.GetAsync("/api/account/me")).StatusCode.Should().Be(HttpStatusCode.OK, "a bearer token issued by A is read by B");
    }

    [SeveralInstancesFact]
    public async Task Twenty_writes_a_minute_are_twenty_whichever_instance_receives_them()
    {
        using var forum = await TwoInstances.StartAsync();
        var phaseId = await CreateOpenPhaseAsync(await TwoInstances.AdminOnAsync(forum.A));
        var onA = await TwoInstances.ParticipantOnAsync(forum.A);
        using var httpOnB = forum.B.CreateClient();
        httpOnB.DefaultRequestHeaders.Authorization = new("Bearer", onA.Token);
        var onB = new ForumClient(httpOnB, forum.B.CreateClient, onA.Token);

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 21; i++)
        {
            statuses.Add(await TryPostAsync(i % 2 == 1 ? onA : onB, phaseId, $"Write {i}"));
        }

        statuses.Take(20).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        statuses[20].Should().Be(HttpStatusCode.TooManyRequests, "the 21st write in a minute is refused, though each instance saw only 10 or 11");
    }

    [SeveralInstancesFact]
    public async Task A_phase_closing_at_its_instant_is_announced_once_to_each_reader_and_audited_once()
    {
        using var forum = await TwoInstances.StartAsync();
        var admin = await TwoInstances.AdminOnAsync(forum.A);
        // Closing in a few seconds (Paris wall-clock time, to the second): both instances' watchers wake for it.
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, paris);
        var theme = await admin.CreateThemeAsync();
        var phaseId = (await admin.CreatePhaseAsync(theme["slug"]!.GetValue<string>(), 1,
            now.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ss"), now.AddSeconds(6).ToString("yyyy-MM-ddTHH:mm:ss")))["id"]!.GetValue<int>();
        await using var readerOnA = await LiveReader.WatchAsync(forum.A.BaseAddress, phaseId);
        await using var readerOnB = await LiveReader.WatchAsync(forum.B.BaseAddress, phaseId);

        foreach (var reader in new[] { readerOnA, readerOnB })
        {
            await reader.WaitForAsync("PhaseStateChanged", m => m.GetProperty("state").GetString() == "closed", Soon);
        }
        await Task.Delay(TimeSpan.FromSeconds(3));   // room for a second announcement, were there one

        foreach (var reader in new[] { readerOnA, readerOnB })
        {
            // The new phase's own "open" may arrive too if the readers connected before it left; each state is heard once.
            reader.Of("PhaseStateChanged").Select(m => m.GetProperty("state").GetString()).Should()
                .OnlyHaveUniqueItems("each reader hears each change once, though two instances watched the phase").And.Contain("closed");
        }
        (await forum.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"PhaseId\" = {phaseId} AND \"Action\" = 'phase.closed-on-schedule'"))
            .Should().Be(1);
    }

    [SeveralInstancesFact]
    public async Task Draft_summaries_asked_for_by_both_instances_at_once_are_computed_once()
    {
        using var forum = await TwoInstances.StartAsync();
        var admin = await TwoInstances.AdminOnAsync(forum.A);
        var phaseId = await CreateOpenPhaseAsync(admin);
        var onA = await TwoInstances.ParticipantOnAsync(forum.A);
        var onB = await TwoInstances.ParticipantOnAsync(forum.B);
        var computed = $"Draft summaries of phase {phaseId} computed";

        // Each instance hears its own post and queues the phase; both come due within a moment of each other.
        await Task.WhenAll(PostAsync(onA, phaseId, "Cooperatives keep jobs local"), PostAsync(onB, phaseId, "Local currencies keep money local"));

        var deadline = Stopwatch.StartNew();
        while (forum.CountLines(computed) == 0 && deadline.Elapsed < Soon)
        {
            await Task.Delay(100);
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        forum.CountLines(computed).Should().Be(1, "one instance computes; the other finds the drafts current");
        var draft = await admin.GetJsonAsync($"/api/phases/{phaseId}/draft-summary/en");
        draft["status"]!.GetValue<string>().Should().Be("ready");
        draft["contributionCount"]!.GetValue<int>().Should().Be(2);
    }

    [SeveralInstancesFact]
    public async Task Two_instances_started_together_on_an_empty_database_migrate_and_seed_once()
    {
        using var forum = await TwoInstances.StartAsync(seedDemo: true);

        forum.CountLines("Loaded the demo forum").Should().Be(1);
        forum.A.CountLines("Loaded the demo forum").Should().Be(1 - forum.B.CountLines("Loaded the demo forum"));
        var migrations = await forum.Database.ScalarAsync<long>("SELECT COUNT(*) FROM \"__EFMigrationsHistory\"");
        migrations.Should().BeGreaterThan(3);
        forum.CountLines("Migrating the database:").Should().Be(1, "one instance applies the migrations; the other finds none left");
        var seeded = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "seeds", "demo-forum.json")));
        (await forum.Database.ScalarAsync<long>("SELECT COUNT(*) FROM \"Themes\"")).Should().Be(seeded.RootElement.GetProperty("themes").GetArrayLength());
        (await forum.Database.ScalarAsync<long>("SELECT COUNT(*) FROM \"DataProtectionKeys\"")).Should().Be(1, "one key ring, made once");
        foreach (var server in forum.Both)
        {
            (await server.CreateClient().GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
            server.Errors().Should().BeEmpty();
        }
    }

    [SeveralInstancesFact]
    public async Task An_instance_waiting_for_the_start_up_lease_is_live_not_ready_and_asks_requests_to_come_back()
    {
        using var database = TestDatabase.Create();
        var prefix = $"test-{Guid.NewGuid():N}:";
        var redis = Environment.GetEnvironmentVariable(SeveralInstancesFactAttribute.RedisVariable)!;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        // Another instance's start-up, as far as this one can tell: the lease is held.
        var otherStartUp = new Medallion.Threading.Redis.RedisDistributedLock(Forum.Web.Scaling.Leases.RedisKey(prefix, "startup"), connection.GetDatabase());
        var held = await otherStartUp.AcquireAsync();
        using var server = ServerProcess.Start(TwoInstances.Settings(database, redis, prefix));
        var http = server.CreateClient();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await http.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        (await http.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "the process answers while it waits");
        (await http.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "its database is not ready for it yet");
        using var page = await http.GetAsync("/api/forum");
        page.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        page.Headers.RetryAfter.Should().NotBeNull();
        page.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        server.CountLines("Migrating the database:").Should().Be(0, "nothing is done before the lease is held");

        await held.DisposeAsync();
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        (await http.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        server.CountLines("Migrating the database:").Should().Be(1);
        server.Errors().Should().BeEmpty();
    }

    [SeveralInstancesFact]
    public async Task When_A_is_killed_during_posting_B_serves_on_A_s_readers_reconnect_to_B_and_every_acknowledged_write_is_kept()
    {
        using var forum = await TwoInstances.StartAsync();
        var balancer = forum.Own(new TcpBalancer(forum.A.BaseAddress, forum.B.BaseAddress));
        var admin = await TwoInstances.AdminOnAsync(forum.A);
        var phaseId = await CreateOpenPhaseAsync(admin);
        await using var reader = await LiveReader.WatchAsync(balancer.BaseAddress, phaseId);   // lands on A, the first
        using var http = new HttpClient { BaseAddress = balancer.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await TwoInstances.ParticipantOnAsync(forum.A)).Token);
        var writer = new ForumClient(http, () => new HttpClient { BaseAddress = balancer.BaseAddress });

        var acknowledged = new List<long>();
        var refused = 0;
        for (var i = 1; i <= 16; i++)
        {
            if (i == 6)
            {
                forum.A.Kill();
            }
            try
            {
                using var response = await writer.PostAsync($"/api/phases/{phaseId}/contributions", new { language = "en", title = $"Write {i}", body = "Through the balancer." });
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                refused++;   // in flight on A when it died, or no answer in time: never acknowledged
            }
        }

        acknowledged.Count.Should().BeGreaterThanOrEqualTo(13, $"B took over at once ({refused} requests broke with A)");
        await reader.WaitUntilReconnectedAsync(Soon);
        reader.Reconnections.Should().BeGreaterThan(0);
        var later = await PostAsync(await TwoInstances.ParticipantOnAsync(forum.B), phaseId, "After the reconnection");
        await reader.WaitForAsync("ContributionPosted", m => m.GetProperty("contributionId").GetInt64() == later, Soon);
        var stored = await ContributionIdsAsync(forum.B.Anonymous(), phaseId);
        stored.Should().Contain(acknowledged, "an acknowledged write survives the death of the instance that made it");
    }

    [SeveralInstancesFact]
    public async Task An_instance_stopped_gracefully_sends_its_live_readers_to_another_one_and_exits_cleanly()
    {
        using var forum = await TwoInstances.StartAsync(settings: new Dictionary<string, string> { ["Forum:ShutdownDrainSeconds"] = "1" });
        var balancer = forum.Own(new TcpBalancer(forum.A.BaseAddress, forum.B.BaseAddress));
        var phaseId = await CreateOpenPhaseAsync(await TwoInstances.AdminOnAsync(forum.A));
        await using var reader = await LiveReader.WatchAsync(balancer.BaseAddress, phaseId);   // on A

        forum.A.Terminate();

        forum.A.ExitCodeWithin(TimeSpan.FromSeconds(40)).Should().Be(0, forum.A.Tail());
        forum.A.Errors().Should().BeEmpty();
        await reader.WaitUntilReconnectedAsync(Soon);
        reader.Reconnections.Should().BeGreaterThan(0);
        var later = await PostAsync(await TwoInstances.ParticipantOnAsync(forum.B), phaseId, "Heard on B");
        await reader.WaitForAsync("ContributionPosted", m => m.GetProperty("contributionId").GetInt64() == later, Soon);
    }

    [SeveralInstancesFact]
    public async Task An_instance_started_while_Redis_is_down_comes_up_degraded_and_whole_when_Redis_returns()
    {
        using var redis = RedisProcess.Start();
        redis.Stop();
        using var database = TestDatabase.Create();
        using var server = ServerProcess.Start(TwoInstances.Settings(database, redis.ConnectionString, $"test-{Guid.NewGuid():N}:"));

        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        var http = server.CreateClient();
        (await http.GetStringAsync("/health/ready")).Should().Be("Degraded", "it serves from its database without Redis");
        var phaseId = await CreateOpenPhaseAsync(await TwoInstances.AdminOnAsync(server));
        await PostAsync(await TwoInstances.ParticipantOnAsync(server), phaseId, "Posted without Redis");

        redis.Restart();
        var waited = Stopwatch.StartNew();
        while ((await http.GetStringAsync("/health/ready")) != "Healthy" && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }
        (await http.GetStringAsync("/health/ready")).Should().Be("Healthy");
        // SignalR's backplane says itself, as an error, that it could not connect at first; nothing else is an error.
        server.Errors().Where(e => !e.Contains("RedisHubLifetimeManager", StringComparison.Ordinal)).Should().BeEmpty();
        server.CountLines("Redis cannot be reached (").Should().BeLessThan(3, "an outage is reported once a minute, not once a request (the probes say Degraded on their own lines)");
    }

    [SeveralInstancesFact]
    public async Task While_Redis_is_down_posting_and_reading_go_on_and_live_updates_come_back_with_it()
    {
        using var redis = RedisProcess.Start();
        using var forum = await TwoInstances.StartAsync(redis: redis.ConnectionString);
        var phaseId = await CreateOpenPhaseAsync(await TwoInstances.AdminOnAsync(forum.A));
        var onA = await TwoInstances.ParticipantOnAsync(forum.A);
        var acknowledged = new List<long> { await PostAsync(onA, phaseId, "Before the outage") };

        redis.Stop();
        using var readyOnB = await forum.B.CreateClient().GetAsync("/health/ready");
        readyOnB.StatusCode.Should().Be(HttpStatusCode.OK, "without Redis an instance still serves");
        (await readyOnB.Content.ReadAsStringAsync()).Should().Be("Degraded");
        acknowledged.Add(await PostAsync(onA, phaseId, "During the outage, on A"));
        acknowledged.Add(await PostAsync(await TwoInstances.ParticipantOnAsync(forum.B), phaseId, "During the outage, on B"));
        (await forum.B.CreateClient().GetStringAsync($"/en/phases/{phaseId}")).Should().Contain("During the outage, on A");

        redis.Restart();
        var healthy = Stopwatch.StartNew();
        while ((await forum.B.CreateClient().GetStringAsync("/health/ready")) != "Healthy" && healthy.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }
        await using var readerOnB = await LiveReader.WatchAsync(forum.B.BaseAddress, phaseId);
        var after = await PostAsync(onA, phaseId, "After the outage");
        acknowledged.Add(after);
        await readerOnB.WaitForAsync("ContributionPosted", m => m.GetProperty("contributionId").GetInt64() == after, Soon);

        (await ContributionIdsAsync(forum.A.Anonymous(), phaseId)).Should().BeEquivalentTo(acknowledged);
    }
}
