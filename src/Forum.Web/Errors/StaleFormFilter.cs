using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Forum.Web.Errors;

/// <summary>
/// A page form whose antiforgery token no longer matches (the person logged out or in from another tab, the
/// token expired) is refused with 400 and the page shown again through its GET handler, with what was typed
/// (the page's bound properties) and "this form expired" at the top: never a bare 400. The form's own handler
/// does not run. Replaces the framework's check on pages (ForumWeb turns that one off), so every post is checked here.
/// Logging out with a stale token ends on Logout's GET: home, logged out if the other tab logged out.
/// </summary>
public sealed class StaleFormFilter(IAntiforgery antiforgery) : IAsyncPageFilter
{
    /// <summary>Set in the request's items when the form expired; the layout says so.</summary>
    public const string ExpiredKey = "forum.form-expired";

    private const string NoHandlerKey = "forum.no-handler";

    public async Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        var http = context.HttpContext;
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            return;
        }
        if (context.HandlerMethod is null)
        {
            // The page has no handler for this method (a DELETE, or a POST to a read-only page): 405, whatever the token.
            http.Items[NoHandlerKey] = true;
            return;
        }
        await ReadFormAsync(http.Request);
        // A page that declares it takes no token (the unsubscribe link: its signed token is its authorization).
        if (context.ActionDescriptor.ModelTypeInfo?.IsDefined(typeof(Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute), inherit: false) == true
            || await antiforgery.IsRequestValidAsync(http))
        {
            return;
        }
        http.Items[ExpiredKey] = true;
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.HandlerMethod = context.ActionDescriptor.HandlerMethods
            .FirstOrDefault(handler => handler.Name is null && string.Equals(handler.HttpMethod, HttpMethods.Get, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Reads the form first, so that a body too large (413) or malformed (400) is answered as such: the antiforgery
    /// check would take any unreadable form for a missing token.
    /// </summary>
    private static async Task ReadFormAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return;
        }
        try
        {
            await request.ReadFormAsync();
        }
        catch (InvalidDataException limit)
        {
            // Past FormOptions' limits (too many fields, a field too long).
            throw new BadHttpRequestException("The form could not be read.", StatusCodes.Status400BadRequest, limit);
        }
    }

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // Taken out once acted on: the error page runs again in the same request (and the same items).
        if (context.HttpContext.Items.Remove(NoHandlerKey))
        {
            context.HttpContext.Response.Headers.Allow = "GET, HEAD";
            context.Result = new Microsoft.AspNetCore.Mvc.StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return;
        }
        var executed = await next();
        // A page with nothing to show again (the preview's GET is a 404) still answers what went wrong: the expired form.
        if (context.HttpContext.Items.ContainsKey(ExpiredKey) && executed.Result is Microsoft.AspNetCore.Mvc.NotFoundResult)
        {
            executed.Result = new Microsoft.AspNetCore.Mvc.BadRequestResult();
        }
    }
}
