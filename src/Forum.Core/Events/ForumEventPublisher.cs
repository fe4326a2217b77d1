using Microsoft.Extensions.Logging;

namespace Forum.Core.Events;

/// <summary>Something that happened in the forum, raised after it was stored; the live layer pushes these to readers.</summary>
public abstract record ForumEvent;

/// <summary>Reacts to forum events; runs after the change is committed, never inside the request's transaction.</summary>
public interface IForumEventHandler
{
    ValueTask HandleAsync(ForumEvent forumEvent, CancellationToken cancellation);
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

    public async ValueTask PublishAsync(IEnumerable<ForumEvent> forumEvents, CancellationToken cancellation = default)
    {
        foreach (var forumEvent in forumEvents)
        {
            await PublishAsync(forumEvent, cancellation);
        }
    }

    public async ValueTask PublishAsync(ForumEvent forumEvent, CancellationToken cancellation = default)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                await handler.HandleAsync(forumEvent, cancellation);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Handler} failed on {Event}.", handler.GetType().Name, forumEvent);
            }
        }
    }
}
