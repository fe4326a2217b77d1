using System.Security.Claims;
using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Time;
using Forum.Data;
using Forum.Web.Authorization;
using Forum.Web.Contributions;
using Forum.Web.Input;
using Forum.Web.Phases;
using Forum.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Edits;

/// <summary>Authors editing their versions for a while after writing them (ADR 4); moderators reading every text ever written.</summary>
public sealed class EditService(
    ForumDbContext db, VersionText versionText, ForumLanguages languages, ForumOptions options, ForumClock clock, WriteLimiter limiter,
    ContributionService contributions, Accounts.ConfirmedAddressRule addressRule)
{
    private TimeSpan Window => TimeSpan.FromMinutes(options.EditWindowMinutes);

    /// <summary>Until when the reader may still edit this version of theirs, in the forum's time; null when they may not.</summary>
    public DateTimeOffset? EditableUntil(Contribution contribution, string language, ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && contribution.EditableUntil(language, user.Id(), Window, clock.UtcNow) is { } until
            ? clock.ToLocal(until)
            : null;

    /// <summary>
    /// Same checks as posting (limits, empty body, the write rate). Sending the text already there
    /// changes nothing and answers as a success, so a form sent twice is harmless.
    /// </summary>
    public async Task<ContributionView> EditAsync(long id, string language, VersionEdit input, ClaimsPrincipal user)
    {
        await limiter.CheckAsync(user);
        var userId = user.Id();
        // The author of a hidden contribution learns why an edit is refused; others do not learn it exists.
        var (contribution, _) = await PhaseAccess.RequireReadableAsync(db, db.Contributions.Include(c => c.Versions), id, user,
            mayReadHidden: c => c.Versions.Any(v => v.AuthorId == userId));
        var expected = InputRules.RequiredVersion(input.Version);
        var now = clock.UtcNow;
        var text = versionText.Create(language, input.Title, input.Body, titleRequired: contribution.ParentId is null, userId, now, input.LanguageConfirmed == true);
        var read = contribution.ConcurrencyToken;
        var replaced = contribution.Edit(text, userId, Window, now);
        // Checked once the author and the window are known good, so that others hear why they may not edit rather than "reload".
        InputRules.CheckVersion(read, expected, "contribution");
        return await SaveAsync(contribution, replaced);
    }

    /// <summary>
    /// Updates a translation that may be out of date (<see cref="Contribution.UpdateTranslation"/>): anyone who may write,
    /// with no edit window, through the same text rules and write limit as writing one. The replaced text goes to the
    /// version's history; the live readers hear of it as of an edit.
    /// </summary>
    public async Task<ContributionView> UpdateTranslationAsync(long id, string language, VersionEdit input, ClaimsPrincipal user)
    {
        await addressRule.EnsureMayWriteAsync(user);
        await limiter.CheckAsync(user);
        var userId = user.Id();
        var (contribution, _) = await PhaseAccess.RequireReadableAsync(db, db.Contributions.Include(c => c.Versions), id, user);
        var expected = InputRules.RequiredVersion(input.Version);
        var now = clock.UtcNow;
        var text = versionText.Create(language, input.Title, input.Body, titleRequired: contribution.ParentId is null, userId, now, input.LanguageConfirmed == true);
        text.MachineAssisted = input.MachineAssisted;
        var read = contribution.ConcurrencyToken;
        var replaced = contribution.UpdateTranslation(text, userId, now);
        // After the domain's answer, so that "nothing to update" is heard rather than "reload" by someone who read it stale.
        InputRules.CheckVersion(read, expected, "contribution");
        return await SaveAsync(contribution, replaced);
    }

    /// <summary>Stores a changed text with the one it replaced (none when unchanged); a concurrent change of the contribution answers "reload".</summary>
    private async Task<ContributionView> SaveAsync(Contribution contribution, VersionRevision? replaced)
    {
        if (replaced is not null)
        {
            db.VersionRevisions.Add(replaced);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ForumException.StaleVersion("contribution");
        }
        return await contributions.ViewAsync(contribution);
    }

    /// <summary>Every text the version has had, oldest first, the current one last.</summary>
    public async Task<VersionHistoryView> HistoryAsync(long id, string language)
    {
        var code = languages.Require(language, "language");
        var contribution = await db.Contributions.AsNoTracking().Include(c => c.Versions).FirstOrDefaultAsync(c => c.Id == id)
            ?? throw ForumException.NotFound("contribution", id);
        var version = contribution.Versions.FirstOrDefault(v => v.Language == code)
            ?? throw new ForumException(FailureKind.NotFound, "version.not-found", $"Contribution {id} has no version in '{code}'.", "language");
        var revisions = await db.VersionRevisions.AsNoTracking().Where(r => r.VersionId == version.Id)
            .OrderBy(r => r.WrittenAt).ThenBy(r => r.Id).ToListAsync();
        var authors = await Authors.LoadAsync(db, revisions.Select(r => r.WrittenById).Append(version.AuthorId));
        // Every text of a version is its author's: one key for all of them.
        var key = Authors.TextKey(contribution, code);
        var texts = revisions
            .Select((r, i) => new HistoryEntry(i + 1, r.Title, r.Body, authors.Of(r.WrittenById, key), clock.ToLocal(r.WrittenAt), clock.ToLocal(r.ReplacedAt), false))
            .Append(new HistoryEntry(revisions.Count + 1, version.Title, version.Body, authors.Of(version.AuthorId, key),
                clock.ToLocal(version.EditedAt ?? version.CreatedAt), null, true))
            .ToList();
        return new VersionHistoryView(id, contribution.PhaseId, code, code == contribution.OriginalLanguage, texts);
    }
}
