using System.Security.Claims;
using System.Text;
using Forum.Core;
using Forum.Core.Audit;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Phases;
using Forum.Core.Time;
using Forum.Data;
using Forum.Data.Accounts;
using Forum.Web.Accounts;
using Forum.Web.Caching;
using Forum.Web.Security;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Api;

public static class ContributionsApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapContributionsApi(this IEndpointRouteBuilder app)
    {
        var phase = app.MapGroup("/api/phases/{phaseId:int}/contributions").WithTags("Contributions");
        phase.MapGet("/", ListContributions).WithName("ListContributions").CacheOutput(ContributionListCache.PolicyName)
            .WithSummary("Top-level contributions of a phase, newest first, paged by cursor; filter by available language.");
        phase.MapPost("/", PostContribution).WithName("PostContribution")
            .WithSummary("Post a contribution to an open phase.").RequireAuthorization(Policies.Participant);

        var api = app.MapGroup("/api/contributions/{id:long}").WithTags("Contributions");
        api.MapGet("/", GetContribution).WithName("GetContribution").WithSummary("A contribution with all its versions and replies.");
        api.MapPost("/replies", PostReply).WithName("PostReply")
            .WithSummary("Reply to a contribution while its phase is open.").RequireAuthorization(Policies.Participant);
        api.MapPost("/translations", AddTranslation).WithName("AddTranslation")
            .WithSummary("Add a version in another language, while the phase is open or after it closed.").RequireAuthorization(Policies.Participant);
        api.MapPost("/hide", HideContribution).WithName("HideContribution")
            .WithSummary("Hide a contribution from readers, with a reason.").RequireAuthorization(Policies.Moderator);
        api.MapPost("/restore", RestoreContribution).WithName("RestoreContribution")
            .WithSummary("Show a hidden contribution again, with a reason.").RequireAuthorization(Policies.Moderator);
        return app;
    }

    public sealed record VersionInput(string? Language, string? Title, string? Body);

    /// <summary>A new contribution; with <see cref="ReplyTo"/> it answers a contribution of the same phase.</summary>
    public sealed record ContributionInput(string? Language, string? Title, string? Body, long? ReplyTo);

    public sealed record ModerationInput(string? Reason, Guid? Version);

    public sealed record Author(string Id, string Name)
    {
        /// <summary>
        /// A deleted account's id would tie together everything it wrote: each of its texts gets an id of
        /// its own instead, made from the text's public key (a contribution's id, a translation's language).
        /// </summary>
        public static Author Of(string userId, string name, bool deleted, string textKey) =>
            deleted ? new Author($"deleted-{textKey}", name) : new Author(userId, name);
    }

    /// <summary>The public names of the accounts behind some texts; <see cref="Of"/> names one text's author.</summary>
    public sealed class Authors(IReadOnlyDictionary<string, (string Name, bool Deleted)> people)
    {
        public Author Of(string userId, string textKey) => Author.Of(userId, people[userId].Name, people[userId].Deleted, textKey);

        /// <summary>The author of a contribution, or of one of its versions: the original is by the contribution's author.</summary>
        public Author Of(Contribution c) => Of(c.AuthorId, TextKey(c));

        public Author Of(Contribution c, ContributionVersion v) => Of(v.AuthorId, TextKey(c, v.Language));

        public static string TextKey(Contribution c, string? language = null) =>
            language is null || language == c.OriginalLanguage ? c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{c.Id}-{language}";
    }

    /// <summary>A version as readers see it; <see cref="EditedAt"/> says its author changed it since, the older texts being for moderators only.</summary>
    public sealed record VersionView(
        string Language, bool IsOriginal, string? Title, string Body, string BodyHtml, Author Author, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? EditedAt);

    /// <summary>The version shown in a list: the reader's language when there is one, else the original.</summary>
    public sealed record ShownVersion(string Language, bool IsOriginal, bool IsFallback, string? Title, string BodyHtml);

    public sealed record ContributionSummary(
        long Id, int PhaseId, long? ParentId, Author Author, string OriginalLanguage, IReadOnlyList<string> Languages,
        int ReplyCount, DateTimeOffset CreatedAt, bool IsHidden, ShownVersion Shown);

    public sealed record HiddenInfo(string Reason, DateTimeOffset At, string ModeratorId);

    public sealed record ContributionView(
        long Id, int PhaseId, long? ParentId, Author Author, string OriginalLanguage, IReadOnlyList<string> Languages,
        DateTimeOffset CreatedAt, IReadOnlyList<VersionView> Versions, IReadOnlyList<ContributionView> Replies,
        HiddenInfo? Hidden, Guid Version);

    public sealed record ContributionPage(IReadOnlyList<ContributionSummary> Items, string? NextCursor);

    internal sealed record PageRow(Contribution Contribution, string? DisplayName, string? UserName, bool AuthorDeleted, List<PageVersion> Versions);

    internal sealed record PageVersion(string Language, string? Title, string BodyHtml);

    // Compiled once: the list is the hottest read, and EF would otherwise compare its expression tree on every request.
    // No cursor is the cursor at the very end, so one query shape serves every page and keeps its index range.
    private static readonly Func<ForumDbContext, int, bool, string?, DateTime, long, int, IAsyncEnumerable<PageRow>> NewestFirstPage =
        EF.CompileAsyncQuery((ForumDbContext db, int phaseId, bool includeHidden, string? wanted, DateTime at, long id, int take) =>
            db.Contributions.AsNoTracking()
                .Where(c => c.PhaseId == phaseId && c.ParentId == null
                    && (includeHidden || !c.IsHidden)
                    && (wanted == null || ("," + c.Languages + ",").Contains(wanted)))
                .Where(c => c.CreatedAt < at || (c.CreatedAt == at && c.Id < id))
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                .Take(take)
                .Join(db.Users, c => c.AuthorId, u => u.Id, (c, u) => new PageRow(c, u.DisplayName, u.UserName, u.DeletedAt != null,
                    c.Versions.Select(v => new PageVersion(v.Language, v.Title, v.BodyHtml)).ToList())));

    private static readonly Func<ForumDbContext, int, bool, string?, DateTime, long, int, IAsyncEnumerable<PageRow>> OldestFirstPage =
        EF.CompileAsyncQuery((ForumDbContext db, int phaseId, bool includeHidden, string? wanted, DateTime at, long id, int take) =>
            db.Contributions.AsNoTracking()
                .Where(c => c.PhaseId == phaseId && c.ParentId == null
                    && (includeHidden || !c.IsHidden)
                    && (wanted == null || ("," + c.Languages + ",").Contains(wanted)))
                .Where(c => c.CreatedAt > at || (c.CreatedAt == at && c.Id > id))
                .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Take(take)
                .Join(db.Users, c => c.AuthorId, u => u.Id, (c, u) => new PageRow(c, u.DisplayName, u.UserName, u.DeletedAt != null,
                    c.Versions.Select(v => new PageVersion(v.Language, v.Title, v.BodyHtml)).ToList())));

    /// <summary>Whether the phase's theme is published; null when there is no such phase.</summary>
    private static readonly Func<ForumDbContext, int, Task<bool?>> PhaseIsPublished =
        EF.CompileAsyncQuery((ForumDbContext db, int phaseId) =>
            db.Phases.Where(p => p.Id == phaseId).Select(p => (bool?)p.Theme!.IsPublished).FirstOrDefault());

    internal static async Task<Results<Ok<ContributionPage>, ForbidHttpResult>> ListContributions(
        int phaseId, ForumDbContext db, ForumLanguages languages, ForumClock clock, ClaimsPrincipal user,
        string? language, string? lang, string? cursor, int? limit, string? order, bool includeHidden = false)
    {
        var newestFirst = order is null || order.Equals("newest", StringComparison.OrdinalIgnoreCase)
            || (order.Equals("oldest", StringComparison.OrdinalIgnoreCase)
                ? false
                : throw ForumException.Invalid("order", "paging.order-unknown", "order is 'newest' or 'oldest'."));
        if (includeHidden && !user.IsModerator())
        {
            return TypedResults.Forbid();
        }
        var size = InputRules.PageSize(limit);
        language = languages.Optional(language, "language");
        lang = languages.Optional(lang, "lang");
        if (await PhaseIsPublished(db, phaseId) is not { } published || (!published && !user.IsModerator()))
        {
            throw ForumException.NotFound("phase", phaseId);
        }

        var wanted = language is null ? null : "," + language + ",";
        var (at, id) = cursor is not null ? Cursor.Decode(cursor)
            : newestFirst ? (DateTime.MaxValue, long.MaxValue) : (DateTime.MinValue, long.MinValue);
        var pageQuery = newestFirst ? NewestFirstPage : OldestFirstPage;
        var rows = new List<PageRow>(size + 1);
        await foreach (var row in pageQuery(db, phaseId, includeHidden, wanted, at, id, size + 1))
        {
            rows.Add(row);
        }
        var page = rows.Take(size).ToList();

        var items = page.Select(row =>
        {
            var c = row.Contribution;
            var picked = LocalizedText.Pick(row.Versions, v => v.Language, lang, c.OriginalLanguage);
            return new ContributionSummary(c.Id, c.PhaseId, c.ParentId,
                Author.Of(c.AuthorId, ForumUser.PublicNameOf(row.DisplayName, row.UserName), row.AuthorDeleted, Authors.TextKey(c)),
                c.OriginalLanguage, c.LanguageCodes.ToList(), c.ReplyCount, clock.ToLocal(c.CreatedAt), c.IsHidden,
                new ShownVersion(picked.Language, picked.Language == c.OriginalLanguage, picked.IsFallback, picked.Text.Title, picked.Text.BodyHtml));
        }).ToList();
        var next = rows.Count > size ? Cursor.Encode(page[^1].Contribution.CreatedAt, page[^1].Contribution.Id) : null;
        return TypedResults.Ok(new ContributionPage(items, next));
    }

    internal static async Task<Ok<ContributionView>> GetContribution(long id, ForumDbContext db, ForumClock clock, ClaimsPrincipal user)
    {
        var moderator = user.IsModerator();
        var (contribution, _) = await PhaseAccess.RequireReadableAsync(db, db.Contributions.AsNoTracking().Include(c => c.Versions), id, user);
        var replies = await db.Contributions.AsNoTracking().Include(c => c.Versions)
            .Where(c => c.ParentId == id && (moderator || !c.IsHidden))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ToListAsync();
        var everyone = replies.Append(contribution).ToList();
        var authors = await AuthorsAsync(db, everyone.SelectMany(c => c.Versions.Select(v => v.AuthorId).Append(c.AuthorId)));
        return TypedResults.Ok(ToView(contribution, replies.Select(r => ToView(r, [], authors, clock)).ToList(), authors, clock));
    }

    internal static async Task<Created<ContributionView>> PostContribution(
        int phaseId, ContributionInput input, ForumDbContext db, VersionText versionText, ForumClock clock, ClaimsPrincipal user, IOutputCacheStore cache, WriteLimiter limiter)
    {
        limiter.Check(user);
        if (input.ReplyTo is { } parentId)
        {
            return await ReplyAsync(parentId, phaseId, new VersionInput(input.Language, input.Title, input.Body), db, versionText, clock, user, cache);
        }
        var phase = await PhaseAccess.RequireReadableAsync(db, phaseId, user);
        var now = clock.UtcNow;
        var authorId = user.Id();
        var original = versionText.Create(input.Language, input.Title, input.Body, titleRequired: true, authorId, now);
        var contribution = Contribution.Start(phase.Id, phase.StateAt(now), authorId, original, now);
        db.Contributions.Add(contribution);
        await db.SaveChangesAsync();
        await cache.EvictPhaseAsync(phase.Id);
        return await CreatedViewAsync(db, contribution, clock);
    }

    internal static Task<Created<ContributionView>> PostReply(
        long id, VersionInput input, ForumDbContext db, VersionText versionText, ForumClock clock, ClaimsPrincipal user, IOutputCacheStore cache, WriteLimiter limiter)
    {
        limiter.Check(user);
        return ReplyAsync(id, null, input, db, versionText, clock, user, cache);
    }

    private static async Task<Created<ContributionView>> ReplyAsync(
        long id, int? expectedPhaseId, VersionInput input, ForumDbContext db, VersionText versionText, ForumClock clock, ClaimsPrincipal user, IOutputCacheStore cache)
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
        // Counted with an atomic increment so that concurrent replies never overwrite each other's count.
        await db.Contributions.Where(c => c.Id == parent.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReplyCount, c => c.ReplyCount + 1));
        await transaction.CommitAsync();
        await cache.EvictPhaseAsync(parent.PhaseId);
        return await CreatedViewAsync(db, reply, clock);
    }

    internal static async Task<Created<ContributionView>> AddTranslation(
        long id, VersionInput input, ForumDbContext db, VersionText versionText, ForumClock clock, ClaimsPrincipal user, IOutputCacheStore cache, WriteLimiter limiter)
    {
        limiter.Check(user);
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var (contribution, phase) = await PhaseAccess.RequireReadableAsync(db, db.Contributions.Include(c => c.Versions), id, user);
            var now = clock.UtcNow;
            var translation = versionText.Create(input.Language, input.Title, input.Body, titleRequired: contribution.ParentId is null, user.Id(), now);
            contribution.Translate(phase.StateAt(now), translation);
            try
            {
                await db.SaveChangesAsync();
                await cache.EvictPhaseAsync(contribution.PhaseId);
                return TypedResults.Created($"/api/contributions/{id}", await ViewAsync(db, contribution, clock));
            }
            catch (DbUpdateConcurrencyException) when (attempt < attempts)
            {
                // Another translation of the same contribution landed first: start again from what is stored now.
                db.ChangeTracker.Clear();
            }
        }
    }

    internal static Task<Ok<ContributionView>> HideContribution(long id, ModerationInput input, ForumDbContext db, ForumOptions options, ForumClock clock, ClaimsPrincipal user, IOutputCacheStore cache) =>
        ModerateAsync(id, input, db, options, clock, user, cache, "contribution.hide", (c, reason, now) => c.Hide(reason, user.Id(), now));

    internal static Task<Ok<ContributionView>> RestoreContribution(long id, ModerationInput input, ForumDbContext db, ForumOptions options, ForumClock clock, ClaimsPrincipal user, IOutputCacheStore cache) =>
        ModerateAsync(id, input, db, options, clock, user, cache, "contribution.restore", (c, _, _) => c.Restore());

    private static async Task<Ok<ContributionView>> ModerateAsync(
        long id, ModerationInput input, ForumDbContext db, ForumOptions options, ForumClock clock, ClaimsPrincipal user,
        IOutputCacheStore cache, string action, Action<Contribution, string, DateTime> change)
    {
        var (contribution, phase) = await PhaseAccess.RequireReadableAsync(db, db.Contributions.Include(c => c.Versions), id, user);
        var reason = InputRules.Reason(input.Reason, options);
        InputRules.CheckVersion(contribution.ConcurrencyToken, input.Version, "contribution");
        var now = clock.UtcNow;
        change(contribution, reason, now);
        db.AuditEntries.Add(AuditOf(phase, id, user.Id(), action, reason, now));
        await db.SaveChangesAsync();
        await cache.EvictPhaseAsync(phase.Id);
        return TypedResults.Ok(await ViewAsync(db, contribution, clock));
    }

    /// <summary>The audit entry of a moderator's action on a contribution.</summary>
    internal static AuditEntry AuditOf(Phase phase, long contributionId, string actorId, string action, string? reason, DateTime now, string? details = null) => new()
    {
        At = now, ActorId = actorId, Action = action, ThemeId = phase.ThemeId, PhaseId = phase.Id, ContributionId = contributionId, Reason = reason, Details = details,
    };

    private static async Task<Created<ContributionView>> CreatedViewAsync(ForumDbContext db, Contribution contribution, ForumClock clock) =>
        TypedResults.Created($"/api/contributions/{contribution.Id}", await ViewAsync(db, contribution, clock));

    internal static async Task<ContributionView> ViewAsync(ForumDbContext db, Contribution contribution, ForumClock clock)
    {
        var authors = await AuthorsAsync(db, contribution.Versions.Select(v => v.AuthorId).Append(contribution.AuthorId));
        return ToView(contribution, [], authors, clock);
    }

    private static ContributionView ToView(Contribution c, IReadOnlyList<ContributionView> replies, Authors authors, ForumClock clock) =>
        new(c.Id, c.PhaseId, c.ParentId, authors.Of(c), c.OriginalLanguage, c.LanguageCodes.ToList(), clock.ToLocal(c.CreatedAt),
            c.Versions.OrderBy(v => v.Language != c.OriginalLanguage).ThenBy(v => v.Language)
                .Select(v => new VersionView(v.Language, v.Language == c.OriginalLanguage, v.Title, v.Body, v.BodyHtml, authors.Of(c, v),
                    clock.ToLocal(v.CreatedAt), clock.ToLocal(v.UpdatedAt), v.EditedAt is { } edited ? clock.ToLocal(edited) : null))
                .ToList(),
            replies,
            c.IsHidden ? new HiddenInfo(c.HiddenReason ?? "", clock.ToLocal(c.HiddenAt ?? c.CreatedAt), c.HiddenById ?? "") : null,
            c.ConcurrencyToken);

    internal static async Task<Authors> AuthorsAsync(ForumDbContext db, IEnumerable<string> ids)
    {
        var wanted = ids.Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.UserName, Deleted = u.DeletedAt != null }).ToListAsync();
        return new Authors(users.ToDictionary(u => u.Id, u => (ForumUser.PublicNameOf(u.DisplayName, u.UserName), u.Deleted)));
    }

    /// <summary>An opaque position in a list: the (time, id) of the last item seen, so the next page starts right after it without OFFSET.</summary>
    internal static class Cursor
    {
        public static string Encode(DateTime at, long id) =>
            Convert.ToBase64String(Encoding.ASCII.GetBytes($"{at.Ticks}:{id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static (DateTime At, long Id) Decode(string cursor)
        {
            try
            {
                var base64 = cursor.Replace('-', '+').Replace('_', '/');
                base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
                var parts = Encoding.ASCII.GetString(Convert.FromBase64String(base64)).Split(':');
                return (new DateTime(long.Parse(parts[0]), DateTimeKind.Utc), long.Parse(parts[1]));
            }
            catch (Exception e) when (e is FormatException or OverflowException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                throw ForumException.Invalid("cursor", "paging.cursor-invalid", "This cursor was not given by this list; start again without one.");
            }
        }
    }
}
