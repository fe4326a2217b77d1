using System.Data.Common;
using Forum.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Forum.Data.Events;

/// <summary>
/// Lets each context's pending events out once its changes are committed: when the save ends if no
/// transaction is left, else when the outermost transaction commits (the caller's, the statistics'
/// own, or the one EF opens for the save); and drops them on a rollback or a failed save
/// (docs/decisions/0009-events-after-the-outermost-commit.md). Registered first, so that it marks
/// where each save begins before anyone raises.
/// </summary>
public sealed class EventsAfterCommit(ForumEventPublisher publisher) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Pending(eventData.Context)?.SaveStarting();
        return result;
    }

    // The async twins that only mark the pending events do what the sync ones do.
    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavingChanges(eventData, result));

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Publish(Pending(eventData.Context)?.TakeAfterSave());
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await PublishAsync(Pending(eventData.Context)?.TakeAfterSave());
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Pending(eventData.Context)?.SaveFailed();

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    // A stale row ends a save without SaveChangesFailed.
    public InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Pending(eventData.Context)?.SaveFailed();
        return result;
    }

    public ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ThrowingConcurrencyException(eventData, result));

    public void SaveChangesCanceled(DbContextEventData eventData) => Pending(eventData.Context)?.SaveFailed();

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesCanceled(eventData);
        return Task.CompletedTask;
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Pending(eventData.Context)?.TransactionStarted(eventData.TransactionId);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionStarted(connection, eventData, result));

    public DbTransaction TransactionUsed(DbConnection connection, TransactionEventData eventData, DbTransaction result)
    {
        Pending(eventData.Context)?.TransactionStarted(eventData.TransactionId);
        return result;
    }

    public ValueTask<DbTransaction> TransactionUsedAsync(DbConnection connection, TransactionEventData eventData, DbTransaction result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionUsed(connection, eventData, result));

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Publish(Pending(eventData.Context)?.TakeOnCommit(eventData.TransactionId));

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        await PublishAsync(Pending(eventData.Context)?.TakeOnCommit(eventData.TransactionId));

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        Pending(eventData.Context)?.RolledBack(eventData.TransactionId);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    // A commit or rollback that failed leaves the change unknown: announcing nothing is the safe side.
    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        Pending(eventData.Context)?.RolledBack(eventData.TransactionId);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    private static PendingEvents? Pending(DbContext? db) => (db as ForumDbContext)?.PendingEvents;

    private void Publish(IReadOnlyList<ForumEvent>? events) => PublishAsync(events).GetAwaiter().GetResult();

    private async Task PublishAsync(IReadOnlyList<ForumEvent>? events)
    {
        if (events is { Count: > 0 })
        {
            // The change is stored whatever the listeners do: the request's cancellation does not reach them.
            await publisher.PublishAsync(events, CancellationToken.None);
        }
    }
}
