using Forum.Core.Errors;
using Forum.Web.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Errors;

/// <summary>Turns what a refused request threw into its RFC 7807 answer (<see cref="ForumProblems"/>); anything else stays a 500.</summary>
public sealed class ForumExceptionHandler(ILogger<ForumExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ValueTask<bool>? answer = exception switch
        {
            ForumException forum => ForumProblems.WriteAsync(context, forum),
            BadHttpRequestException bad => ForumProblems.WriteAsync(context, ForumProblems.Create(bad.StatusCode, "request.malformed",
                "The request could not be read.", bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message), exception),
            DbUpdateConcurrencyException => ForumProblems.WriteAsync(context, ForumException.StaleVersion("item"), exception),
            DbUpdateException => ForumProblems.WriteAsync(context, ForumProblems.Create(StatusCodes.Status409Conflict, "storage.conflict",
                "The change conflicts with data saved at the same moment.", "Reload and try again."), exception),
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
