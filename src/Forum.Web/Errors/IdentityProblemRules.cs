using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Web.Errors;

/// <summary>
/// Identity's endpoints answer bad input with a ValidationProblem keyed by Identity's error codes but
/// without the forum's <c>rule</c> and <c>field</c>: this adds them ("PasswordTooShort" becomes
/// <c>account.password-too-short</c> on <c>password</c>), and a refused log-in its rule (<c>auth.failed</c>,
/// <c>auth.locked-out</c>), so clients handle every refusal one way.
/// </summary>
public sealed class IdentityProblemRules : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        // A refused log-in answers 401 with SignInResult's word as its detail ("Failed", "LockedOut"): the detail stays, a rule joins it.
        if ((result as ProblemHttpResult ?? (result as INestedHttpResult)?.Result as ProblemHttpResult) is { StatusCode: StatusCodes.Status401Unauthorized } login)
        {
            login.ProblemDetails.Extensions.TryAdd("rule", login.ProblemDetails.Detail switch
            {
                "LockedOut" => "auth.locked-out",
                "NotAllowed" => "auth.not-allowed",
                "RequiresTwoFactor" => "auth.requires-two-factor",
                _ => "auth.failed",
            });
            return result;
        }
        var problem = result switch
        {
            ValidationProblem direct => direct.ProblemDetails,
            INestedHttpResult { Result: ValidationProblem nested } => nested.ProblemDetails,
            _ => null,
        };
        if (problem is { Errors.Count: > 0 } && !problem.Extensions.ContainsKey("rule"))
        {
            var code = problem.Errors.Keys.First();
            var changing = context.HttpContext.Request.Path.Value?.EndsWith("/manage/info", StringComparison.OrdinalIgnoreCase) == true;
            problem.Extensions["rule"] = "account." + Kebab(code);
            problem.Extensions["field"] = code switch
            {
                "PasswordMismatch" or Accounts.ForumUserManager.LockedOutCode => changing ? "oldPassword" : "password",
                _ when code.StartsWith("Password", StringComparison.Ordinal) => changing ? "newPassword" : "password",
                _ => "email",
            };
        }
        return result;
    }

    private static string Kebab(string code) =>
        string.Concat(code.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
