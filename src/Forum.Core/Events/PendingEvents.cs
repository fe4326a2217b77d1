namespace Forum.Core.Events;

/// <summary>
/// The events of one unit of work (one database context), held until its changes are committed:
/// read from the change tracker at each save, raised by the tally writer and by services. They wait
/// for the transaction that was current when they were raised, or, with none, for the end of the
/// save. Forum.Data.Events.EventsAfterCommit reports the save's and the transactions' ends; events
/// whose transaction ended without a commit are dropped, so a rolled-back change is never announced.
/// </summary>
/// <param name="currentTransaction">The id of the context's current transaction, if any.</param>
public sealed class PendingEvents(Func<Guid?> currentTransaction)
{
    // Late: ids given by the database during the save are read only when the events leave.
    private readonly List<Func<ForumEvent>> _events = [];

    // The transaction whose commit lets them out; null: the end of the save, or no transaction yet.
    private Guid? _waitingFor;

    // Where the save in progress began, so that a failed save inside a caller's transaction takes back only its own events.
    private int _saveMark;
    private bool _saveInTransaction;

    public int Count => _events.Count;

    /// <summary>Announces <paramref name="forumEvent"/> once this unit of work's changes are committed.</summary>
    public void Raise(ForumEvent forumEvent) => Raise(() => forumEvent);

    /// <summary>As <see cref="Raise(ForumEvent)"/>, built when it leaves: for ids the database gives during the save.</summary>
    public void Raise(Func<ForumEvent> late)
    {
        WaitFor(currentTransaction());
        _events.Add(late);
    }

    /// <summary>A transaction began: the events waiting for no transaction join it.</summary>
    public void TransactionStarted(Guid transaction) => WaitFor(transaction);

    public void SaveStarting()
    {
        var transaction = currentTransaction();
        WaitFor(transaction);
        _saveMark = _events.Count;
        _saveInTransaction = transaction is not null;
    }

    /// <summary>
    /// The save failed: without a transaction of the caller's nothing it would announce happened; inside
    /// one, the save's own events go (the caller may go on and commit the rest).
    /// </summary>
    public void SaveFailed()
    {
        if (_saveInTransaction)
        {
            _events.RemoveRange(_saveMark, _events.Count - _saveMark);
        }
        else
        {
            Discard();
        }
    }

    /// <summary>The events to publish now that a save ended, if no transaction is left to wait for.</summary>
    public IReadOnlyList<ForumEvent> TakeAfterSave()
    {
        var transaction = currentTransaction();
        WaitFor(transaction);
        return transaction is null ? Take() : [];
    }

    /// <summary>The events to publish now that <paramref name="transaction"/> committed.</summary>
    public IReadOnlyList<ForumEvent> TakeOnCommit(Guid transaction) => _waitingFor == transaction ? Take() : [];

    public void RolledBack(Guid transaction)
    {
        if (_waitingFor == transaction)
        {
            Discard();
        }
    }

    /// <summary>Drops everything: the unit of work ended (its context disposed) or failed.</summary>
    public void Discard()
    {
        _events.Clear();
        _waitingFor = null;
    }

    /// <summary>Events waiting for a transaction that is no longer current go: it ended without a commit.</summary>
    private void WaitFor(Guid? transaction)
    {
        if (_waitingFor is { } waited && waited != transaction)
        {
            _events.Clear();
        }
        _waitingFor = transaction;
    }

    private List<ForumEvent> Take()
    {
        // Two saves in one transaction may raise the same event (a phase's statistics): listeners hear it once.
        var events = _events.Select(raise => raise()).Distinct().ToList();
        Discard();
        return events;
    }
}
