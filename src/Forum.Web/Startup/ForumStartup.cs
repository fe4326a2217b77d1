using Forum.Core.Storage;
using System.Net;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Web.Errors;
using Forum.Web.Extensions;
using Forum.Web.Health;

namespace Forum.Web.Startup;

/// <summary>
/// Prepares the database once the server listens (DatabaseStartup, under the start-up lease), then opens the
/// <see cref="StartupGate"/>. Until then the health endpoints answer and every other request waits a little for the
/// gate, then gets a 503 with Retry-After (a short page in the reader's language, or ProblemDetails for the API). A start-up that fails stops the instance with its error, as before it
/// listened.
/// </summary>
public sealed class ForumStartup(IServiceProvider services, StartupGate gate) : IHostedLifecycleService
{
    // Runs after every hosted service's StartAsync, the server's included: the instance answers while it prepares.
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await services.InitializeForumDatabaseAsync(cancellationToken);
            gate.Open();
        }
        catch
        {
            gate.Fail();
            throw;
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        gate.Fail();
        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class StartupGateMiddleware
{
    // Under a balancer's own retry timeout (nginx's proxy_next_upstream_timeout in deploy/ is 10 s), so it can try another instance.
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Requests that arrive while the database is prepared wait for it (10 s at most), then get a 503 that says when to
    /// come back. Once the instance is stopping, a live connection is refused the same way: SignalR closed this
    /// instance's connections when the stop began, and their clients must reconnect to an instance that stays.
    /// </summary>
    public static IApplicationBuilder UseStartupGate(this IApplicationBuilder app)
    {
        var gate = app.ApplicationServices.GetRequiredService<StartupGate>();
        var stopping = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        return app.Use(async (context, next) =>
        {
            if (stopping.IsCancellationRequested && context.Request.Path.StartsWithSegments(Live.ForumHub.Path))
            {
                await RefuseAsync(context, "The instance is stopping.", "Connect again: another instance will answer.");
                return;
            }
            if (gate.IsOpen || context.Request.Path.StartsWithSegments(ForumHealth.Path))
            {
                await next(context);
                return;
            }
            bool ready;
            try
            {
                ready = await gate.WaitAsync(context.RequestAborted).WaitAsync(LongestWait, context.RequestAborted);
            }
            catch (TimeoutException)
            {
                ready = false;
            }
            if (ready)
            {
                await next(context);
                return;
            }
            if (ErrorPages.IsPageRequest(context.Request))
            {
                await StartingPageAsync(context);
                return;
            }
            await RefuseAsync(context, "The forum is starting.", "Its database is being prepared; try again in a few seconds.");
        });
    }

    private static Task RefuseAsync(HttpContext context, string title, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        return Results.Problem(statusCode: 503, title: title, detail: detail).ExecuteAsync(context);
    }

    /// <summary>No layout (it reads the database): a few lines in the language of the address, reloading by themselves.</summary>
    private static Task StartingPageAsync(HttpContext context)
    {
        var texts = context.RequestServices.GetRequiredService<UiTexts>();
        var languages = context.RequestServices.GetRequiredService<ForumLanguages>();
        var first = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var culture = first is not null && languages.Codes.Contains(first) ? first : languages.Default;
        var title = WebUtility.HtmlEncode(texts.Get(culture, "starting.title"));
        var detail = WebUtility.HtmlEncode(texts.Get(culture, "starting.detail"));
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(
            $"<!doctype html><html lang=\"{culture}\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"5\"><title>{title}</title></head>"
            + $"<body><h1>{title}</h1><p>{detail}</p></body></html>");
    }
}
