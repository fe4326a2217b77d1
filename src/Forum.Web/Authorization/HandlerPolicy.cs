using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Forum.Web.Authorization;

/// <summary>
/// The policy a page handler requires. Razor Pages only authorize whole pages, and reading pages
/// carry forms that need a signed-in participant; this puts the rule on the handler itself, where
/// <see cref="HandlerPolicyFilter"/> enforces it and the authorization matrix test can read it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HandlerPolicyAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

/// <summary>Sends visitors to the log-in page of their language and refuses signed-in users without the handler's policy (403).</summary>
public sealed class HandlerPolicyFilter(IAuthorizationService authorization) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod?.MethodInfo.GetCustomAttribute<HandlerPolicyAttribute>() is { } required)
        {
            var user = context.HttpContext.User;
            if (user.Identity?.IsAuthenticated != true)
            {
                context.Result = new ChallengeResult(IdentityConstants.ApplicationScheme);
                return;
            }
            if (!(await authorization.AuthorizeAsync(user, required.Policy)).Succeeded)
            {
                context.Result = new ForbidResult(IdentityConstants.ApplicationScheme);
                return;
            }
        }
        await next();
    }
}

/// <summary>Marks a page handler that changes data and is meant for visitors (log-in, registration), so that leaving out a policy is always a decision.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OpenToVisitorsAttribute : Attribute;
