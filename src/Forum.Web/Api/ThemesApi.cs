using System.Security.Claims;
using System.Text.RegularExpressions;
using Forum.Core;
using Forum.Core.Audit;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Phases;
using Forum.Core.Themes;
using Forum.Core.Time;
using Forum.Data;
using Forum.Web.Accounts;
using Forum.Web.Caching;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Api;

public static partial class ThemesApi
{
    public static IEndpointRouteBuilder MapThemesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/themes").WithTags("Themes");
        api.MapGet("/", ListThemes).WithName("ListThemes").WithSummary("Published themes in order; moderators may include drafts.");
        api.MapGet("/{slug}", GetTheme).WithName("GetTheme").WithSummary("A theme with its phases.");
        api.MapPost("/", CreateTheme).WithName("CreateTheme").WithSummary("Create a theme.").RequireAuthorization(Policies.Moderator);
        api.MapPut("/{slug}", EditTheme).WithName("EditTheme").WithSummary("Edit a theme (send the version you read).").RequireAuthorization(Policies.Moderator);
        return app;
    }

    public sealed record ThemeTextInput(string? Title, string? Description);

    public sealed record ThemeInput(string? Slug, int Position, bool Published, string? OriginalLanguage, Dictionary<string, ThemeTextInput>? Texts, Guid? Version);

    public sealed record ThemeView(
        int Id, string Slug, int Position, bool Published, string Title, string Description,
        Localized Text, Guid Version, IReadOnlyList<PhasesApi.PhaseView>? Phases);

    internal static async Task<Results<Ok<List<ThemeView>>, ForbidHttpResult>> ListThemes(
        ForumDbContext db, ForumLanguages languages, ClaimsPrincipal user, string? lang, bool includeDrafts = false)
    {
        languages.Optional(lang, "lang");
        if (includeDrafts && !user.IsModerator())
        {
            return TypedResults.Forbid();
        }
        var themes = await db.Themes.AsNoTracking().Include(t => t.Texts)
            .Where(t => t.IsPublished || includeDrafts)
            .OrderBy(t => t.Position).ThenBy(t => t.Id)
            .ToListAsync();
        return TypedResults.Ok(themes.Select(t => ToView(t, lang, null)).ToList());
    }

    internal static async Task<Ok<ThemeView>> GetTheme(
        string slug, string? lang, ForumDbContext db, ForumLanguages languages, ClaimsPrincipal user, ForumClock clock)
    {
        languages.Optional(lang, "lang");
        var theme = await db.Themes.AsNoTracking()
            .Include(t => t.Texts).Include(t => t.Phases).ThenInclude(p => p.Texts)
            .AsSplitQuery()
            .FirstOrDefaultAsync(t => t.Slug == slug);
        if (theme is null || (!theme.IsPublished && !user.IsModerator()))
        {
            throw ForumException.NotFound("theme", slug);
        }
        var phases = theme.Phases.OrderBy(p => p.Number).Select(p => PhasesApi.ToView(p, theme.Slug, lang, clock)).ToList();
        return TypedResults.Ok(ToView(theme, lang, phases));
    }

    internal static async Task<Created<ThemeView>> CreateTheme(
        ThemeInput input, ForumDbContext db, ForumLanguages languages, ForumOptions options, ForumClock clock, ClaimsPrincipal user)
    {
        var slug = ValidSlug(input.Slug);
        if (await db.Themes.AnyAsync(t => t.Slug == slug))
        {
            throw ForumException.Conflict("theme.slug-taken", $"A theme already has the slug '{slug}'.", "slug");
        }
        var now = clock.UtcNow;
        var theme = new Theme { Slug = slug, OriginalLanguage = languages.Require(input.OriginalLanguage, "originalLanguage"), CreatedAt = now };
        Apply(theme, input, languages, options, now);
        db.Themes.Add(theme);
        await db.SaveChangesAsync();
        db.AuditEntries.Add(new AuditEntry { At = now, ActorId = user.Id(), Action = "theme.create", ThemeId = theme.Id, Details = slug });
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/themes/{slug}", ToView(theme, null, []));
    }

    internal static async Task<Ok<ThemeView>> EditTheme(
        string slug, ThemeInput input, ForumDbContext db, ForumLanguages languages, ForumOptions options, ForumClock clock, ClaimsPrincipal user,
        IOutputCacheStore cache)
    {
        var version = InputRules.RequiredVersion(input.Version);
        var theme = await db.Themes.Include(t => t.Texts).FirstOrDefaultAsync(t => t.Slug == slug)
            ?? throw ForumException.NotFound("theme", slug);
        InputRules.CheckVersion(theme.ConcurrencyToken, version, "theme");
        var newSlug = ValidSlug(input.Slug ?? slug);
        if (newSlug != slug && await db.Themes.AnyAsync(t => t.Slug == newSlug))
        {
            throw ForumException.Conflict("theme.slug-taken", $"A theme already has the slug '{newSlug}'.", "slug");
        }
        // The token read by the client is the one the UPDATE checks, so a save made meanwhile wins and this one gets 409.
        db.Entry(theme).Property(t => t.ConcurrencyToken).OriginalValue = version;
        var now = clock.UtcNow;
        theme.Slug = newSlug;
        theme.OriginalLanguage = languages.Require(input.OriginalLanguage ?? theme.OriginalLanguage, "originalLanguage");
        Apply(theme, input, languages, options, now);
        db.AuditEntries.Add(new AuditEntry { At = now, ActorId = user.Id(), Action = "theme.edit", ThemeId = theme.Id, Details = newSlug });
        await db.SaveChangesAsync();
        // Publishing or withdrawing a theme changes who may read its phases' lists.
        await cache.EvictByTagAsync(ContributionListCache.AllListsTag, CancellationToken.None);
        return TypedResults.Ok(ToView(theme, null, null));
    }

    private static void Apply(Theme theme, ThemeInput input, ForumLanguages languages, ForumOptions options, DateTime now)
    {
        var texts = InputRules.PerLanguage(input.Texts, theme.OriginalLanguage, languages);
        var limits = options.Limits;
        var fresh = texts.Select(t => new ThemeText
        {
            Language = t.Key,
            Title = InputRules.RequiredText(t.Value?.Title, $"texts.{t.Key}.title", limits.TitleMaxLength),
            Description = InputRules.RequiredText(t.Value?.Description, $"texts.{t.Key}.description", limits.DescriptionMaxLength),
        }).ToList();
        InputRules.SyncTexts(theme.Texts, fresh, t => t.Language, (target, source) =>
        {
            target.Title = source.Title;
            target.Description = source.Description;
        });
        theme.Position = input.Position;
        theme.IsPublished = input.Published;
        theme.UpdatedAt = now;
        theme.ConcurrencyToken = Guid.NewGuid();
    }

    private static string ValidSlug(string? slug)
    {
        if (string.IsNullOrWhiteSpace(slug) || slug.Length > 100 || !SlugPattern().IsMatch(slug))
        {
            throw ForumException.Invalid("slug", "slug.invalid", "A slug is 1 to 100 lower-case letters, digits and single hyphens, e.g. 'sse-initiatives'.");
        }
        return slug;
    }

    internal static ThemeView ToView(Theme theme, string? lang, IReadOnlyList<PhasesApi.PhaseView>? phases)
    {
        var picked = LocalizedText.Pick(theme.Texts, t => t.Language, lang, theme.OriginalLanguage);
        return new ThemeView(theme.Id, theme.Slug, theme.Position, theme.IsPublished, picked.Text.Title, picked.Text.Description,
            new Localized(picked.Language, picked.IsFallback, theme.OriginalLanguage, theme.Texts.Select(t => t.Language).Order().ToList()),
            theme.ConcurrencyToken, phases);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
