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
using Forum.Synthesis.Syntheses;
using Forum.Web.Authorization;
using Forum.Web.Contributions;
using Forum.Web.Input;
using Forum.Web.Phases;
using Forum.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Translation;

/// <summary>A live claim as others see it: "being translated by {HolderName} until …".</summary>
public sealed record ClaimView(string Item, long Id, string Language, string HolderName, bool Mine, DateTimeOffset ClaimedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// One text on the desk: a contribution or a published synthesis, the languages it can be read in, those of the
/// chosen pairs it lacks (<see cref="Missing"/>), and who is translating it into which.
/// </summary>
public sealed record DeskItem(
    string Item, long Id, int PhaseId, int? Number, string? Title, string TitleLanguage, IReadOnlyList<string> Languages,
    IReadOnlyList<string> Missing, DateTimeOffset CreatedAt, IReadOnlyList<ClaimView> Claims);

/// <summary>How many texts a language pair has to do: contributions and syntheses together.</summary>
public sealed record PairCount(string From, string To, int Count);

/// <summary>A readable phase the desk can be filtered by, its theme's and its own title in the reader's language.</summary>
public sealed record DeskPhase(int Id, int Number, string ThemeTitle, string Title);

/// <param name="Languages">The person's languages as chosen on the account page; empty when not chosen (every pair is offered).</param>
/// <param name="Syntheses">Published syntheses to translate, first page only: they come before the contributions of their phase.</param>
public sealed record DeskPage(
    IReadOnlyList<string> Languages, IReadOnlyList<PairCount> Pairs, string? Pair, int? PhaseId, IReadOnlyList<DeskItem> Syntheses,
    IReadOnlyList<DeskItem> Items, string? NextCursor);

/// <summary>
/// The translation desk: what lacks a language, oldest first, by phase and language pair; claims on items so that two
/// volunteers do not translate the same text (the rule: <see cref="TranslationClaim"/>); saving through the usual rules
/// (<see cref="ContributionService.TranslateAsync"/>, <see cref="SynthesisService.TranslateAsync"/>), which releases the claim.
/// </summary>
public sealed class TranslationDesk(
    ForumDbContext db, ForumLanguages languages, ForumOptions options, ForumClock clock, ContributionService contributions,
    SynthesisService syntheses, Accounts.ConfirmedAddressRule addressRule, WriteLimiter limiter)
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

    private sealed record ContributionRow(long Id, int PhaseId, string OriginalLanguage, string Languages, DateTime CreatedAt, List<TitleRow> Titles);

    private sealed record TitleRow(string Language, string? Title);

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

        var rows = await Contributions(now, phaseId, pairs)
            .Where(c => c.CreatedAt >= at && (c.CreatedAt > at || c.Id > after))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Take(size + 1)
            .Select(c => new ContributionRow(c.Id, c.PhaseId, c.OriginalLanguage, c.Languages, c.CreatedAt,
                c.Versions.Select(v => new TitleRow(v.Language, v.Title)).ToList()))
            .ToListAsync();
        var page = rows.Take(size).ToList();
        var claims = await LiveClaimsAsync(TranslationItemKind.Contribution, page.Select(r => r.Id).ToList(), user, now);
        var items = page.Select(r =>
        {
            var codes = r.Languages.Split(',', StringSplitOptions.RemoveEmptyEntries);
            var title = LocalizedText.Pick(r.Titles, t => t.Language, culture, r.OriginalLanguage);
            return new DeskItem(ContributionItem, r.Id, r.PhaseId, null, title.Text.Title, title.Language, Ordered(codes), MissingFor(pairs, codes),
                clock.ToLocal(r.CreatedAt), claims.Where(c => c.Id == r.Id).ToList());
        }).ToList();
        var next = rows.Count > size ? Cursor.Encode(page[^1].CreatedAt, page[^1].Id) : null;

        var synthesisItems = cursor is null ? await SynthesesAsync(now, phaseId, pairs, user, culture) : [];
        var counts = await CountsAsync(now, phaseId, offered.Concat(asked is { } a && !offered.Contains(a) ? [a] : []).ToList());
        return new DeskPage(mine, counts, asked?.ToString(), phaseId, synthesisItems, items, next);
    }

    /// <summary>
    /// Visible top-level contributions of the desk's phases that some of <paramref name="pairs"/> needs: read in its first
    /// language and not yet in its second. The combinations are listed in advance, so the store compares one column.
    /// </summary>
    private IQueryable<Contribution> Contributions(DateTime now, int? phaseId, IReadOnlyList<LanguagePair> pairs)
    {
        var combinations = LanguagePair.CombinationsNeeding(pairs, languages.Codes);
        var source = db.Contributions.AsNoTracking().Where(Contribution.VisibleTo(false)).Where(c => c.ParentId == null);
        source = phaseId is { } id
            ? source.Where(c => c.PhaseId == id)
            : source.Where(c => DeskPhases(now).Select(p => p.Id).Contains(c.PhaseId));
        // What lacks a language; stale translations (when they exist) join here as "or has a stale version in the pair's second".
        return source.Where(c => combinations.Contains(c.Languages));
    }

    private IReadOnlyList<string> Ordered(IEnumerable<string> codes) => languages.Codes.Where(codes.Contains).ToList();

    private IReadOnlyList<string> MissingFor(IReadOnlyList<LanguagePair> pairs, IReadOnlyCollection<string> codes) =>
        languages.Codes.Where(to => pairs.Any(p => p.To == to && p.Needs(codes))).ToList();

    private async Task<IReadOnlyList<DeskItem>> SynthesesAsync(DateTime now, int? phaseId, IReadOnlyList<LanguagePair> pairs, ClaimsPrincipal user, string culture)
    {
        var published = await PublishedSyntheses(now, phaseId)
            .Select(s => new { s.Id, s.PhaseId, s.Number, s.PublishedAt, s.CreatedAt, Titles = s.Versions.Select(v => new TitleRow(v.Language, v.Title)).ToList() })
            .ToListAsync();
        var needed = published.Where(s => MissingFor(pairs, s.Titles.Select(t => t.Language).ToList()).Count > 0).ToList();
        var claims = await LiveClaimsAsync(TranslationItemKind.Synthesis, needed.Select(s => s.Id).ToList(), user, now);
        return needed.Select(s =>
        {
            var codes = s.Titles.Select(t => t.Language).ToList();
            var title = LocalizedText.Pick(s.Titles, t => t.Language, culture, codes[0]);
            return new DeskItem(SynthesisItem, s.Id, s.PhaseId, s.Number, title.Text.Title, title.Language, Ordered(codes), MissingFor(pairs, codes),
                clock.ToLocal(s.PublishedAt ?? s.CreatedAt), claims.Where(c => c.Id == s.Id).ToList());
        }).ToList();
    }

    private IQueryable<PhaseSynthesis> PublishedSyntheses(DateTime now, int? phaseId)
    {
        var source = db.Set<PhaseSynthesis>().AsNoTracking().Where(s => s.Status == SynthesisStatus.Published);
        source = phaseId is { } id ? source.Where(s => s.PhaseId == id) : source.Where(s => DeskPhases(now).Select(p => p.Id).Contains(s.PhaseId));
        return source.OrderBy(s => s.PhaseId).ThenBy(s => s.Number);
    }

    /// <summary>
    /// Per pair, how many texts it has to do: one grouped read of the contributions by language combination (a few rows),
    /// then the pairs counted from those; the published syntheses added.
    /// </summary>
    private async Task<IReadOnlyList<PairCount>> CountsAsync(DateTime now, int? phaseId, IReadOnlyList<LanguagePair> pairs)
    {
        var all = LanguagePair.Of([], languages.Codes);
        // Grouped by phase too, as the desk's index is ordered: the store counts along it without sorting (a few rows per phase).
        var byCombination = await Contributions(now, phaseId, all)
            .GroupBy(c => new { c.PhaseId, c.Languages }).Select(g => new { g.Key.Languages, Count = g.Count() }).ToListAsync();
        var synthesisLanguages = await PublishedSyntheses(now, phaseId).Select(s => s.Versions.Select(v => v.Language).ToList()).ToListAsync();
        return pairs.Select(p => new PairCount(p.From, p.To,
                byCombination.Where(g => p.Needs(g.Languages.Split(','))).Sum(g => g.Count) + synthesisLanguages.Count(l => p.Needs(l))))
            .ToList();
    }

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
        return rows.Select(r => View(r.Claim, ForumUser.PublicNameOf(r.DisplayName, r.UserName), me)).ToList();
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
    /// Claims an item in a language for the caller, who must be able to read it and to write; the item must lack the language.
    /// Two volunteers at once: the unique index lets one insert through, the other reads the winner's claim and is refused.
    /// </summary>
    public async Task<ClaimView> ClaimAsync(string? item, long id, string? language, ClaimsPrincipal user)
    {
        var kind = KindOf(item);
        var code = languages.Require(language, "language");
        await addressRule.EnsureMayWriteAsync(user);
        await EnsureTranslatableAsync(kind, id, code, user);
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.UtcNow;
            var current = await db.TranslationClaims.FirstOrDefaultAsync(c => c.Kind == kind && c.ItemId == id && c.Language == code);
            var claim = TranslationClaim.Take(current, kind, id, code, user.Id(), current is null ? null : await HolderNameAsync(current.UserId), now, ClaimTime);
            if (current is null)
            {
                db.TranslationClaims.Add(claim);
            }
            try
            {
                await db.SaveChangesAsync();
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
        var code = languages.Require(language, "language");
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

    /// <summary>The item exists for the caller and takes a translation into the language now, as its own rule says.</summary>
    private async Task EnsureTranslatableAsync(TranslationItemKind kind, long id, string language, ClaimsPrincipal user)
    {
        if (kind == TranslationItemKind.Contribution)
        {
            var (contribution, phase) = await PhaseAccess.RequireReadableAsync(db, db.Contributions.AsNoTracking(), id, user);
            contribution.EnsureTranslatable(phase.StateAt(clock.UtcNow), language);
        }
        else
        {
            (await ReadableSynthesisAsync(id, user)).EnsureTranslatable(language);
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
    /// Saves a translation written on the desk through the contribution's own rules, refused while someone else holds a
    /// live claim on it; the claim on it, the caller's or a lapsed one, goes with the save.
    /// </summary>
    public async Task<ContributionView> SaveContributionAsync(long id, string? language, string? title, string? body, ClaimsPrincipal user)
    {
        var code = languages.Require(language, "language");
        await EnsureNotClaimedByOtherAsync(TranslationItemKind.Contribution, id, code, user);
        var saved = await contributions.TranslateAsync(id, new VersionInput(code, title, body), user);
        await ReleaseAfterSaveAsync(TranslationItemKind.Contribution, id, code);
        return saved;
    }

    /// <summary>The same for a published synthesis lacking the language (<see cref="PhaseSynthesis.Translate"/>).</summary>
    public async Task<PhaseSynthesis> SaveSynthesisAsync(long id, string? language, string? title, string? body, ClaimsPrincipal user)
    {
        var code = languages.Require(language, "language");
        await addressRule.EnsureMayWriteAsync(user);
        await limiter.CheckAsync(user);
        await ReadableSynthesisAsync(id, user);
        await EnsureNotClaimedByOtherAsync(TranslationItemKind.Synthesis, id, code, user);
        var saved = await syntheses.TranslateAsync(id, new SynthesisText(code, title, body), user.Id());
        await ReleaseAfterSaveAsync(TranslationItemKind.Synthesis, id, code);
        return saved;
    }

    private async Task EnsureNotClaimedByOtherAsync(TranslationItemKind kind, long id, string language, ClaimsPrincipal user)
    {
        var current = await db.TranslationClaims.AsNoTracking().FirstOrDefaultAsync(c => c.Kind == kind && c.ItemId == id && c.Language == language);
        TranslationClaim.EnsureNotClaimedByOther(current, user.Id(), current is null ? null : await HolderNameAsync(current.UserId), clock.UtcNow);
    }

    // Once the text exists nothing is left to claim, whoever held it.
    private Task ReleaseAfterSaveAsync(TranslationItemKind kind, long id, string language) =>
        db.TranslationClaims.Where(c => c.Kind == kind && c.ItemId == id && c.Language == language).ExecuteDeleteAsync();
}
