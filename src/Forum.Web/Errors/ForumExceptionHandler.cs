using Forum.Core.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Errors;

/// <summary>
/// Turns what a refused request threw into its RFC 7807 answer (<see cref="ForumProblems"/>); anything else stays a 500.
/// A page request gets the same status with no body, which the error pages fill (<see cref="ErrorPages"/>).
/// </summary>
public sealed class ForumExceptionHandler(ILogger<ForumExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var forum = exception as ForumException ?? (exception is DbUpdateConcurrencyException ? ForumException.StaleVersion("item") : null);
        ProblemDetails? problem = exception switch
        {
            ForumException or DbUpdateConcurrencyException => null,
            BadHttpRequestException bad => ForumProblems.Create(bad.StatusCode, "request.malformed",
                "The request could not be read.", bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message),
            DbUpdateException => ForumProblems.Create(StatusCodes.Status409Conflict, "storage.conflict",
                "The change conflicts with data saved at the same moment.", "Reload and try again."),
            _ => null,
        };
        if (ErrorPages.IsPageRequest(context.Request))
        {
            if (forum is not null)
            {
                ForumProblems.SetStatus(context.Response, forum);
            }
            else if (problem is not null)
            {
                context.Response.StatusCode = problem.Status!.Value;
            }
            else
            {
                logger.LogError(exception, "A page failed");
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
            logger.LogDebug(exception, "Page request refused with {Status}", context.Response.StatusCode);
            return true;
        }
        ValueTask<bool>? answer = (forum, problem) switch
        {
            ({ } rule, _) => ForumProblems.WriteAsync(context, rule, exception),
            (_, { } details) => ForumProblems.WriteAsync(context, details, exception),
            _ => null,
        };
        if (answer is not { } writing)
        {
            return false;
        }
        logger.LogDebug(exception, "Request refused with {Status}", context.Response.StatusCode);
        return await writing;
    }
}
