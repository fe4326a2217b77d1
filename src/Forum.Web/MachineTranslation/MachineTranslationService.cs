using System.Security.Claims;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Text;
using Forum.Data;
using Forum.Synthesis.Syntheses;
using Forum.Web.Authorization;
using Forum.Web.Phases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Forum.Web.MachineTranslation;

/// <summary>A reader's machine translation: never stored as a version, never counted; <see cref="Notice"/> says what it is, in its language.</summary>
public sealed record MachineTranslationView(string From, string To, string? Title, string BodyHtml, bool MachineTranslated, string Notice);

/// <summary>A draft for a translator to review: Markdown to put in the editor, in <see cref="Language"/>.</summary>
public sealed record MachineDraft(string Language, string From, string? Title, string Body);

/// <summary>What to draft: one of a contribution or a synthesis, into <see cref="To"/>.</summary>
public sealed record MachineDraftRequest(long? ContributionId, long? SynthesisId, string? To);

/// <summary>
/// Machine translations for readers (the stored HTML, translated and sanitized again, cached per version, edit and
/// language) and drafts for translators (the Markdown, block by block). Every call that reaches the provider counts
/// against the caller's address; a failure of the provider is a clear refusal, and nothing is stored.
/// </summary>
public sealed class MachineTranslationService(
    ForumDbContext db, MachineTranslationOptions options, IMachineTranslator translator, MachineTranslationCache cache,
    MachineTranslationLimiter limiter, ForumLanguages languages, UiTexts texts, MarkdownRenderer renderer)
{
    public const string DisabledRule = "machine-translation.disabled";
    public const string NotNeededRule = "machine-translation.not-needed";
    public const string UnavailableRule = "machine-translation.unavailable";
    public const string QuotaRule = "machine-translation.quota";
    public const string UnsupportedPairRule = "machine-translation.unsupported-pair";

    public bool IsEnabled => options.IsEnabled;

    /// <summary>The contribution's original, machine translated into <paramref name="to"/>, which it is not available in.</summary>
    public async Task<MachineTranslationView> ContributionAsync(long id, string? to, ClaimsPrincipal user, string address, CancellationToken cancellation = default)
    {
        EnsureEnabled();
        var target = languages.Require(to, "to");
        var (contribution, _) = await PhaseAccess.RequireReadableAsync(db, db.Contributions.AsNoTracking().Include(c => c.Versions), id, user);
        if (contribution.LanguageCodes.Contains(target))
        {
            throw ForumException.Conflict(NotNeededRule, $"Contribution {id} is available in '{target}': read that version.", "to");
        }
        var original = contribution.Versions.First(v => v.Language == contribution.OriginalLanguage);
        // The version's id and time of change: an edit gives a new key, so no reader sees a translation of an older text.
        var key = $"reader:c:{original.Id}:{original.UpdatedAt.Ticks}:{Fingerprint(original.Title, original.Body)}:{target}";
        return await ForReaderAsync(key, original.Language, target, original.Title, original.BodyHtml, address, cancellation);
    }

    /// <summary>A published synthesis (or a draft, for moderators) machine translated from its text in the forum's first language it has.</summary>
    public async Task<MachineTranslationView> SynthesisAsync(long id, string? to, ClaimsPrincipal user, string address, CancellationToken cancellation = default)
    {
        EnsureEnabled();
        var target = languages.Require(to, "to");
        var synthesis = await ReadableSynthesisAsync(id, user, cancellation);
        if (synthesis.Versions.Any(v => v.Language == target))
        {
            throw ForumException.Conflict(NotNeededRule, $"Synthesis {id} is available in '{target}': read that version.", "to");
        }
        var source = SourceOf(synthesis);
        var key = $"reader:s:{source.Id}:{source.Edition}:{source.UpdatedAt.Ticks}:{Fingerprint(source.Title, source.Body)}:{target}";
        return await ForReaderAsync(key, source.Language, target, source.Title, source.BodyHtml, address, cancellation);
    }

    /// <summary>
    /// Markdown in <see cref="MachineDraftRequest.To"/> for a signed-in translator to review and save as their own
    /// version (marked machine-assisted); drafted from the original, or from a synthesis's first language.
    /// </summary>
    public async Task<MachineDraft> DraftAsync(MachineDraftRequest request, ClaimsPrincipal user, string address, CancellationToken cancellation = default)
    {
        EnsureEnabled();
        var target = languages.Require(request.To, "to");
        (string Language, string? Title, string Body, string Key) source;
        if (request is { ContributionId: { } contributionId, SynthesisId: null })
        {
            var (contribution, _) = await PhaseAccess.RequireReadableAsync(db, db.Contributions.AsNoTracking().Include(c => c.Versions), contributionId, user);
            var original = contribution.Versions.First(v => v.Language == contribution.OriginalLanguage);
            source = (original.Language, original.Title, original.Body, $"draft:c:{original.Id}:{original.UpdatedAt.Ticks}:{Fingerprint(original.Title, original.Body)}:{target}");
        }
        else if (request is { SynthesisId: { } synthesisId, ContributionId: null })
        {
            var text = SourceOf(await ReadableSynthesisAsync(synthesisId, user, cancellation), target);
            source = (text.Language, text.Title, text.Body, $"draft:s:{text.Id}:{text.Edition}:{text.UpdatedAt.Ticks}:{Fingerprint(text.Title, text.Body)}:{target}");
        }
        else
        {
            throw ForumException.Invalid("contributionId", "machine-translation.source-required", "Name either a contribution (contributionId) or a synthesis (synthesisId).");
        }
        if (source.Language == target)
        {
            throw ForumException.Invalid("to", "machine-translation.same-language", $"The text is written in '{target}' already.");
        }
        if (cache.Find<MachineDraft>(source.Key) is { } cached)
        {
            return cached;
        }
        await limiter.CheckAsync(address);
        var segments = MarkupSegments.Split(source.Body);
        var (title, bodies) = await TranslateWithTitleAsync(source.Title, segments.Select(s => s.Html).ToList(), source.Language, target, cancellation);
        var draft = new MachineDraft(target, source.Language, title, MarkupSegments.Join(source.Body, segments, bodies));
        cache.Keep(source.Key, draft, draft.Body.Length + (draft.Title?.Length ?? 0));
        return draft;
    }

    private async Task<MachineTranslationView> ForReaderAsync(
        string key, string from, string to, string? title, string bodyHtml, string address, CancellationToken cancellation)
    {
        if (cache.Find<MachineTranslationView>(key) is { } cached)
        {
            return cached;
        }
        await limiter.CheckAsync(address);
        var (translatedTitle, body) = await TranslateWithTitleAsync(title, [MarkupSegments.ForReaders(bodyHtml)], from, to, cancellation);
        // What comes back is HTML from outside: it goes through the forum's own sanitizer as any text does.
        var view = new MachineTranslationView(from, to, translatedTitle, renderer.Sanitize(body[0]),
            MachineTranslated: true, texts.Get(to, "machine-translation.notice").Replace("{0}", texts.Get(to, $"language.{from}")));
        cache.Keep(key, view, view.BodyHtml.Length + (view.Title?.Length ?? 0));
        return view;
    }

    /// <summary>A title (plain text, when there is one) and HTML texts in one call; nothing is sent when there is nothing to translate.</summary>
    private async Task<(string? Title, IReadOnlyList<string> Html)> TranslateWithTitleAsync(
        string? title, IReadOnlyList<string> html, string from, string to, CancellationToken cancellation)
    {
        var hasTitle = !string.IsNullOrWhiteSpace(title);
        var sent = hasTitle ? html.Prepend(MarkupSegments.TextToHtml(title!)).ToList() : html;
        if (sent.Count == 0)
        {
            return (title, []);
        }
        var translated = await TranslateAsync(sent, from, to, cancellation);
        return hasTitle ? (MarkupSegments.HtmlToText(translated[0]), translated.Skip(1).ToList()) : (title, translated);
    }

    private async Task<IReadOnlyList<string>> TranslateAsync(IReadOnlyList<string> html, string from, string to, CancellationToken cancellation)
    {
        try
        {
            return await translator.TranslateHtmlAsync(html, from, to, cancellation);
        }
        catch (MachineTranslationFailure failure)
        {
            throw failure.Kind switch
            {
                MachineTranslationFailureKind.Quota => new ForumException(FailureKind.Unavailable, QuotaRule,
                    "The forum's machine translation allowance is used up for now; the texts stay readable in their languages."),
                MachineTranslationFailureKind.UnsupportedPair => new ForumException(FailureKind.Unprocessable, UnsupportedPairRule,
                    $"The machine translation service does not translate from '{from}' to '{to}'.", "to")
                {
                    Arguments = new Dictionary<string, object> { ["from"] = from, ["to"] = to },
                },
                _ => new ForumException(FailureKind.Unavailable, UnavailableRule,
                    "The machine translation service is unavailable at the moment; try again later."),
            };
        }
    }

    private void EnsureEnabled()
    {
        if (!options.IsEnabled)
        {
            throw ForumException.Conflict(DisabledRule, "Machine translation is not enabled on this forum (Forum:MachineTranslation:Provider is None).");
        }
    }

    private async Task<PhaseSynthesis> ReadableSynthesisAsync(long id, ClaimsPrincipal user, CancellationToken cancellation)
    {
        var synthesis = await db.Set<PhaseSynthesis>().AsNoTracking().Include(s => s.Versions).FirstOrDefaultAsync(s => s.Id == id, cancellation);
        // A draft, a synthesis of an unreadable phase and none at all get one answer, as when reading it.
        return synthesis is null || (synthesis.Status != SynthesisStatus.Published && !user.IsModerator())
            || !await PhaseAccess.MayReadAsync(db, synthesis.PhaseId, user)
            ? throw ForumException.NotFound("synthesis", id)
            : synthesis;
    }

    /// <summary>The text itself in the key too: two edits within one clock tick (or a clock held still) still differ.</summary>
    private static string Fingerprint(string? title, string body) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{title}\n{body}")), 0, 12);

    /// <summary>
    /// The text to translate from: the forum's first language it has, other than <paramref name="target"/> (a stale text
    /// there is being updated) and up to date when one is.
    /// </summary>
    private SynthesisVersion SourceOf(PhaseSynthesis synthesis, string? target = null) =>
        synthesis.Versions.Where(v => v.Language != target || synthesis.Versions.Count == 1)
            .OrderBy(v => v.OutdatedSince is not null)
            .ThenBy(v => languages.Codes.ToList().IndexOf(v.Language) is var i && i < 0 ? int.MaxValue : i).First();
}

/// <summary>Machine translations kept in memory, bounded by their total length in characters.</summary>
public sealed class MachineTranslationCache(MachineTranslationOptions options) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 20_000_000 });

    public T? Find<T>(string key) where T : class => _cache.TryGetValue(key, out var value) ? value as T : null;

    public void Keep<T>(string key, T value, int size) where T : class =>
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = Math.Max(1, size), AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(options.CacheMinutes) });

    public void Dispose() => _cache.Dispose();
}
