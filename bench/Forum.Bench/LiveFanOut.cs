using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Forum.Bench;

public sealed record LiveFanOutResult(
    int ClientsAsked, int ClientsConnected, string ConnectErrors, TimeSpan ConnectTime, TimeSpan CloseTime, int Posts,
    long Expected, long Received, long Duplicates, double P50, double P99, double Max, double FirstClientP50, double LastClientP50,
    double PostP50, double PostMax,
    double RssBeforeMb, double RssConnectedMb, double PeakRssMb, double RssAfterCloseMb, IReadOnlyList<LiveServerLatency> PerServer);

/// <summary>The delivery latency of the clients connected to one instance, and the messages they missed.</summary>
public sealed record LiveServerLatency(int Clients, long Missed, double P50, double P99, double Max);

/// <summary>
/// Many pages watching one phase over SignalR (WebSockets): how long a posted contribution takes to reach every one of them.
/// With several instances, client i connects to instance i modulo their number; memory figures are the instances' summed.
/// </summary>
public static class LiveFanOut
{
    /// <summary>What the server sends to a phase's group when a contribution is posted (JSON, camelCase).</summary>
    private sealed record ContributionPosted(int PhaseId, long ContributionId, long? ParentId, string[] Languages);

    private readonly record struct Arrival(int Client, long ContributionId, long Timestamp);

    /// <param name="post">Posts contribution number i to the phase and returns its id.</param>
    public static async Task<LiveFanOutResult> RunAsync(
        IReadOnlyList<ServerProcess> servers, int phaseId, int clients, int posts, TimeSpan gap, int connectParallelism, Func<int, Task<long>> post)
    {
        var arrivals = new ConcurrentQueue<Arrival>();
        var connections = new ConcurrentDictionary<int, HubConnection>();
        var connectErrors = new ConcurrentDictionary<string, int>();
        double Rss() => servers.Sum(s => s.Memory().Rss);
        var rssBefore = Rss();

        var connectClock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = connectParallelism }, async (client, _) =>
        {
            // Straight to WebSockets, as a browser on this server ends up: the negotiation round trip would only slow the set-up.
            var connection = new HubConnectionBuilder()
                .WithUrl($"{servers[client % servers.Count].BaseUrl}/hubs/forum", HttpTransportType.WebSockets, options => options.SkipNegotiation = true)
                .Build();
            // The timestamp is taken first thing, before anything else competes for the handler's thread.
            connection.On<ContributionPosted>("ContributionPosted", m => arrivals.Enqueue(new Arrival(client, m.ContributionId, Stopwatch.GetTimestamp())));
            // Also pushed after each post; handled so that the client does not look for a missing handler every time.
            connection.On<object>("StatisticsChanged", _ => { });
            try
            {
                await connection.StartAsync();
                await connection.InvokeAsync("WatchPhase", phaseId);
                connections[client] = connection;
            }
            catch (Exception e)
            {
                connectErrors.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                await connection.DisposeAsync();
            }
        });
        var connectTime = connectClock.Elapsed;
        // A moment for the server to settle after the burst of handshakes before its memory is read.
        await Task.Delay(500);
        var rssConnected = Rss();

        using var sampling = new CancellationTokenSource();
        var peakRss = servers.Select(s => LoadRunner.SamplePeakAsync(s, sampling.Token)).ToArray();
        var sentAt = new Dictionary<long, long>();
        var postTimes = new List<long>();
        for (var i = 0; i < posts; i++)
        {
            // Arrivals are matched to sends afterwards: the push can reach a client before the POST's answer reaches the poster.
            var t0 = Stopwatch.GetTimestamp();
            var id = await post(i);
            postTimes.Add(Stopwatch.GetTimestamp() - t0);
            sentAt[id] = t0;
            await Task.Delay(gap);
        }
        var expected = (long)connections.Count * posts;
        var deadline = Stopwatch.StartNew();
        while (arrivals.Count(a => sentAt.ContainsKey(a.ContributionId)) < expected && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
        }
        sampling.Cancel();
        var peak = (await Task.WhenAll(peakRss)).Sum(p => p.ServerMb);

        var ours = arrivals.Where(a => sentAt.ContainsKey(a.ContributionId)).ToList();
        var distinct = ours.DistinctBy(a => (a.Client, a.ContributionId)).ToList();
        var latencies = distinct.Select(a => a.Timestamp - sentAt[a.ContributionId]).Order().ToArray();
        var postLatencies = postTimes.Order().ToArray();
        // Per post, the first client told and the last: the gap between them is the cost of sending to every connection.
        var perPost = distinct.GroupBy(a => a.ContributionId).Select(g => (First: g.Min(a => a.Timestamp) - sentAt[g.Key], Last: g.Max(a => a.Timestamp) - sentAt[g.Key])).ToList();
        var firstClient = perPost.Select(p => p.First).Order().ToArray();
        var lastClient = perPost.Select(p => p.Last).Order().ToArray();
        var perServer = servers.Select((_, n) =>
        {
            var mine = distinct.Where(a => a.Client % servers.Count == n).Select(a => a.Timestamp - sentAt[a.ContributionId]).Order().ToArray();
            var clientsThere = connections.Keys.Count(c => c % servers.Count == n);
            return new LiveServerLatency(clientsThere, (long)clientsThere * posts - mine.Length,
                LoadRunner.Percentile(mine, 0.50), LoadRunner.Percentile(mine, 0.99), LoadRunner.Percentile(mine, 1.0));
        }).ToList();

        var closeClock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(connections.Values, new ParallelOptions { MaxDegreeOfParallelism = connectParallelism },
            async (connection, _) => await connection.DisposeAsync());
        var closeTime = closeClock.Elapsed;
        await Task.Delay(500);

        return new LiveFanOutResult(clients, connections.Count, string.Join(", ", connectErrors.Select(e => $"{e.Key} x{e.Value}")), connectTime, closeTime,
            posts, expected, distinct.Count, ours.Count - distinct.Count,
            LoadRunner.Percentile(latencies, 0.50), LoadRunner.Percentile(latencies, 0.99), LoadRunner.Percentile(latencies, 1.0),
            LoadRunner.Percentile(firstClient, 0.50), LoadRunner.Percentile(lastClient, 0.50),
            LoadRunner.Percentile(postLatencies, 0.50), LoadRunner.Percentile(postLatencies, 1.0),
            rssBefore, rssConnected, Math.Max(peak, rssConnected), Rss(), perServer);
    }
}
