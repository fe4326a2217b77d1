using System.Security.Claims;
using Forum.Core;
using Forum.Core.Audit;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Notifications;
using Forum.Core.Phases;
using Forum.Core.Telemetry;
using Forum.Core.Time;
using Forum.Data;
using Forum.Data.Accounts;
using Forum.Synthesis.Notifications;
using Forum.Web.Authorization;
using Forum.Web.Input;
using Forum.Web.Phases;
using Forum.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Contributions;

/// <summary>
/// Posting, replying, translating, reading and listing contributions, and the moderators' hide and restore.
/// Hidden contributions are shown to the moderation team only (<see cref="Contribution.VisibleTo"/>).
/// </summary>
public sealed class ContributionService(
    ForumDbContext db, VersionText versionText, ForumLanguages languages, ForumOptions options, ForumClock clock, WriteLimiter limiter,
    ForumMetrics metrics, Accounts.ConfirmedAddressRule addressRule, Notifications.FollowService follows)
{
    internal sealed record PageRow(
        Contribution Contribution, string? DisplayName, string? UserName, bool AuthorDeleted, List<PageVersion> Versions, DateTime? LastReplyAt);

    internal sealed record PageVersion(string Language, string? Title, string BodyHtml, DateTime? EditedAt, DateTime UpdatedAt, DateTime? OutdatedSince = null);

    private delegate IAsyncEnumerable<PageRow> PageQuery(ForumDbContext db, int phaseId, string? wanted, DateTime at, long id, int take);

    // Compiled once per order and audience: the list is the hottest read, and EF would otherwise compare its expression tree on every request.
    // No cursor is the cursor at the very end, so one query shape serves every page and keeps its index range. The keyset
    // is bounded on CreatedAt first, so that a server database starts its index range at the cursor instead of filtering from the end.
    private static readonly PageQuery NewestFirst = CompilePage(newestFirst: true, includeHidden: false);
    private static readonly PageQuery NewestFirstWithHidden = CompilePage(newestFirst: true, includeHidden: true);
    private static readonly PageQuery OldestFirst = CompilePage(newestFirst: false, includeHidden: false);
    private static readonly PageQuery OldestFirstWithHidden = CompilePage(newestFirst: false, includeHidden: true);

    private static PageQuery CompilePage(bool newestFirst, bool includeHidden)
    {
        var visible = Contribution.VisibleTo(includeHidden);
        var query = newestFirst
            ? EF.CompileAsyncQuery((ForumDbContext db, int phaseId, string? wanted, DateTime at, long id, int take) =>
                db.Contributions.AsNoTracking()
                    .Where(c => c.PhaseId == phaseId && c.ParentId == null && (wanted == null || ("," + c.Languages + ",").Contains(wanted)))
                    .Where(visible)
                    .Where(c => c.CreatedAt <= at && (c.CreatedAt < at || c.Id < id))
                    .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                    .Take(take)
                    .Join(db.Users, c => c.AuthorId, u => u.Id, (c, u) => new PageRow(c, u.DisplayName, u.UserName, u.DeletedAt != null,
                        c.Versions.Select(v => new PageVersion(v.Language, v.Title, v.BodyHtml, v.EditedAt, v.UpdatedAt, v.OutdatedSince)).ToList(),
                        db.Contributions.Where(r => r.ParentId == c.Id && !r.IsHidden).Max(r => (DateTime?)r.CreatedAt))))
            : EF.CompileAsyncQuery((ForumDbContext db, int phaseId, string? wanted, DateTime at, long id, int take) =>
                db.Contributions.AsNoTracking()
                    .Where(c => c.PhaseId == phaseId && c.ParentId == null && (wanted == null || ("," + c.Languages + ",").Contains(wanted)))
                    .Where(visible)
                    .Where(c => c.CreatedAt >= at && (c.CreatedAt > at || c.Id > id))
                    .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                    .Take(take)
                    .Join(db.Users, c => c.AuthorId, u => u.Id, (c, u) => new PageRow(c, u.DisplayName, u.UserName, u.DeletedAt != null,
                        c.Versions.Select(v => new PageVersion(v.Language, v.Title, v.BodyHtml, v.EditedAt, v.UpdatedAt, v.OutdatedSince)).ToList(),
                        db.Contributions.Where(r => r.ParentId == c.Id && !r.IsHidden).Max(r => (DateTime?)r.CreatedAt))));
        return new PageQuery(query);
    }

    /// <summary>Whether the phase's theme is published; null when there is no such phase.</summary>
    private static readonly Func<ForumDbContext, int, Task<bool?>> PhaseIsPublished =
        EF.CompileAsyncQuery((ForumDbContext db, int phaseId) =>
            db.Phases.Where(p => p.Id == phaseId).Select(p => (bool?)p.Theme!.IsPublished).FirstOrDefault());

    /// <summary>
    /// Top-level contributions of a phase, paged by cursor; <paramref name="language"/> keeps those readable in it,
    /// <paramref name="lang"/> is the language shown. Null when hidden ones are asked for by someone outside the moderation team.
    /// </summary>
    public async Task<ContributionPage?> ListAsync(
        int phaseId, ClaimsPrincipal user, string? language, string? lang, string? cursor, int? limit, string? order, bool includeHidden = false)
    {
        var newestFirst = order is null || order.Equals("newest", StringComparison.OrdinalIgnoreCase)
            || (order.Equals("oldest", StringComparison.OrdinalIgnoreCase)
                ? false
                : throw ForumException.Invalid("order", "paging.order-unknown", "order is 'newest' or 'oldest'."));
        if (includeHidden && !user.IsModerator())
        {
            return null;
        }
        // Checked in the order callers have always met them: the page size, the filter, the language shown.
        InputRules.PageSize(limit);
        languages.Optional(language, "language");
        lang = languages.Optional(lang, "lang");
        var (page, more) = await RowsAsync(phaseId, user, language, cursor, limit, newestFirst, includeHidden);
        var next = more ? CursorOf(page[^1]) : null;
        return new ContributionPage(page.Select(row => Summary(row, lang)).ToList(), next);
    }

    /// <summary>
    /// The phase page's list, newest first: the page after <paramref name="after"/>, or the one before
    /// <paramref name="before"/> (the newer contributions), with the cursors of the pages on each side.
    /// Null when <paramref name="before"/> leads nowhere (nothing newer), so the page starts again from the newest.
    /// </summary>
    public async Task<ReadingPage?> ReadingPageAsync(int phaseId, ClaimsPrincipal user, string? language, string? lang, string? after, string? before)
    {
        lang = languages.Optional(lang, "lang");
        if (before is not null)
        {
            var (newer, moreNewer) = await RowsAsync(phaseId, user, language, before, null, newestFirst: false, includeHidden: false);
            if (newer.Count == 0)
            {
                return null;
            }
            newer.Reverse();
            return new ReadingPage(newer.Select(row => Summary(row, lang)).ToList(), moreNewer ? CursorOf(newer[0]) : null, CursorOf(newer[^1]));
        }
        var (page, more) = await RowsAsync(phaseId, user, language, after, null, newestFirst: true, includeHidden: false);
        // A page reached by a cursor has newer contributions before it: at least the one the cursor names.
        return new ReadingPage(page.Select(row => Summary(row, lang)).ToList(),
            after is not null && page.Count > 0 ? CursorOf(page[0]) : null,
            more ? CursorOf(page[^1]) : null);
    }

    /// <summary>
    /// One top-level contribution of a phase exactly as <see cref="ReadingPageAsync"/> lists it for everyone,
    /// hidden ones excluded whoever asks, so that a card fetched by the live script matches the page others are served.
    /// </summary>
    public async Task<ContributionSummary?> CardAsync(int phaseId, long contributionId, ClaimsPrincipal user, string? lang)
    {
        lang = languages.Optional(lang, "lang");
        if (await PhaseIsPublished(db, phaseId) is not { } published || !PhaseVisibility.CanRead(published, user.IsModerator()))
        {
            return null;
        }
        var visible = Contribution.VisibleTo(false);
        var row = await db.Contributions.AsNoTracking()
            .Where(c => c.Id == contributionId && c.PhaseId == phaseId && c.ParentId == null)
            .Where(visible)
            .Join(db.Users, c => c.AuthorId, u => u.Id, (c, u) => new PageRow(c, u.DisplayName, u.UserName, u.DeletedAt != null,
                c.Versions.Select(v => new PageVersion(v.Language, v.Title, v.BodyHtml, v.EditedAt, v.UpdatedAt, v.OutdatedSince)).ToList(),
                db.Contributions.Where(r => r.ParentId == c.Id && !r.IsHidden).Max(r => (DateTime?)r.CreatedAt)))
            .FirstOrDefaultAsync();
        return row is null ? null : Summary(row, lang);
    }

    private async Task<(List<PageRow> Page, bool More)> RowsAsync(
        int phaseId, ClaimsPrincipal user, string? language, string? cursor, int? limit, bool newestFirst, bool includeHidden)
    {
        var size = InputRules.PageSize(limit);
        language = languages.Optional(language, "language");
        // The phase's flag read by a compiled query (the list is the busiest read), the rule applied by PhaseVisibility.
        if (await PhaseIsPublished(db, phaseId) is not { } published || !PhaseVisibility.CanRead(published, user.IsModerator()))
        {
            throw ForumException.NotFound("phase", phaseId);
        }

        var wanted = language is null ? null : "," + language + ",";
        var (at, id) = cursor is not null ? Cursor.Decode(cursor)
            : newestFirst ? (DateTime.MaxValue, long.MaxValue) : (DateTime.MinValue, long.MinValue);
        var pageQuery = (newestFirst, includeHidden) switch
        {
            (true, false) => NewestFirst,
            (true, true) => NewestFirstWithHidden,
            (false, false) => OldestFirst,
            (false, true) => OldestFirstWithHidden,
        };
        var rows = new List<PageRow>(size + 1);
        await foreach (var row in pageQuery(db, phaseId, wanted, at, id, size + 1))
        {
            rows.Add(row);
        }
        return (rows.Take(size).ToList(), rows.Count > size);
    }

    private static string CursorOf(PageRow row) => Cursor.Encode(row.Contribution.CreatedAt, row.Contribution.Id);

    private ContributionSummary Summary(PageRow row, string? lang)
    {
        var c = row.Contribution;
        var picked = LocalizedText.Pick(row.Versions, v => v.Language, lang, c.OriginalLanguage);
        // Last activity: the contribution, a version written or changed since, or its latest visible reply.
        var lastActivity = row.Versions.Select(v => v.UpdatedAt).Append(c.CreatedAt).Append(row.LastReplyAt ?? c.CreatedAt).Max();
        return new ContributionSummary(c.Id, c.PhaseId, c.ParentId,
            Author.Of(c.AuthorId, ForumUser.PublicNameOf(row.DisplayName, row.UserName), row.AuthorDeleted, Authors.TextKey(c)),
            c.OriginalLanguage, c.LanguageCodes.ToList(), c.ReplyCount, clock.ToLocal(c.CreatedAt), c.IsHidden,
            new ShownVersion(picked.Language, picked.Language == c.OriginalLanguage, picked.IsFallback, picked.Text.Title, picked.Text.BodyHtml,
                Excerpt.Of(picked.Text.BodyHtml), picked.Text.EditedAt is { } edited ? clock.ToLocal(edited) : null,
                picked.Text.OutdatedSince is { } outdated ? clock.ToLocal(outdated) : null),
            clock.ToLocal(lastActivity));
    }

    /// <summary>A contribution with all its versions and the replies the reader may see.</summary>
    public async Task<ContributionReading> ReadAsync(long id, ClaimsPrincipal user)
    {
        var moderator = user.IsModerator();
        var (contribution, _) = await PhaseAccess.RequireReadableAsync(db, db.Contributions.AsNoTracking().Include(c => c.Versions), id, user);
        var replies = await db.Contributions.AsNoTracking().Include(c => c.Versions)
            .Where(c => c.ParentId == id)
            .Where(Contribution.VisibleTo(moderator))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ToListAsync();
        var everyone = replies.Append(contribution).ToList();
        var authors = await Authors.LoadAsync(db, everyone.SelectMany(c => c.Versions.Select(v => v.AuthorId).Append(c.AuthorId)));
        return new ContributionReading(ToView(contribution, replies.Select(r => ToView(r, [], authors)).ToList(), authors), contribution);
    }

    /// <summary>
    /// A text as it would read once posted, through the same rules, renderer and sanitizer; nothing is stored.
    /// Counted like any other POST against the sender's address.
    /// </summary>
    public string Preview(string? body) => versionText.Preview(body);

    /// <summary>A new contribution to an open phase, or with <see cref="ContributionInput.ReplyTo"/> a reply within that phase.</summary>
    public async Task<ContributionView> PostAsync(int phaseId, ContributionInput input, ClaimsPrincipal user)
    {
        await addressRule.EnsureMayWriteAsync(user);
        await limiter.CheckAsync(user);
        if (input.ReplyTo is { } parentId)
        {
            return await ReplyAsync(parentId, phaseId, new VersionInput(input.Language, input.Title, input.Body), user);
        }
        var phase = await PhaseAccess.RequireReadableAsync(db, phaseId, user);
        var now = clock.UtcNow;
        var authorId = user.Id();
        var original = versionText.Create(input.Language, input.Title, input.Body, titleRequired: true, authorId, now);
        var contribution = Contribution.Start(phase.Id, phase.StateAt(now), authorId, original, now);
        db.Contributions.Add(contribution);
        await db.SaveChangesAsync();
        await follows.FollowByWritingAsync(authorId, phase.Id);
        metrics.ContributionPosted(contribution.OriginalLanguage, isReply: false);
        return await ViewAsync(contribution);
    }

    public async Task<ContributionView> ReplyAsync(long id, VersionInput input, ClaimsPrincipal user)
    {
        await addressRule.EnsureMayWriteAsync(user);
        await limiter.CheckAsync(user);
        return await ReplyAsync(id, null, input, user);
    }

    private async Task<ContributionView> ReplyAsync(long id, int? expectedPhaseId, VersionInput input, ClaimsPrincipal user)
    {
        // Readability first, the phase posted to and then the one answered, so that "another phase" tells nothing of a phase the caller may not see.
        if (expectedPhaseId is { } phaseId)
        {
            await PhaseAccess.RequireReadableAsync(db, phaseId, user);
        }
        var (parent, phase) = await PhaseAccess.RequireReadableAsync(db, db.Contributions.AsNoTracking(), id, user);
        if (expectedPhaseId is { } expected && parent.PhaseId != expected)
        {
            throw ForumException.Invalid("replyTo", "reply.other-phase",
                $"Contribution {id} belongs to another phase; a reply stays in the phase of the contribution it answers.");
        }
        var now = clock.UtcNow;
        var authorId = user.Id();
        var original = versionText.Create(input.Language, input.Title, input.Body, titleRequired: false, authorId, now);
        var reply = parent.Reply(phase.StateAt(now), authorId, original, now);

        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Contributions.Add(reply);
        await db.SaveChangesAsync();
        await db.RecordAsync(Happenings.Reply(phase.ThemeId, phase.Id, reply.Id, authorId, now));
        // Counted with an atomic increment so that concurrent replies never overwrite each other's count.
        await db.Contributions.Where(c => c.Id == parent.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReplyCount, c => c.ReplyCount + 1));
        await transaction.CommitAsync();
        await follows.FollowByWritingAsync(authorId, phase.Id);
        metrics.ContributionPosted(reply.OriginalLanguage, isReply: true);
        return await ViewAsync(reply);
    }

    /// <summary>A version in another language, while the phase is open or after it closed.</summary>
    public async Task<ContributionView> TranslateAsync(long id, VersionInput input, ClaimsPrincipal user)
    {
        await addressRule.EnsureMayWriteAsync(user);
        await limiter.CheckAsync(user);
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var (contribution, phase) = await PhaseAccess.RequireReadableAsync(db, db.Contributions.Include(c => c.Versions), id, user);
            var now = clock.UtcNow;
            var translation = versionText.Create(input.Language, input.Title, input.Body, titleRequired: contribution.ParentId is null, user.Id(), now);
            contribution.Translate(phase.StateAt(now), translation);
            try
            {
                // The translation's id names it in the happening, stored in the same transaction.
                await using (var transaction = await db.Database.BeginTransactionAsync())
                {
                    await db.SaveChangesAsync();
                    await db.RecordAsync(Happenings.Translation(phase.ThemeId, phase.Id, contribution.Id, translation.Id, user.Id(), now));
                    await transaction.CommitAsync();
                }
                return await ViewAsync(contribution);
            }
            catch (DbUpdateException) when (attempt < attempts)
            {
                // Another translation of the same contribution landed first (its row changed, or, on a server database,
                // its version in this language took the unique index first): start again from what is stored now, where
                // the domain refuses a language already there as it does one after the other.
                db.ChangeTracker.Clear();
            }
        }
    }

    public Task<ContributionView> HideAsync(long id, ModerationInput input, ClaimsPrincipal user) =>
        ModerateAsync(id, input, user, "contribution.hide", (c, reason, now) => c.Hide(reason, user.Id(), now));

    public Task<ContributionView> RestoreAsync(long id, ModerationInput input, ClaimsPrincipal user) =>
        ModerateAsync(id, input, user, "contribution.restore", (c, _, _) => c.Restore());

    private async Task<ContributionView> ModerateAsync(long id, ModerationInput input, ClaimsPrincipal user, string action, Action<Contribution, string, DateTime> change)
    {
        var (contribution, phase) = await PhaseAccess.RequireReadableAsync(db, db.Contributions.Include(c => c.Versions), id, user);
        var reason = InputRules.Reason(input.Reason, options);
        InputRules.CheckVersion(contribution.ConcurrencyToken, input.Version, "contribution");
        var now = clock.UtcNow;
        change(contribution, reason, now);
        db.AuditEntries.Add(AuditOf(phase, id, user.Id(), action, reason, now));
        await db.SaveChangesAsync();
        return await ViewAsync(contribution);
    }

    /// <summary>The audit entry of a moderator's action on a contribution.</summary>
    internal static AuditEntry AuditOf(Phase phase, long contributionId, string actorId, string action, string? reason, DateTime now, string? details = null) => new()
    {
        At = now, ActorId = actorId, Action = action, ThemeId = phase.ThemeId, PhaseId = phase.Id, ContributionId = contributionId, Reason = reason, Details = details,
    };

    /// <summary>The contribution as the API answers after a change: its versions, no replies.</summary>
    internal async Task<ContributionView> ViewAsync(Contribution contribution)
    {
        var authors = await Authors.LoadAsync(db, contribution.Versions.Select(v => v.AuthorId).Append(contribution.AuthorId));
        return ToView(contribution, [], authors);
    }

    private ContributionView ToView(Contribution c, IReadOnlyList<ContributionView> replies, Authors authors) =>
        new(c.Id, c.PhaseId, c.ParentId, authors.Of(c), c.OriginalLanguage, c.LanguageCodes.ToList(), clock.ToLocal(c.CreatedAt),
            c.Versions.OrderBy(v => v.Language != c.OriginalLanguage).ThenBy(v => v.Language)
                .Select(v => new VersionView(v.Language, v.Language == c.OriginalLanguage, v.Title, v.Body, v.BodyHtml, authors.Of(c, v),
                    clock.ToLocal(v.CreatedAt), clock.ToLocal(v.UpdatedAt), v.EditedAt is { } edited ? clock.ToLocal(edited) : null,
                    v.OutdatedSince is { } outdated ? clock.ToLocal(outdated) : null))
                .ToList(),
            replies,
            c.IsHidden ? new HiddenInfo(c.HiddenReason ?? "", clock.ToLocal(c.HiddenAt ?? c.CreatedAt), c.HiddenById ?? "") : null,
            c.ConcurrencyToken);
}
