using System.Security.Claims;
using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Time;
using Forum.Data;
using Forum.Web.Accounts;
using Forum.Web.Caching;
using Forum.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Api;

/// <summary>Authors editing their versions for a while after writing them; moderators reading every text ever written.</summary>
public static class EditsApi
{
    public static IEndpointRouteBuilder MapEditsApi(this IEndpointRouteBuilder app)
    {
        var version = app.MapGroup("/api/contributions/{id:long}/versions/{language}").WithTags("Contributions");
        version.MapPut("/", EditVersion).WithName("EditVersion")
            .WithSummary("Replace the title and text of your own version while its edit window is open (send the version you read).")
            .RequireAuthorization(Policies.Participant);
        version.MapGet("/history", VersionHistory).WithName("VersionHistory")
            .WithSummary("Every text the version has had, oldest first, the current one last.").RequireAuthorization(Policies.Moderator);
        return app;
    }

    public sealed record VersionEdit(string? Title, string? Body, Guid? Version);

    /// <summary>One text of a version: <see cref="ReplacedAt"/> is null for the current one.</summary>
    public sealed record HistoryEntry(
        int Edition, string? Title, string Body, ContributionsApi.Author WrittenBy, DateTimeOffset WrittenAt, DateTimeOffset? ReplacedAt, bool IsCurrent);

    public sealed record VersionHistoryView(long ContributionId, int PhaseId, string Language, bool IsOriginal, IReadOnlyList<HistoryEntry> Texts);

    /// <summary>
    /// Same checks as posting (limits, empty body, the write rate). Sending the text already there
    /// changes nothing and answers as a success, so a form sent twice is harmless.
    /// </summary>
    internal static async Task<Ok<ContributionsApi.ContributionView>> EditVersion(
        long id, string language, VersionEdit input, ForumDbContext db, VersionText versionText, ForumOptions options, ForumClock clock,
        ClaimsPrincipal user, IOutputCacheStore cache, WriteLimiter limiter)
    {
        limiter.Check(user);
        var userId = user.Id();
        // The author of a hidden contribution learns why an edit is refused; others do not learn it exists.
        var (contribution, _) = await PhaseAccess.RequireReadableAsync(db, db.Contributions.Include(c => c.Versions), id, user,
            mayReadHidden: c => c.Versions.Any(v => v.AuthorId == userId));
        var expected = InputRules.RequiredVersion(input.Version);
        var now = clock.UtcNow;
        var text = versionText.Create(language, input.Title, input.Body, titleRequired: contribution.ParentId is null, userId, now);
        var read = contribution.ConcurrencyToken;
        var replaced = contribution.Edit(text, userId, TimeSpan.FromMinutes(options.EditWindowMinutes), now);
        // Checked once the author and the window are known good, so that others hear why they may not edit rather than "reload".
        InputRules.CheckVersion(read, expected, "contribution");
        if (replaced is null)
        {
            return TypedResults.Ok(await ContributionsApi.ViewAsync(db, contribution, clock));
        }
        db.VersionRevisions.Add(replaced);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ForumException.StaleVersion("contribution");
        }
        await cache.EvictPhaseAsync(contribution.PhaseId);
        return TypedResults.Ok(await ContributionsApi.ViewAsync(db, contribution, clock));
    }

    internal static async Task<Ok<VersionHistoryView>> VersionHistory(long id, string language, ForumDbContext db, ForumLanguages languages, ForumClock clock)
    {
        var code = languages.Require(language, "language");
        var contribution = await db.Contributions.AsNoTracking().Include(c => c.Versions).FirstOrDefaultAsync(c => c.Id == id)
            ?? throw ForumException.NotFound("contribution", id);
        var version = contribution.Versions.FirstOrDefault(v => v.Language == code)
            ?? throw new ForumException(FailureKind.NotFound, "version.not-found", $"Contribution {id} has no version in '{code}'.", "language");
        var revisions = await db.VersionRevisions.AsNoTracking().Where(r => r.VersionId == version.Id)
            .OrderBy(r => r.WrittenAt).ThenBy(r => r.Id).ToListAsync();
        var authors = await ContributionsApi.AuthorsAsync(db, revisions.Select(r => r.WrittenById).Append(version.AuthorId));
        // Every text of a version is its author's: one key for all of them.
        var key = ContributionsApi.Authors.TextKey(contribution, code);
        var texts = revisions
            .Select((r, i) => new HistoryEntry(i + 1, r.Title, r.Body, authors.Of(r.WrittenById, key), clock.ToLocal(r.WrittenAt), clock.ToLocal(r.ReplacedAt), false))
            .Append(new HistoryEntry(revisions.Count + 1, version.Title, version.Body, authors.Of(version.AuthorId, key),
                clock.ToLocal(version.EditedAt ?? version.CreatedAt), null, true))
            .ToList();
        return TypedResults.Ok(new VersionHistoryView(id, contribution.PhaseId, code, code == contribution.OriginalLanguage, texts));
    }
}
