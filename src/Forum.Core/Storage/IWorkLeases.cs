namespace Forum.Core.Storage;

/// <summary>
/// Named leases for work that must run on one instance at a time (the start-up; a phase's draft summaries): in
/// Redis when several instances share it, in this process otherwise (Forum.Web.Scaling.Leases; docs/decisions/0013).
/// </summary>
public interface IWorkLeases
{
    /// <summary>Takes the lease, waiting as long as another instance holds it.</summary>
    Task<IAsyncDisposable> TakeAsync(string name, CancellationToken cancellation);

    /// <summary>Takes the lease if no one holds it now. Free is false when someone does; Lease may be null when no lease could be asked for and the work should go on without one.</summary>
    Task<(bool Free, IAsyncDisposable? Lease)> TryTakeAsync(string name, CancellationToken cancellation);
}
