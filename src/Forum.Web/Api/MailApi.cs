using System.Security.Claims;
using Forum.Web.Authorization;
using Forum.Web.Mail;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Web.Api;

/// <summary>The messages the forum could not deliver, for moderators: the list with each error, and sending one again.</summary>
public static class MailApi
{
    public static IEndpointRouteBuilder MapMailApi(this IEndpointRouteBuilder app)
    {
        var mail = app.MapGroup("/api/mail").WithTags("Mail").RequireAuthorization(Policies.Moderator);
        mail.MapGet("/undeliverable", List).WithName("ListUndeliverableMail")
            .WithSummary("Messages the sender gave up on (refused for good by the mail server, or after every attempt), newest first, with their last error.");
        mail.MapPost("/undeliverable/{id:long}/retry", Retry).WithName("RetryUndeliverableMail")
            .WithSummary("Put a given-up message back in the queue, its attempts counted afresh (audited).");
        return app;
    }

    public sealed record UndeliverableList(int Count, IReadOnlyList<UndeliverableView> Messages);

    private static async Task<Ok<UndeliverableList>> List(UndeliverableMail mail, int? limit) =>
        TypedResults.Ok(new UndeliverableList(await mail.CountAsync(), await mail.ListAsync(limit ?? 100)));

    private static async Task<NoContent> Retry(long id, UndeliverableMail mail, ClaimsPrincipal user)
    {
        await mail.RetryAsync(id, user);
        return TypedResults.NoContent();
    }
}
