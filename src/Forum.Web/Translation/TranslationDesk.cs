using System.Linq.Expressions;
using System.Security.Claims;
using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Phases;
using Forum.Core.Time;
using Forum.Core.Translation;
using Forum.Data;
using Forum.Data.Accounts;
using Forum.Synthesis.Statistics;
using Forum.Synthesis.Syntheses;
using Forum.Web.Authorization;
using Forum.Web.Contributions;
using Forum.Web.Edits;
using Forum.Web.Input;
using Forum.Web.Phases;
using Forum.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Translation;

/// <summary>A live claim as others see it: "being translated by {HolderName} until …".</summary>
public sealed record ClaimView(string Item, long Id, string Language, string HolderName, bool Mine, DateTimeOffset ClaimedAt, DateTimeOffset ExpiresAt);

/// <summary>A language whose version of a text may be out of date, since its original (or another language's text) changed.</summary>
public sealed record StaleLanguage(string Language, DateTimeOffset Since);

/// <summary>
/// One text on the desk: a contribution or a published synthesis, the languages it can be read in, those of the
/// chosen pairs it lacks (<see cref="Missing"/>) and those whose version there is to update (<see cref="ToUpdate"/>,
/// <see cref="LanguagePair.NeedsUpdate"/>), and who is translating it into which.
/// </summary>
public sealed record DeskItem(
    string Item, long Id, int PhaseId, int? Number, string? Title, string TitleLanguage, IReadOnlyList<string> Languages,
    IReadOnlyList<string> Missing, IReadOnlyList<StaleLanguage> ToUpdate, DateTimeOffset CreatedAt, IReadOnlyList<ClaimView> Claims);

/// <summary>
/// How many texts a language pair has to do, contributions and syntheses together: <see cref="Count"/> in all,
/// <see cref="Missing"/> to translate and <see cref="ToUpdate"/> whose translation may be out of date.
/// </summary>
public sealed record PairCount(string From, string To, int Count, int Missing, int ToUpdate);

/// <summary>
/// A translation written on the desk: <see cref="Version"/>, for an update, is the contribution (or synthesis) as read,
/// so that an original changed meanwhile answers "reload"; without it the update is made on the current one.
/// </summary>
public sealed record DeskText(string? Title, string? Body, bool LanguageConfirmed = false, bool MachineAssisted = false, Guid? Version = null);

/// <summary>A readable phase the desk can be filtered by, its theme's and its own title in the reader's language.</summary>
public sealed record DeskPhase(int Id, int Number, string ThemeTitle, string Title);

/// <param name="Languages">The person's languages as chosen on the account page; empty when not chosen (every pair is offered).</param>
/// <param name="Syntheses">Published syntheses to translate, first page only: they come before the contributions of their phase.</param>
public sealed record DeskPage(
    IReadOnlyList<string> Languages, IReadOnlyList<PairCount> Pairs, string? Pair, int? PhaseId, IReadOnlyList<DeskItem> Syntheses,
    IReadOnlyList<DeskItem> Items, string? NextCursor);

/// <summary>
/// The translation desk: what lacks a language or is stale there, oldest first, by phase and language pair; claims on
/// items so that two volunteers do not translate the same text (the rule: <see cref="TranslationClaim"/>); saving through
/// the usual rules (<see cref="ContributionService.TranslateAsync"/>, <see cref="EditService.UpdateTranslationAsync"/>,
/// <see cref="SynthesisService.TranslateAsync"/>, <see cref="SynthesisService.UpdateTranslationAsync"/>), which releases the claim.
/// </summary>
public sealed class TranslationDesk(
    ForumDbContext db, ForumLanguages languages, ForumOptions options, ForumClock clock, ContributionService contributions,
    EditService edits, SynthesisService syntheses, Accounts.ConfirmedAddressRule addressRule, WriteLimiter limiter)
{
    public const string ContributionItem = "contribution";
    public const string SynthesisItem = "synthesis";

    private TimeSpan ClaimTime => TimeSpan.FromMinutes(options.Translation.ClaimMinutes);

    public static TranslationItemKind KindOf(string? item) => item?.ToLowerInvariant() switch
    {
        ContributionItem => TranslationItemKind.Contribution,
        SynthesisItem => TranslationItemKind.Synthesis,
        _ => throw ForumException.Invalid("item", "translation.item-unknown", "An item is a 'contribution' or a 'synthesis'."),
    };

    public static string NameOf(TranslationItemKind kind) => kind == TranslationItemKind.Contribution ? ContributionItem : SynthesisItem;

    // ---- The person's languages ----

    /// <summary>The languages a person reads and writes, in the forum's order; empty when not chosen.</summary>
    public async Task<IReadOnlyList<string>> LanguagesOfAsync(ClaimsPrincipal user)
    {
        var id = user.Id();
        var stored = await db.Users.Where(u => u.Id == id).Select(u => u.TranslationLanguages).FirstOrDefaultAsync();
        return Parse(stored);
    }

    private IReadOnlyList<string> Parse(string? stored)
    {
        var chosen = (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        // A language the forum dropped since is left out.
        return languages.Codes.Where(chosen.Contains).ToList();
    }

    /// <summary>Sets the languages a person reads and writes: forum languages only; none clears the choice.</summary>
    public async Task<IReadOnlyList<string>> SetLanguagesAsync(ClaimsPrincipal user, IEnumerable<string?>? codes)
    {
        var list = codes?.ToList() ?? throw ForumException.Invalid("languages", "translation.languages-required", "Give the list of languages you read and write (it may be empty).");
        var chosen = list.Select(c => languages.Require(c?.Trim().ToLowerInvariant(), "languages")).ToList();
        var id = user.Id();
        var account = await db.Users.FirstOrDefaultAsync(u => u.Id == id) ?? throw ForumException.NotFound("user", id);
        account.TranslationLanguages = chosen.Count == 0 ? null : ForumLanguages.Combination(chosen);
        await db.SaveChangesAsync();
        return Parse(account.TranslationLanguages);
    }

    // ---- The list ----

    private sealed record ContributionRow(
        long Id, int PhaseId, string OriginalLanguage, string Languages, string OutdatedLanguages, DateTime CreatedAt, List<VersionRow> Titles);

    private sealed record TitleRow(string Language, string? Title);

    private sealed record VersionRow(string Language, string? Title, DateTime? OutdatedSince);

    /// <summary>Phases the desk works on: readable by everyone (published theme) and opened; scheduled ones have nothing to translate yet.</summary>
    private IQueryable<Phase> DeskPhases(DateTime now) =>
        db.Phases.AsNoTracking().Where(PhaseVisibility.ReadableBy(false)).Where(p => p.OpensAt <= now);

    /// <summary>
    /// The desk for a person: the pair asked (<paramref name="pair"/>, "fr-es"), else those their languages make; the
    /// phase asked, else every readable one; contributions oldest first from <paramref name="cursor"/>.
    /// </summary>
    public async Task<DeskPage> PageAsync(ClaimsPrincipal user, int? phaseId, string? pair, string? cursor, int? limit, string culture)
    {
        var size = InputRules.PageSize(limit);
        var asked = pair is { Length: > 0 }
            ? LanguagePair.Parse(pair, languages.Codes) ?? throw ForumException.Invalid("pair", "translation.pair-unknown",
                $"A language pair is two different forum languages, from and to, such as '{languages.Codes[0]}-{languages.Codes[^1]}'.")
            : (LanguagePair?)null;
        var now = clock.UtcNow;
        if (phaseId is { } id && !await DeskPhases(now).AnyAsync(p => p.Id == id))
        {
            throw ForumException.NotFound("phase", id);
        }
        var mine = await LanguagesOfAsync(user);
        var offered = LanguagePair.Of(mine, languages.Codes);
        var pairs = asked is { } one ? [one] : offered;
        var (at, after) = cursor is not null ? Cursor.Decode(cursor) : (DateTime.MinValue, 0L);

        // The readable phases' ids read first, so that the store seeks each phase in the desk's index rather than joining them.
        var phases = phaseId is { } only ? [only] : await DeskPhases(now).Select(p => p.Id).ToListAsync();
        var rows = await Contributions(phases, pairs)
            .Where(c => c.CreatedAt >= at && (c.CreatedAt > at || c.Id > after))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Take(size + 1)
            .Select(c => new ContributionRow(c.Id, c.PhaseId, c.OriginalLanguage, c.Languages, c.OutdatedLanguages, c.CreatedAt,
                c.Versions.Select(v => new VersionRow(v.Language, v.Title, v.OutdatedSince)).ToList()))
            .ToListAsync();
        var page = rows.Take(size).ToList();
        var claims = await LiveClaimsAsync(TranslationItemKind.Contribution, page.Select(r => r.Id).ToList(), user, now);
        var items = page.Select(r =>
        {
            var codes = r.Languages.Split(',', StringSplitOptions.RemoveEmptyEntries);
            var title = LocalizedText.Pick(r.Titles, t => t.Language, culture, r.OriginalLanguage);
            return new DeskItem(ContributionItem, r.Id, r.PhaseId, null, title.Text.Title, title.Language, Ordered(codes), MissingFor(pairs, codes),
                ToUpdateFor(pairs, r.Titles, r.CreatedAt), clock.ToLocal(r.CreatedAt), claims.Where(c => c.Id == r.Id).ToList());
        }).ToList();
        var next = rows.Count > size ? Cursor.Encode(page[^1].CreatedAt, page[^1].Id) : null;

        var synthesisItems = cursor is null ? await SynthesesAsync(now, phases, pairs, user, culture) : [];
        var counts = await CountsAsync(phases, offered.Concat(asked is { } a && !offered.Contains(a) ? [a] : []).ToList());
        return new DeskPage(mine, counts, asked?.ToString(), phaseId, synthesisItems, items, next);
    }

    /// <summary>
    /// Visible top-level contributions of the desk's phases that some of <paramref name="pairs"/> needs: read in its first
    /// language and not yet in its second, or stale in its second (<see cref="LanguagePair.NeedsWork"/>). The combinations
    /// are listed in advance, so the store compares the kept columns (<see cref="Contribution.Languages"/>,
    /// <see cref="Contribution.OutdatedLanguages"/>) and never joins the versions.
    /// </summary>
    private IQueryable<Contribution> Contributions(IReadOnlyList<int> phases, IReadOnlyList<LanguagePair> pairs)
    {
        var combinations = LanguagePair.CombinationsNeeding(pairs, languages.Codes);
        var stale = LanguagePair.UpdateKeysNeeding(pairs, languages.Codes);
        var source = db.Contributions.AsNoTracking().Where(Contribution.VisibleTo(false)).Where(c => c.ParentId == null);
        source = phases.Count == 1 ? source.Where(c => c.PhaseId == phases[0]) : source.Where(c => phases.Contains(c.PhaseId));
        // The key written as LanguagePair.UpdateKey writes it.
        return source.Where(c => combinations.Contains(c.Languages) || (c.OutdatedLanguages != "" && stale.Contains(c.Languages + "|" + c.OutdatedLanguages)));
    }

    private IReadOnlyList<string> Ordered(IEnumerable<string> codes) => languages.Codes.Where(codes.Contains).ToList();

    private IReadOnlyList<string> MissingFor(IReadOnlyList<LanguagePair> pairs, IReadOnlyCollection<string> codes) =>
        languages.Codes.Where(to => pairs.Any(p => p.To == to && p.Needs(codes))).ToList();

    /// <summary>The languages some pair needs updated, with the instant each became stale.</summary>
    private IReadOnlyList<StaleLanguage> ToUpdateFor(IReadOnlyList<LanguagePair> pairs, IReadOnlyList<VersionRow> versions, DateTime fallback)
    {
        var codes = versions.Select(v => v.Language).ToList();
        var outdated = versions.Where(v => v.OutdatedSince is not null).Select(v => v.Language).ToList();
        return languages.Codes.Where(to => pairs.Any(p => p.To == to && p.NeedsUpdate(codes, outdated)))
            .Select(to => new StaleLanguage(to, clock.ToLocal(versions.First(v => v.Language == to).OutdatedSince ?? fallback)))
            .ToList();
    }

    private async Task<IReadOnlyList<DeskItem>> SynthesesAsync(DateTime now, IReadOnlyList<int> phases, IReadOnlyList<LanguagePair> pairs, ClaimsPrincipal user, string culture)
    {
        var published = await PublishedSyntheses(phases)
            .Select(s => new
            {
                s.Id, s.PhaseId, s.Number, s.PublishedAt, s.CreatedAt,
                Titles = s.Versions.Select(v => new VersionRow(v.Language, v.Title, v.OutdatedSince)).ToList(),
            })
            .ToListAsync();
        var needed = published.Where(s => MissingFor(pairs, s.Titles.Select(t => t.Language).ToList()).Count > 0
            || ToUpdateFor(pairs, s.Titles, s.CreatedAt).Count > 0).ToList();
        var claims = await LiveClaimsAsync(TranslationItemKind.Synthesis, needed.Select(s => s.Id).ToList(), user, now);
        return needed.Select(s =>
        {
            var codes = s.Titles.Select(t => t.Language).ToList();
            var title = LocalizedText.Pick(s.Titles, t => t.Language, culture, codes[0]);
            return new DeskItem(SynthesisItem, s.Id, s.PhaseId, s.Number, title.Text.Title, title.Language, Ordered(codes), MissingFor(pairs, codes),
                ToUpdateFor(pairs, s.Titles, s.CreatedAt), clock.ToLocal(s.PublishedAt ?? s.CreatedAt), claims.Where(c => c.Id == s.Id).ToList());
        }).ToList();
    }

    private IQueryable<PhaseSynthesis> PublishedSyntheses(IReadOnlyList<int> phases)
    {
        var source = db.Set<PhaseSynthesis>().AsNoTracking().Where(s => s.Status == SynthesisStatus.Published);
        source = phases.Count == 1 ? source.Where(s => s.PhaseId == phases[0]) : source.Where(s => phases.Contains(s.PhaseId));
        return source.OrderBy(s => s.PhaseId).ThenBy(s => s.Number);
    }

    /// <summary>
    /// Per pair, how many texts it has to do, missing and stale apart: the contributions from the statistics' desk tallies
    /// (per phase, languages and stale languages: a few rows, kept in the same transaction as every change, so never a
    /// count of the phase), then the pairs counted from those; the published syntheses added.
    /// </summary>
    private async Task<IReadOnlyList<PairCount>> CountsAsync(IReadOnlyList<int> phases, IReadOnlyList<LanguagePair> pairs)
    {
        var tallies = db.Set<StatisticTally>().AsNoTracking().Where(t => t.Scope == TallyScope.Phase && t.Kind == TallyKinds.Desk && t.Count > 0);
        tallies = phases.Count == 1 ? tallies.Where(t => t.ScopeId == phases[0]) : tallies.Where(t => phases.Contains(t.ScopeId));
        var byCombination = (await tallies.Select(t => new { t.Item, t.Count }).ToListAsync())
            .Select(t =>
            {
                var (codes, outdated) = LanguagePair.ReadUpdateKey(t.Item);
                return (Codes: codes, Outdated: outdated, t.Count);
            })
            .Concat((await PublishedSyntheses(phases)
                    .Select(s => s.Versions.Select(v => new { v.Language, Outdated = v.OutdatedSince != null }).ToList()).ToListAsync())
                .Select(v => (Codes: (IReadOnlyCollection<string>)v.Select(l => l.Language).ToList(),
                    Outdated: (IReadOnlyCollection<string>)v.Where(l => l.Outdated).Select(l => l.Language).ToList(), Count: 1)))
            .ToList();
        return pairs.Select(p =>
            {
                var missing = byCombination.Where(g => p.Needs(g.Codes)).Sum(g => g.Count);
                var toUpdate = byCombination.Where(g => p.NeedsUpdate(g.Codes, g.Outdated)).Sum(g => g.Count);
                return new PairCount(p.From, p.To, missing + toUpdate, missing, toUpdate);
            })
            .ToList();
    }

    private static IReadOnlyCollection<string> Split(string combination) => combination.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The readable phases, for the desk's filter: by theme, then number; titles in <paramref name="culture"/> when written in it.</summary>
    public async Task<IReadOnlyList<DeskPhase>> PhasesAsync(string culture)
    {
        var rows = await DeskPhases(clock.UtcNow)
            .OrderBy(p => p.Theme!.Position).ThenBy(p => p.ThemeId).ThenBy(p => p.Number)
            .Select(p => new
            {
                p.Id, p.Number, p.OriginalLanguage, ThemeLanguage = p.Theme!.OriginalLanguage,
                Themes = p.Theme.Texts.Select(t => new TitleRow(t.Language, t.Title)).ToList(),
                Texts = p.Texts.Select(t => new TitleRow(t.Language, t.Title)).ToList(),
            })
            .ToListAsync();
        return rows.Select(r => new DeskPhase(r.Id, r.Number,
            LocalizedText.Pick(r.Themes, t => t.Language, culture, r.ThemeLanguage).Text.Title ?? "",
            LocalizedText.Pick(r.Texts, t => t.Language, culture, r.OriginalLanguage).Text.Title ?? "")).ToList();
    }

    // ---- Claims ----

    private async Task<List<ClaimView>> LiveClaimsAsync(TranslationItemKind kind, IReadOnlyList<long> ids, ClaimsPrincipal user, DateTime now)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        return await ClaimViews(db.TranslationClaims.Where(c => c.Kind == kind && ids.Contains(c.ItemId) && c.ExpiresAt > now), user);
    }

    private async Task<List<ClaimView>> ClaimViews(IQueryable<TranslationClaim> claims, ClaimsPrincipal user)
    {
        var me = user.Identity?.IsAuthenticated == true ? user.Id() : "";
        var rows = await claims.AsNoTracking()
            .Join(db.Users, c => c.UserId, u => u.Id, (c, u) => new { Claim = c, u.DisplayName, u.UserName })
            .OrderBy(r => r.Claim.ClaimedAt).ThenBy(r => r.Claim.Id)
            .ToListAsync();
        var idle = await IdleAsync(rows.Select(r => r.Claim).ToList());
        return rows.Where(r => !idle.Contains((r.Claim.Kind, r.Claim.ItemId, r.Claim.Language)))
            .Select(r => View(r.Claim, ForumUser.PublicNameOf(r.DisplayName, r.UserName), me)).ToList();
    }

    /// <summary>
    /// The claims that hold nothing any more, shown to nobody: their work was finished another way (the translation added
    /// or updated from the item's own page, a moderator's text: the item has the language, up to date), or their item left
    /// the desk (a contribution hidden, which must not be seen to exist; a synthesis unpublished; their theme unpublished).
    /// The row goes on the next claim or save.
    /// </summary>
    private async Task<HashSet<(TranslationItemKind, long, string)>> IdleAsync(IReadOnlyList<TranslationClaim> claims)
    {
        var idle = new HashSet<(TranslationItemKind, long, string)>();
        if (claims.Count == 0)
        {
            return idle;
        }
        var readable = db.Phases.AsNoTracking().Where(PhaseVisibility.ReadableBy(false)).Select(p => p.Id);
        var contributionIds = claims.Where(c => c.Kind == TranslationItemKind.Contribution).Select(c => c.ItemId).Distinct().ToList();
        if (contributionIds.Count > 0)
        {
            var stored = await db.Contributions.AsNoTracking().Where(c => contributionIds.Contains(c.Id) && readable.Contains(c.PhaseId))
                .Select(c => new { c.Id, c.Languages, c.OutdatedLanguages, c.IsHidden }).ToDictionaryAsync(c => c.Id);
            foreach (var claim in claims.Where(c => c.Kind == TranslationItemKind.Contribution))
            {
                if (!stored.TryGetValue(claim.ItemId, out var c) || c.IsHidden
                    || (Split(c.Languages).Contains(claim.Language) && !Split(c.OutdatedLanguages).Contains(claim.Language)))
                {
                    idle.Add((claim.Kind, claim.ItemId, claim.Language));
                }
            }
        }
        var synthesisIds = claims.Where(c => c.Kind == TranslationItemKind.Synthesis).Select(c => c.ItemId).Distinct().ToList();
        if (synthesisIds.Count > 0)
        {
            var published = await db.Set<PhaseSynthesis>().AsNoTracking()
                .Where(s => synthesisIds.Contains(s.Id) && s.Status == SynthesisStatus.Published && readable.Contains(s.PhaseId)).Select(s => s.Id).ToListAsync();
            var upToDate = await db.Set<SynthesisVersion>().AsNoTracking()
                .Where(v => synthesisIds.Contains(v.SynthesisId) && v.OutdatedSince == null)
                .Select(v => new { v.SynthesisId, v.Language }).ToListAsync();
            foreach (var claim in claims.Where(c => c.Kind == TranslationItemKind.Synthesis))
            {
                if (!published.Contains(claim.ItemId) || upToDate.Any(v => v.SynthesisId == claim.ItemId && v.Language == claim.Language))
                {
                    idle.Add((claim.Kind, claim.ItemId, claim.Language));
                }
            }
        }
        return idle;
    }

    private ClaimView View(TranslationClaim claim, string holderName, string me) =>
        new(NameOf(claim.Kind), claim.ItemId, claim.Language, holderName, claim.UserId == me, clock.ToLocal(claim.ClaimedAt), clock.ToLocal(claim.ExpiresAt));

    /// <summary>Every live claim, oldest first; <paramref name="mineOnly"/> keeps the caller's.</summary>
    public Task<List<ClaimView>> ClaimsAsync(ClaimsPrincipal user, bool mineOnly)
    {
        var now = clock.UtcNow;
        var me = user.Id();
        var live = db.TranslationClaims.Where(c => c.ExpiresAt > now);
        return ClaimViews(mineOnly ? live.Where(c => c.UserId == me) : live, user);
    }

    /// <summary>The live claim on an item in a language, if any.</summary>
    public async Task<ClaimView?> ClaimOnAsync(TranslationItemKind kind, long id, string language, ClaimsPrincipal user)
    {
        var now = clock.UtcNow;
        return (await ClaimViews(db.TranslationClaims.Where(c => c.Kind == kind && c.ItemId == id && c.Language == language && c.ExpiresAt > now), user))
            .FirstOrDefault();
    }

    /// <summary>
    /// Claims an item in a language for the caller, who must be able to read it and to write; the item must lack the
    /// language or have a version there that may be out of date.
    /// Two volunteers at once: the unique index lets one insert through, the other reads the winner's claim and is refused.
    /// </summary>
    public async Task<ClaimView> ClaimAsync(string? item, long id, string? language, ClaimsPrincipal user)
    {
        var kind = KindOf(item);
        var code = languages.Require(Code(language), "language");
        await addressRule.EnsureMayWriteAsync(user);
        // A claim is a write like any other: it counts against the person's rate of writing.
        await limiter.CheckAsync(user);
        await EnsureTranslatableAsync(kind, id, code, user);
        var me = user.Id();
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.UtcNow;
            await using var transaction = await db.Database.BeginTransactionAsync();
            // The person's row written first: their claims at the same moment wait for each other here (a row lock on a
            // server database, the write lock on SQLite), so that the cap is counted on what the others stored.
            await db.Users.Where(u => u.Id == me).ExecuteUpdateAsync(u => u.SetProperty(x => x.TranslationLanguages, x => x.TranslationLanguages));
            var current = await db.TranslationClaims.FirstOrDefaultAsync(c => c.Kind == kind && c.ItemId == id && c.Language == code);
            if (current is null || !current.IsHeldBy(me, now))
            {
                // Those holding nothing any more (finished another way, their item gone) do not count.
                var held = await db.TranslationClaims.AsNoTracking().Where(c => c.UserId == me && c.ExpiresAt > now).ToListAsync();
                var idle = await IdleAsync(held);
                TranslationClaim.EnsureMayHoldAnother(held.Count(c => !idle.Contains((c.Kind, c.ItemId, c.Language))), options.Translation.MaxClaimsPerPerson);
            }
            var claim = TranslationClaim.Take(current, kind, id, code, user.Id(), current is null ? null : await HolderNameAsync(current.UserId), now, ClaimTime);
            if (current is null)
            {
                db.TranslationClaims.Add(claim);
            }
            try
            {
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                return View(claim, await HolderNameAsync(claim.UserId), user.Id());
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Someone claimed it between the read and the write: read again, where the rule sees their claim.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The holder gives the item back (cancelling on the desk); nobody else may.</summary>
    public async Task ReleaseAsync(string? item, long id, string? language, ClaimsPrincipal user)
    {
        var kind = KindOf(item);
        var code = languages.Require(Code(language), "language");
        // Something the caller may not see does not exist for them, claims on it included.
        await EnsureReadableAsync(kind, id, user);
        var claim = await db.TranslationClaims.FirstOrDefaultAsync(c => c.Kind == kind && c.ItemId == id && c.Language == code)
            ?? throw new ForumException(FailureKind.NotFound, "translation.claim-not-found", "There is no live claim on this item in this language.");
        claim.EnsureReleasableBy(user.Id(), clock.UtcNow);
        db.TranslationClaims.Remove(claim);
        await db.SaveChangesAsync();
    }

    private async Task<string> HolderNameAsync(string userId) =>
        await db.Users.Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.UserName }).FirstOrDefaultAsync() is { } u
            ? ForumUser.PublicNameOf(u.DisplayName, u.UserName)
            : "";

    /// <summary>The item exists for the caller and takes a translation into the language now, or an update of its stale one, as its own rule says.</summary>
    private async Task EnsureTranslatableAsync(TranslationItemKind kind, long id, string language, ClaimsPrincipal user)
    {
        if (kind == TranslationItemKind.Contribution)
        {
            var (contribution, phase) = await PhaseAccess.RequireReadableAsync(db, db.Contributions.AsNoTracking().Include(c => c.Versions), id, user);
            contribution.EnsureTranslationWork(phase.StateAt(clock.UtcNow), language);
        }
        else
        {
            (await ReadableSynthesisAsync(id, user)).EnsureTranslationWork(language);
        }
    }

    /// <summary>A synthesis the caller may read: its phase readable, and published unless they moderate (as the API's reading).</summary>
    public async Task<PhaseSynthesis> ReadableSynthesisAsync(long id, ClaimsPrincipal user)
    {
        var synthesis = await syntheses.FindAsync(id);
        return synthesis is null || (synthesis.Status != SynthesisStatus.Published && !user.IsModerator())
            || !await PhaseAccess.MayReadAsync(db, synthesis.PhaseId, user)
            ? throw ForumException.NotFound("synthesis", id)
            : synthesis;
    }

    // ---- Saving ----

    /// <summary>
    /// Saves a translation written on the desk through the contribution's own rules (the language check among them),
    /// refused while someone else holds a live claim on it: the update of its stale version in the language
    /// (<see cref="Contribution.UpdateTranslation"/>), else a new version (<see cref="Contribution.Translate"/>, which refuses
    /// a language it has up to date). The claim on it, the caller's or a lapsed one, goes with the save.
    /// </summary>
    public async Task<ContributionView> SaveContributionAsync(long id, string? language, DeskText text, ClaimsPrincipal user)
    {
        var code = languages.Require(Code(language), "language");
        // Something the caller may not see does not exist for them: not even who is translating it.
        await EnsureReadableAsync(TranslationItemKind.Contribution, id, user);
        await EnsureNotClaimedByOtherAsync(TranslationItemKind.Contribution, id, code, user);
        // Only which path to take is read here; each path reads the contribution again and checks who may see it.
        var current = await db.Contributions.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.OutdatedLanguages, c.ConcurrencyToken }).FirstOrDefaultAsync();
        var saved = current is not null && Split(current.OutdatedLanguages).Contains(code)
            ? await edits.UpdateTranslationAsync(id, code,
                new VersionEdit(text.Title, text.Body, text.Version ?? current.ConcurrencyToken, text.LanguageConfirmed) { MachineAssisted = text.MachineAssisted }, user)
            : await contributions.TranslateAsync(id, new VersionInput(code, text.Title, text.Body, text.LanguageConfirmed) { MachineAssisted = text.MachineAssisted }, user);
        await ReleaseAfterSaveAsync(TranslationItemKind.Contribution, id, code);
        return saved;
    }

    /// <summary>
    /// The same for a published synthesis: the update of a stale text (<see cref="PhaseSynthesis.UpdateTranslation"/>), else
    /// its text in a language it lacks (<see cref="PhaseSynthesis.Translate"/>).
    /// </summary>
    public async Task<PhaseSynthesis> SaveSynthesisAsync(long id, string? language, DeskText text, ClaimsPrincipal user)
    {
        var code = languages.Require(Code(language), "language");
        await addressRule.EnsureMayWriteAsync(user);
        await limiter.CheckAsync(user);
        var synthesis = await ReadableSynthesisAsync(id, user);
        await EnsureNotClaimedByOtherAsync(TranslationItemKind.Synthesis, id, code, user);
        var input = new SynthesisText(code, text.Title, text.Body, text.LanguageConfirmed) { MachineAssisted = text.MachineAssisted };
        var saved = synthesis.IsOutdated(code)
            ? await syntheses.UpdateTranslationAsync(id, input, text.Version, user.Id())
            : await syntheses.TranslateAsync(id, input, user.Id());
        await ReleaseAfterSaveAsync(TranslationItemKind.Synthesis, id, code);
        return saved;
    }

    /// <summary>Gives back the caller's own claim on an item in a language, if they hold one (a text saved in another language instead).</summary>
    public Task ReleaseOwnAsync(string item, long id, string language, ClaimsPrincipal user)
    {
        var kind = KindOf(item);
        var me = user.Id();
        return db.TranslationClaims.Where(c => c.Kind == kind && c.ItemId == id && c.Language == language && c.UserId == me).ExecuteDeleteAsync();
    }

    /// <summary>The item exists for the caller: a contribution they may see in a readable phase, a synthesis they may read.</summary>
    private async Task EnsureReadableAsync(TranslationItemKind kind, long id, ClaimsPrincipal user)
    {
        if (kind == TranslationItemKind.Contribution)
        {
            await PhaseAccess.RequireReadableAsync(db, db.Contributions.AsNoTracking(), id, user);
        }
        else
        {
            await ReadableSynthesisAsync(id, user);
        }
    }

    /// <summary>Language codes as people type them ("FR", " es"): the forum's are lower case.</summary>
    private static string? Code(string? language) => language?.Trim().ToLowerInvariant();

    private async Task EnsureNotClaimedByOtherAsync(TranslationItemKind kind, long id, string language, ClaimsPrincipal user)
    {
        var current = await db.TranslationClaims.AsNoTracking().FirstOrDefaultAsync(c => c.Kind == kind && c.ItemId == id && c.Language == language);
        TranslationClaim.EnsureNotClaimedByOther(current, user.Id(), current is null ? null : await HolderNameAsync(current.UserId), clock.UtcNow);
    }

    // Once the text exists nothing is left to claim, whoever held it.
    private Task ReleaseAfterSaveAsync(TranslationItemKind kind, long id, string language) =>
        db.TranslationClaims.Where(c => c.Kind == kind && c.ItemId == id && c.Language == language).ExecuteDeleteAsync();
}
