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
/// Hands each event to every registered handler. A failing handler is logged and skipped: the change
/// it reacts to is already stored, so the user's request must not fail because of it.
/// </summary>
public sealed class ForumEvents(IEnumerable<IForumEventHandler> handlers, ILogger<ForumEvents> logger)
{
    private readonly IForumEventHandler[] _handlers = handlers.ToArray();

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
