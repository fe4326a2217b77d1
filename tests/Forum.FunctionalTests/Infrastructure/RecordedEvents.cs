using System.Collections.Concurrent;
using Forum.Core.Events;

namespace Forum.FunctionalTests.Infrastructure;

/// <summary>Every forum event the app raised, in order, for tests to check what the live layer would push.</summary>
public sealed class RecordedEvents : IForumEventHandler
{
    private readonly ConcurrentQueue<ForumEvent> _events = new();

    public IReadOnlyList<ForumEvent> All => _events.ToList();

    public ValueTask HandleAsync(ForumEvent forumEvent, CancellationToken cancellation)
    {
        _events.Enqueue(forumEvent);
        return ValueTask.CompletedTask;
    }
}
