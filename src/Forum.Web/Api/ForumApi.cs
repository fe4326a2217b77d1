using Forum.Core;
using Forum.Core.Languages;
using Forum.Core.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Web.Api;

public static class ForumApi
{
    public static IEndpointRouteBuilder MapForumApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/forum", Describe).WithTags("Forum").WithName("DescribeForum")
            .WithSummary("The forum's languages, time zone, current time there and text limits.");
        return app;
    }

    public sealed record ForumView(IReadOnlyList<string> Languages, string DefaultLanguage, string TimeZone, DateTimeOffset Now, TextLimits Limits);

    internal static Ok<ForumView> Describe(ForumLanguages languages, ForumClock clock, ForumOptions options) =>
        TypedResults.Ok(new ForumView(languages.Codes, languages.Default, clock.Zone.Id, clock.ToLocal(clock.UtcNow), options.Limits));
}
