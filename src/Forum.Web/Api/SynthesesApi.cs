using System.Security.Claims;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Data;
using Forum.Synthesis.Statistics;
using Forum.Synthesis.Syntheses;
using Forum.Web.Authorization;
using Forum.Web.Phases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Web.Api;

public static class SynthesesApi
{
    public static IEndpointRouteBuilder MapSynthesesApi(this IEndpointRouteBuilder app)
    {
        var phase = app.MapGroup("/api/phases/{phaseId:int}/syntheses").WithTags("Syntheses");
        phase.MapGet("/", ListSyntheses).WithName("ListSyntheses")
            .WithSummary("Published syntheses of a phase by number, each shown in ?lang= when available; moderators may include drafts.");
        phase.MapPost("/", CreateSynthesis).WithName("CreateSynthesis")
            .WithSummary("Start the next numbered synthesis of a phase, as a draft, in one or more languages.").RequireAuthorization(Policies.Moderator);

        var one = app.MapGroup("/api/syntheses/{id:long}").WithTags("Syntheses");
        one.MapGet("/", GetSynthesis).WithName("GetSynthesis").WithSummary("A synthesis with all its languages.");
        one.MapPut("/versions/{language}", WriteSynthesis).WithName("WriteSynthesis")
            .WithSummary("Write or rewrite the synthesis in one language (send the version you read).").RequireAuthorization(Policies.Moderator);
        one.MapPost("/publish", PublishSynthesis).WithName("PublishSynthesis")
            .WithSummary("Publish a draft synthesis to readers.").RequireAuthorization(Policies.Moderator);
        one.MapPost("/unpublish", UnpublishSynthesis).WithName("UnpublishSynthesis")
            .WithSummary("Take a synthesis back to draft.").RequireAuthorization(Policies.Moderator);
        one.MapGet("/history", SynthesisHistory).WithName("SynthesisHistory")
            .WithSummary("Every text written for this synthesis, newest first per language.").RequireAuthorization(Policies.Moderator);
        return app;
    }

    public sealed record NewSynthesis(IReadOnlyList<SynthesisText>? Versions);

    public sealed record SynthesisEdit(string? Title, string? Body, Guid? Version);

    public sealed record StatusChange(Guid? Version);

    /// <summary><see cref="OutdatedSince"/>: another language's text was changed then, after this one was written; null when up to date.</summary>
    public sealed record SynthesisVersionView(string Language, string Title, string Body, string BodyHtml, int Edition, DateTimeOffset UpdatedAt,
        DateTimeOffset? OutdatedSince = null);

    /// <summary>A synthesis as a reader sees it: <see cref="Shown"/> is the text in the asked language, else in the forum's default, else the first there is.</summary>
    public sealed record SynthesisView(
        long Id, int PhaseId, int Number, string Label, SynthesisStatus Status, IReadOnlyList<string> Languages, string AvailableIn,
        SynthesisVersionView Shown, bool ShownIsFallback, IReadOnlyList<SynthesisVersionView> Versions,
        DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt, Guid Version);

    public sealed record RevisionView(string Language, int Edition, string Title, string Body, DateTimeOffset EditedAt, string EditedById);

    internal static async Task<Results<Ok<List<SynthesisView>>, ForbidHttpResult>> ListSyntheses(
        int phaseId, string? lang, bool? includeDrafts, SynthesisService syntheses, ForumDbContext db, ForumLanguages languages,
        LanguageSentences sentences, UiTexts texts, ForumClock clock, ClaimsPrincipal user)
    {
        var culture = PhaseAccess.Culture(lang, languages);
        if (includeDrafts == true && !user.IsModerator())
        {
            return TypedResults.Forbid();
        }
        await PhaseAccess.RequireReadableAsync(db, phaseId, user);
        var list = await syntheses.ListAsync(phaseId, includeDrafts == true);
        return TypedResults.Ok(list.Select(s => View(s, culture, languages, sentences, texts, clock)).ToList());
    }

    internal static async Task<Ok<SynthesisView>> GetSynthesis(
        long id, string? lang, SynthesisService syntheses, ForumDbContext db, ForumLanguages languages, LanguageSentences sentences, UiTexts texts, ForumClock clock, ClaimsPrincipal user)
    {
        var culture = PhaseAccess.Culture(lang, languages);
        var synthesis = await syntheses.FindAsync(id);
        // One answer for a draft, a synthesis of an unpublished phase and no synthesis at all: the phase's id is not given away.
        if (synthesis is null || (synthesis.Status != SynthesisStatus.Published && !user.IsModerator())
            || !await PhaseAccess.MayReadAsync(db, synthesis.PhaseId, user))
        {
            throw ForumException.NotFound("synthesis", id);
        }
        return TypedResults.Ok(View(synthesis, culture, languages, sentences, texts, clock));
    }

    internal static async Task<Created<SynthesisView>> CreateSynthesis(
        int phaseId, NewSynthesis input, SynthesisService syntheses, ForumLanguages languages, LanguageSentences sentences, UiTexts texts, ForumClock clock, ClaimsPrincipal user)
    {
        var synthesis = await syntheses.CreateAsync(phaseId, input.Versions, user.Id());
        return TypedResults.Created($"/api/syntheses/{synthesis.Id}", View(synthesis, languages.Default, languages, sentences, texts, clock));
    }

    internal static async Task<Ok<SynthesisView>> WriteSynthesis(
        long id, string language, SynthesisEdit input, SynthesisService syntheses, ForumLanguages languages, LanguageSentences sentences, UiTexts texts, ForumClock clock, ClaimsPrincipal user)
    {
        var synthesis = await syntheses.WriteAsync(id, language, new SynthesisText(language, input.Title, input.Body), input.Version, user.Id());
        return TypedResults.Ok(View(synthesis, language, languages, sentences, texts, clock));
    }

    internal static async Task<Ok<SynthesisView>> PublishSynthesis(
        long id, StatusChange? input, SynthesisService syntheses, ForumLanguages languages, LanguageSentences sentences, UiTexts texts, ForumClock clock, ClaimsPrincipal user) =>
        TypedResults.Ok(View(await syntheses.PublishAsync(id, input?.Version, user.Id()), languages.Default, languages, sentences, texts, clock));

    internal static async Task<Ok<SynthesisView>> UnpublishSynthesis(
        long id, StatusChange? input, SynthesisService syntheses, ForumLanguages languages, LanguageSentences sentences, UiTexts texts, ForumClock clock, ClaimsPrincipal user) =>
        TypedResults.Ok(View(await syntheses.UnpublishAsync(id, input?.Version, user.Id()), languages.Default, languages, sentences, texts, clock));

    internal static async Task<Ok<List<RevisionView>>> SynthesisHistory(long id, SynthesisService syntheses, ForumClock clock)
    {
        _ = await syntheses.FindAsync(id) ?? throw ForumException.NotFound("synthesis", id);
        var history = await syntheses.HistoryAsync(id);
        return TypedResults.Ok(history.Select(r => new RevisionView(r.Language, r.Edition, r.Title, r.Body, clock.ToLocal(r.EditedAt), r.EditedById)).ToList());
    }

    private static SynthesisView View(PhaseSynthesis s, string culture, ForumLanguages languages, LanguageSentences sentences, UiTexts texts, ForumClock clock)
    {
        var versions = s.Versions.OrderBy(v => languages.Codes.ToList().IndexOf(v.Language))
            .Select(v => new SynthesisVersionView(v.Language, v.Title, v.Body, v.BodyHtml, v.Edition, clock.ToLocal(v.UpdatedAt),
                v.OutdatedSince is { } outdated ? clock.ToLocal(outdated) : null))
            .ToList();
        var shown = languages.ShownFor(versions, v => v.Language, culture);
        var inReadingOrder = versions.Select(v => v.Language).ToList();
        return new SynthesisView(s.Id, s.PhaseId, s.Number, string.Format(texts.Get(culture, "synthesis.title"), s.Number), s.Status,
            inReadingOrder, sentences.AvailableIn(inReadingOrder, culture), shown, shown.Language != culture, versions,
            s.PublishedAt is { } at ? clock.ToLocal(at) : null, clock.ToLocal(s.UpdatedAt), s.ConcurrencyToken);
    }
}
