using System.Diagnostics;
using System.Net;

namespace Forum.Bench;

public sealed record ScenarioResult(
    string Name, int Requests, double Seconds, double P50, double P99, double Max, int Errors, string ErrorDetail, double PeakRssMb,
    double ServerCores, double ClientCores, DatabaseMemory PeakDatabase, double DatabaseCores, string DatabaseActivity)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// Closed-loop load: each worker sends its next request as soon as the previous answer is read in full,
/// so the number of workers is the number of connections in use.
/// </summary>
public sealed record MemoryPeak(double ServerMb, DatabaseMemory Database);

public static class LoadRunner
{
    /// <param name="send">Sends one request for (worker, iteration) and reads the whole answer.</param>
    public static Task<ScenarioResult> RunAsync(
        string name, int workers, TimeSpan warmup, TimeSpan duration, ServerProcess server,
        Func<int, int, Task<HttpStatusCode>> send) =>
        RunAsync(name, workers, warmup, duration, [server], send);

    /// <param name="servers">Instances sharing the load (and one database): their CPU is summed, and so are their peaks of memory.</param>
    public static async Task<ScenarioResult> RunAsync(
        string name, int workers, TimeSpan warmup, TimeSpan duration, IReadOnlyList<ServerProcess> servers,
        Func<int, int, Task<HttpStatusCode>> send)
    {
        var server = servers[0];
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + Ticks(warmup);
        var stopAt = measureFrom + Ticks(duration);
        var latencies = new List<long>[workers];
        var statuses = new Dictionary<string, int>[workers];

        using var sampling = new CancellationTokenSource();
        var peaks = servers.Select(s => SamplePeakAsync(s, sampling.Token)).ToArray();
        using var activitySampling = new CancellationTokenSource();
        var activity = Task.Delay(warmup).ContinueWith(_ => server.Database.SampleActivityAsync(activitySampling.Token)).Unwrap();
        // CPU use of each side over the measured span: on a 2-core machine the load generator (and PostgreSQL) compete with the server.
        var cpuAtStart = Task.Delay(warmup).ContinueWith(_ => (Server: ServersCpu(servers), Client: Environment.CpuUsage.TotalTime, Database: server.Database.CpuTime()));
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<long>(1 << 14);
            var failed = statuses[w] = [];
            for (var i = 0; ; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= stopAt)
                {
                    break;
                }
                string? error;
                try
                {
                    var status = await send(w, i);
                    error = (int)status is >= 200 and < 300 ? null : $"HTTP {(int)status}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    error = e.GetType().Name;
                }
                var t1 = Stopwatch.GetTimestamp();
                // Warm-up answers are left out of the figures (JIT, caches, connection set-up), but not their errors.
                if (t0 >= measureFrom)
                {
                    mine.Add(t1 - t0);
                }
                if (error is not null)
                {
                    failed[error] = failed.GetValueOrDefault(error) + 1;
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var measured = Stopwatch.GetElapsedTime(measureFrom).TotalSeconds;
        sampling.Cancel();
        activitySampling.Cancel();
        var cpu = await cpuAtStart;
        var serverCores = (ServersCpu(servers) - cpu.Server).TotalSeconds / measured;
        var clientCores = (Environment.CpuUsage.TotalTime - cpu.Client).TotalSeconds / measured;
        var databaseCores = (server.Database.CpuTime() - cpu.Database).TotalSeconds / measured;
        var memories = await Task.WhenAll(peaks);
        var memory = new MemoryPeak(memories.Sum(m => m.ServerMb), memories.Select(m => m.Database).Aggregate(DatabaseMemory.Max));

        var all = latencies.SelectMany(l => l).Order().ToArray();
        var errors = statuses.SelectMany(s => s).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        return new ScenarioResult(name, all.Length, measured, Percentile(all, 0.50), Percentile(all, 0.99), Percentile(all, 1.0),
            errors.Values.Sum(), string.Join(", ", errors.Select(e => $"{e.Key} x{e.Value}")), memory.ServerMb,
            serverCores, clientCores, memory.Database, databaseCores, await activity);
    }

    /// <summary>
    /// The highest VmRSS of the server, sampled every 50 ms until stopped, and the highest memory of the database's processes,
    /// sampled every 250 ms (reading their smaps costs more).
    /// </summary>
    public static async Task<MemoryPeak> SamplePeakAsync(ServerProcess server, CancellationToken stop)
    {
        var peak = 0.0;
        var database = server.Database.Memory();
        try
        {
            for (var tick = 1; !stop.IsCancellationRequested; tick++)
            {
                peak = Math.Max(peak, server.Memory().Rss);
                if (tick % 5 == 0)
                {
                    database = DatabaseMemory.Max(database, server.Database.Memory());
                }
                await Task.Delay(50, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
        return new MemoryPeak(Math.Max(peak, server.Memory().Rss), DatabaseMemory.Max(database, server.Database.Memory()));
    }

    private static TimeSpan ServersCpu(IReadOnlyList<ServerProcess> servers) =>
        servers.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.CpuTime);

    /// <summary>The p-th percentile of sorted Stopwatch tick counts, in milliseconds.</summary>
    internal static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN
            : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
