using System.Globalization;
using Forum.Core.Errors;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Errors;

/// <summary>
/// The one shape of a refusal, for the exception handler, the rate limiter and the pages: the status of
/// each kind of failure, Retry-After, and the RFC 7807 body with its <c>rule</c> and <c>detail</c>.
/// </summary>
public static class ForumProblems
{
    /// <summary>No valid sign-in (no token, an expired one, or one whose security stamp changed).</summary>
    public const string AuthRequired = "auth.required";

    /// <summary>Signed in, but the account's roles do not allow the request.</summary>
    public const string AuthForbidden = "auth.forbidden";

    public static int StatusOf(FailureKind kind) => kind switch
    {
        FailureKind.Invalid => StatusCodes.Status400BadRequest,
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict => StatusCodes.Status409Conflict,
        FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        FailureKind.RateLimited => StatusCodes.Status429TooManyRequests,
        FailureKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        FailureKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleOf(FailureKind kind) => kind switch
    {
        FailureKind.Invalid => "The request breaks a rule of the forum.",
        FailureKind.NotFound => "Not found.",
        FailureKind.Conflict => "The request conflicts with the current state.",
        FailureKind.Forbidden => "Not allowed.",
        FailureKind.RateLimited => "Too many requests.",
        FailureKind.Unprocessable => "The request cannot be carried out as sent.",
        FailureKind.Unavailable => "A service the forum relies on is unavailable.",
        _ => "Refused.",
    };

    public static ProblemDetails Create(int status, string rule, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = $"urn:forum:rule:{rule}",
        Extensions = { ["rule"] = rule },
    };

    /// <summary>
    /// A broken rule's answer; the first input at fault is named in <c>field</c>, and <c>errors</c> holds every
    /// input at fault with its messages, as RFC 7807 validation problems do.
    /// </summary>
    public static ProblemDetails For(ForumException error)
    {
        var problem = Create(StatusOf(error.Kind), error.Rule, TitleOf(error.Kind), error.Message);
        if (error.Field is not null)
        {
            problem.Extensions["field"] = error.Field;
            problem.Extensions["errors"] = error.Failures
                .Where(failure => failure.Field is not null)
                .GroupBy(failure => failure.Field!)
                .ToDictionary(field => field.Key, field => field.Select(failure => failure.Message).ToArray());
        }
        // The language check names what it heard, for a client to offer it (language.mismatch).
        if (error.Arguments.TryGetValue("detectedLanguage", out var detected))
        {
            problem.Extensions["detectedLanguage"] = detected;
        }
        return problem;
    }

    /// <summary>The status of a refused request and, past a limit, when to try again; a page's answer too, whose body is the page.</summary>
    public static void SetStatus(HttpResponse response, ForumException error)
    {
        response.StatusCode = StatusOf(error.Kind);
        if (error.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Answers with a broken rule: its status, Retry-After past a limit, and its ProblemDetails.</summary>
    public static ValueTask<bool> WriteAsync(HttpContext context, ForumException error, Exception? cause = null)
    {
        SetStatus(context.Response, error);
        return WriteBodyAsync(context, For(error), cause ?? error);
    }

    /// <summary>Answers with a problem that no rule of the forum raised (a malformed request, a storage conflict).</summary>
    public static ValueTask<bool> WriteAsync(HttpContext context, ProblemDetails problem, Exception? cause)
    {
        context.Response.StatusCode = problem.Status!.Value;
        return WriteBodyAsync(context, problem, cause);
    }

    private static ValueTask<bool> WriteBodyAsync(HttpContext context, ProblemDetails problem, Exception? cause) =>
        context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = cause,
        });

    /// <summary>
    /// Gives the bare answers that carry no body of their own (a challenge or a forbid, whichever scheme or check
    /// refused; no such route; a body too large or of a type no endpoint reads; written by the status code pages
    /// or the server) their rule and a detail.
    /// </summary>
    public static void CompleteBareRefusal(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("rule"))
        {
            return;
        }
        // An answer that says something of its own keeps it (Identity's log-in refusals get their rule in IdentityProblemRules).
        if (problem.Detail is not null)
        {
            return;
        }
        var refusal = problem.Status switch
        {
            StatusCodes.Status401Unauthorized => Create(StatusCodes.Status401Unauthorized, AuthRequired, "Sign-in required.",
                "This request needs a signed-in account: send a valid bearer token or the sign-in cookie, or sign in again if yours expired or was revoked."),
            StatusCodes.Status403Forbidden => Create(StatusCodes.Status403Forbidden, AuthForbidden, "Not allowed.",
                "Your account's roles do not allow this request."),
            StatusCodes.Status404NotFound => Create(StatusCodes.Status404NotFound, "request.not-found", "Not found.",
                "Nothing answers at this address and method: the OpenAPI document lists the API's routes."),
            StatusCodes.Status405MethodNotAllowed => Create(StatusCodes.Status405MethodNotAllowed, "request.method-not-allowed", "Method not allowed.",
                "This address does not take this method: the OpenAPI document lists the methods of each route."),
            StatusCodes.Status413PayloadTooLarge => Create(StatusCodes.Status413PayloadTooLarge, "request.too-large", "Request too large.",
                "A request body is at most 1 MB."),
            StatusCodes.Status415UnsupportedMediaType => Create(StatusCodes.Status415UnsupportedMediaType, "request.unsupported-media-type", "Unsupported media type.",
                "Send the body as application/json."),
            _ => null,
        };
        if (refusal is null)
        {
            return;
        }
        problem.Title = refusal.Title;
        problem.Detail = refusal.Detail;
        problem.Type = refusal.Type;
        problem.Extensions["rule"] = refusal.Extensions["rule"];
    }
}
