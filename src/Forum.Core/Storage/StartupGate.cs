namespace Forum.Core.Storage;

/// <summary>
/// Whether this instance's database is ready: closed while the start-up (migrations, seeding, the statistics
/// rebuild) runs, after the server already answers, so that /health/live says the process is up and /health/ready
/// says not yet. Background services wait at it before they touch the database.
/// </summary>
public sealed class StartupGate
{
    private readonly TaskCompletionSource<bool> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOpen => _opened.Task is { IsCompletedSuccessfully: true, Result: true };

    public void Open() => _opened.TrySetResult(true);

    /// <summary>The start-up failed: the instance stops, and nothing waiting here goes on.</summary>
    public void Fail() => _opened.TrySetResult(false);

    /// <summary>True once the database is ready; false if the start-up failed.</summary>
    public Task<bool> WaitAsync(CancellationToken cancellation) => _opened.Task.WaitAsync(cancellation);
}
