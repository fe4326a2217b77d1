using Forum.Core.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Api;

/// <summary>The one place that turns a refused request into an RFC 7807 answer with the right status code.</summary>
public sealed class ForumExceptionHandler(IProblemDetailsService problemDetails, ILogger<ForumExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ForumException forum => FromRule(forum),
            BadHttpRequestException bad => Problem(bad.StatusCode, "request.malformed", "The request could not be read.",
                bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message),
            DbUpdateConcurrencyException => FromRule(ForumException.StaleVersion("item")),
            DbUpdateException => Problem(StatusCodes.Status409Conflict, "storage.conflict",
                "The change conflicts with data saved at the same moment.", "Reload and try again."),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        logger.LogDebug(exception, "Request refused: {Rule}", problem.Extensions["rule"]);
        context.Response.StatusCode = problem.Status!.Value;
        if (exception is ForumException { RetryAfter: { } retryAfter })
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails FromRule(ForumException error)
    {
        var status = error.Kind switch
        {
            FailureKind.Invalid => StatusCodes.Status400BadRequest,
            FailureKind.NotFound => StatusCodes.Status404NotFound,
            FailureKind.Conflict => StatusCodes.Status409Conflict,
            FailureKind.Forbidden => StatusCodes.Status403Forbidden,
            FailureKind.RateLimited => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status400BadRequest,
        };
        var problem = Problem(status, error.Rule, Title(error.Kind), error.Message);
        if (error.Field is not null)
        {
            problem.Extensions["field"] = error.Field;
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [error.Field] = [error.Message] };
        }
        return problem;
    }

    private static string Title(FailureKind kind) => kind switch
    {
        FailureKind.Invalid => "The request breaks a rule of the forum.",
        FailureKind.NotFound => "Not found.",
        FailureKind.Conflict => "The request conflicts with the current state.",
        FailureKind.Forbidden => "Not allowed.",
        FailureKind.RateLimited => "Too many requests.",
        _ => "Refused.",
    };

    private static ProblemDetails Problem(int status, string rule, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = $"urn:forum:rule:{rule}",
        Extensions = { ["rule"] = rule },
    };
}
