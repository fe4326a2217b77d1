using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Forum.Data;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Forum.FunctionalTests.Scaling;

/// <summary>
/// Tests of several instances: they need a server database and a Redis (./test.sh gives both to the run on
/// PostgreSQL); reported as skipped elsewhere.
/// </summary>
public sealed class SeveralInstancesFactAttribute : FactAttribute
{
    public const string RedisVariable = "FORUM_TEST_REDIS";

    /// <summary>The redis-server program, for the tests that stop and restart a Redis of their own.</summary>
    public const string RedisServerVariable = "FORUM_TEST_REDIS_SERVER";

    public SeveralInstancesFactAttribute()
    {
        if (TestDatabase.Provider == DatabaseProvider.Sqlite || string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(RedisVariable)))
        {
            Skip = $"Needs a server database and {RedisVariable}; this run is on {TestDatabase.Provider}{(Environment.GetEnvironmentVariable(RedisVariable) is null ? " without Redis" : "")}.";
        }
    }
}

/// <summary>
/// Two forum processes started at the same instant on one new database and one Redis, each with keys of its own
/// in Redis (a prefix per pair), so that pairs of tests running at once never meet.
/// </summary>
public sealed class TwoInstances : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private TwoInstances(TestDatabase database, ServerProcess a, ServerProcess b, string redis)
    {
        Database = database;
        A = a;
        B = b;
        Redis = redis;
    }

    public TestDatabase Database { get; }
    public ServerProcess A { get; }
    public ServerProcess B { get; }
    public string Redis { get; }

    public static async Task<TwoInstances> StartAsync(bool seedDemo = false, string? redis = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        redis ??= Environment.GetEnvironmentVariable(SeveralInstancesFactAttribute.RedisVariable)!;
        var database = TestDatabase.Create();
        var all = Settings(database, redis, $"test-{Guid.NewGuid():N}:");
        all["Database:SeedDemoData"] = seedDemo ? "true" : "false";
        all["Forum:SummaryDelaySeconds"] = "1";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        var a = ServerProcess.Start(all);
        var b = ServerProcess.Start(all);
        var pair = new TwoInstances(database, a, b, redis);
        try
        {
            await Task.WhenAll(a.WaitUntilReadyAsync(TimeSpan.FromSeconds(120)), b.WaitUntilReadyAsync(TimeSpan.FromSeconds(120)));
        }
        catch
        {
            pair.Dispose();
            throw;
        }
        return pair;
    }

    public IEnumerable<ServerProcess> Both => [A, B];

    /// <summary>An instance's settings on <paramref name="database"/> and <paramref name="redis"/>, its keys under <paramref name="prefix"/>, no demo.</summary>
    public static Dictionary<string, string> Settings(TestDatabase database, string redis, string prefix) => new(database.Settings)
    {
        ["Database:SeedDemoData"] = "false",
        ["Forum:Admin:Email"] = ForumApp.AdminEmail,
        ["Forum:Admin:Password"] = ForumApp.AdminPassword,
        ["Forum:Redis"] = redis,
        ["Forum:RedisKeyPrefix"] = prefix,
    };

    public T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public static async Task<ForumClient> AdminOnAsync(ServerProcess server) => await server.Anonymous().LoginAsync(ForumApp.AdminEmail, ForumApp.AdminPassword);

    public static async Task<ForumClient> ParticipantOnAsync(ServerProcess server)
    {
        var email = $"user-{Guid.NewGuid():N}@tests.localhost";
        var client = server.Anonymous();
        await client.RegisterAsync(email, "Lilac-Harbour-42");
        return await client.LoginAsync(email, "Lilac-Harbour-42");
    }

    /// <summary>The lines of both instances' output that contain <paramref name="fragment"/>.</summary>
    public int CountLines(string fragment) => A.CountLines(fragment) + B.CountLines(fragment);

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
        _owned.ForEach(o => o.Dispose());
        Database.Dispose();
    }
}

/// <summary>A reader's live connection: one WebSocket, no negotiation (as the pages connect), reconnecting by itself.</summary>
public sealed class LiveReader : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly int _phaseId;

    private LiveReader(HubConnection connection, int phaseId)
    {
        _connection = connection;
        _phaseId = phaseId;
    }

    public ConcurrentQueue<(string Kind, JsonElement Message)> Received { get; } = new();

    public int Reconnections { get; private set; }

    public HubConnectionState State => _connection.State;

    public static async Task<LiveReader> WatchAsync(Uri server, int phaseId)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hubs/forum"), options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
            })
            .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
                TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)])
            .Build();
        var reader = new LiveReader(connection, phaseId);
        foreach (var kind in new[] { "ContributionPosted", "StatisticsChanged", "PhaseStateChanged", "PhaseRescheduled" })
        {
            connection.On<JsonElement>(kind, message => reader.Received.Enqueue((kind, message)));
        }
        // As the page does: watch again once reconnected (the instance may be another one).
        connection.Reconnected += async _ =>
        {
            reader.Reconnections++;
            await connection.InvokeAsync("WatchPhase", phaseId);
        };
        await connection.StartAsync();
        await connection.InvokeAsync("WatchPhase", phaseId);
        return reader;
    }

    public IReadOnlyList<JsonElement> Of(string kind) => Received.Where(r => r.Kind == kind).Select(r => r.Message).ToList();

    /// <summary>Waits until a message of <paramref name="kind"/> matches, or fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string kind, Func<JsonElement, bool> matches, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var message in Of(kind).Where(matches))
            {
                return message;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No {kind} as expected within {timeout.TotalSeconds:0} s; received: {string.Join(", ", Received.Select(r => $"{r.Kind} {r.Message}"))}");
    }

    /// <summary>
    /// Waits until the reader has reconnected at least once and is connected: the client notices a closed connection
    /// a moment after the server went, and counts the reconnection only after its state says connected again.
    /// </summary>
    public async Task WaitUntilReconnectedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((Reconnections == 0 || _connection.State != HubConnectionState.Connected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    public async Task WaitUntilConnectedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_connection.State != HubConnectionState.Connected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        _connection.State.Should().Be(HubConnectionState.Connected, $"the reader of phase {_phaseId} reconnects");
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

public static class TwoInstancesForum
{
    /// <summary>A published theme with one phase open from yesterday to next year (Paris wall-clock dates), created on <paramref name="server"/>.</summary>
    public static async Task<int> CreateOpenPhaseAsync(ForumClient admin)
    {
        var theme = await admin.CreateThemeAsync();
        var today = DateTime.UtcNow;
        var phase = await admin.CreatePhaseAsync(theme["slug"]!.GetValue<string>(), 1,
            today.AddDays(-1).ToString("yyyy-MM-ddT09:00"), today.AddYears(1).ToString("yyyy-MM-ddT18:00"));
        return phase["id"]!.GetValue<int>();
    }

    public static async Task<long> PostAsync(ForumClient participant, int phaseId, string title) =>
        (await participant.PostContributionAsync(phaseId, "en", title, $"The body of {title}."))["id"]!.GetValue<long>();

    public static async Task<HttpStatusCode> TryPostAsync(ForumClient participant, int phaseId, string title)
    {
        using var response = await participant.PostAsync($"/api/phases/{phaseId}/contributions", new { language = "en", title, body = $"The body of {title}." });
        return response.StatusCode;
    }

    public static async Task<List<long>> ContributionIdsAsync(ForumClient reader, int phaseId)
    {
        var ids = new List<long>();
        string? cursor = null;
        do
        {
            var page = await reader.GetJsonAsync($"/api/phases/{phaseId}/contributions?limit=100{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            ids.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return ids;
    }
}
