using Microsoft.Extensions.Logging;

namespace Forum.Core.Events;

/// <summary>Something that happened in the forum, raised after it was stored; the live layer pushes these to readers.</summary>
public abstract record ForumEvent;

/// <summary>Reacts to forum events; runs after the change is committed, never inside the request's transaction.</summary>
public interface IForumEventHandler
{
    ValueTask HandleAsync(ForumEvent forumEvent, CancellationToken cancellation);
}

/// <summary>A handler that takes the events of one change together, to act once for several of them.</summary>
public interface IForumEventBatchHandler : IForumEventHandler
{
    ValueTask HandleAsync(IReadOnlyList<ForumEvent> forumEvents, CancellationToken cancellation);
}

/// <summary>
/// The one point where events leave: the events of a stored change, once its outermost transaction has
/// committed (Forum.Data.Events.EventsAfterCommit), and events with no save behind them (a phase's
/// instant passing). A durable outbox or delivery to other instances goes behind this type, and no
/// caller changes (docs/decisions/0009-events-after-the-outermost-commit.md).
/// A failing handler is logged and skipped: the change it reacts to is already stored, so the user's
/// request must not fail because of it.
/// </summary>
public sealed class ForumEventPublisher(IEnumerable<IForumEventHandler> handlers, ILogger<ForumEventPublisher> logger)
{
    private readonly IForumEventHandler[] _handlers = handlers.ToArray();

    public ValueTask PublishAsync(ForumEvent forumEvent, CancellationToken cancellation = default) => PublishAsync([forumEvent], cancellation);

    /// <summary>The events of one change, in the order they were raised.</summary>
    public async ValueTask PublishAsync(IReadOnlyList<ForumEvent> forumEvents, CancellationToken cancellation = default)
    {
        foreach (var handler in _handlers)
        {
            if (handler is IForumEventBatchHandler batch)
            {
                await GuardedAsync(handler, forumEvents, () => batch.HandleAsync(forumEvents, cancellation));
                continue;
            }
            foreach (var forumEvent in forumEvents)
            {
                await GuardedAsync(handler, forumEvent, () => handler.HandleAsync(forumEvent, cancellation));
            }
        }
    }

    private async ValueTask GuardedAsync(IForumEventHandler handler, object what, Func<ValueTask> handle)
    {
        try
        {
            await handle();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "{Handler} failed on {Event}.", handler.GetType().Name, what);
        }
    }
}
