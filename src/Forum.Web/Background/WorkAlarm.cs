using Forum.Core.Events;

namespace Forum.Web.Background;

/// <summary>
/// Wakes a background worker of this instance when a commit published <typeparamref name="TEvent"/>: the phase watcher
/// (a phase saved), the notification worker (happenings recorded), the mail sender (messages queued). Several events
/// while the worker was busy are one reason to look again.
/// </summary>
public class WorkAlarm<TEvent> : IForumEventHandler where TEvent : ForumEvent
{
    private readonly SemaphoreSlim _poke = new(0);

    public ValueTask HandleAsync(ForumEvent forumEvent, CancellationToken cancellation)
    {
        if (forumEvent is TEvent)
        {
            _poke.Release();
        }
        return ValueTask.CompletedTask;
    }

    public Task WaitAsync(CancellationToken cancellation) => _poke.WaitAsync(cancellation);

    /// <summary>Whether an event came that the worker has not yet taken (the tests wait for none).</summary>
    public bool IsPoked => _poke.CurrentCount > 0;

    /// <summary>Takes every waiting poke: the look about to start answers them all.</summary>
    public void Reset()
    {
        while (_poke.CurrentCount > 0 && _poke.Wait(0))
        {
        }
    }
}
