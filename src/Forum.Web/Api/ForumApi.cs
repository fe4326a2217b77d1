using Forum.Core;
using Forum.Core.Languages;
using Forum.Core.Phases;
using Forum.Core.Time;
using Forum.Core.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Web.Api;

public static class ForumApi
{
    public static IEndpointRouteBuilder MapForumApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/forum", Describe).WithTags("Forum").WithName("DescribeForum")
            .WithSummary("The forum's languages (named in the ?lang= language), time zone, current time there and text limits.");
        return app;
    }

    public sealed record ForumView(
        IReadOnlyList<string> Languages, IReadOnlyDictionary<string, string> LanguageNames, IReadOnlyDictionary<string, string> PhaseStateNames,
        string DefaultLanguage, string TimeZone, DateTimeOffset Now, TextLimits Limits);

    internal static Ok<ForumView> Describe(string? lang, ForumLanguages languages, ForumClock clock, ForumOptions options, UiTexts texts)
    {
        var culture = languages.Optional(lang, "lang") ?? languages.Default;
        var stateNames = Enum.GetValues<PhaseState>().Select(s => s.ToString().ToLowerInvariant())
            .ToDictionary(s => s, s => texts.Get(culture, $"phase.state.{s}"));
        return TypedResults.Ok(new ForumView(languages.Codes, languages.Codes.ToDictionary(c => c, c => texts.Get(culture, $"language.{c}")),
            stateNames, languages.Default, clock.Zone.Id, clock.ToLocal(clock.UtcNow), options.Limits));
    }
}
