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
using Forum.Web.Authorization;
using Forum.Web.Input;
using Forum.Web.Phases;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Themes;

/// <summary>Reading the themes, and the moderation team creating, editing and publishing them, each with its audit entry.</summary>
public sealed partial class ThemeService(ForumDbContext db, ForumLanguages languages, ForumOptions options, ForumClock clock)
{
    /// <summary>Themes in order, without their phases; null when drafts are asked for by someone outside the moderation team.</summary>
    public async Task<List<ThemeView>?> ListAsync(string? lang, bool includeDrafts, ClaimsPrincipal reader)
    {
        languages.Optional(lang, "lang");
        if (includeDrafts && !reader.IsModerator())
        {
            return null;
        }
        var themes = await db.Themes.AsNoTracking().Include(t => t.Texts)
            .Where(PhaseVisibility.ThemesReadableBy(includeDrafts))
            .OrderBy(t => t.Position).ThenBy(t => t.Id)
            .ToListAsync();
        return themes.Select(t => ThemeView.Of(t, lang, null)).ToList();
    }

    /// <summary>A theme with its phases in order.</summary>
    public async Task<ThemeView> ReadAsync(string slug, string? lang, ClaimsPrincipal reader)
    {
        languages.Optional(lang, "lang");
        var theme = await db.Themes.AsNoTracking()
            .Include(t => t.Texts).Include(t => t.Phases).ThenInclude(p => p.Texts)
            .AsSplitQuery()
            .Where(PhaseVisibility.ThemesReadableBy(reader.IsModerator()))
            .FirstOrDefaultAsync(t => t.Slug == slug)
            ?? throw ForumException.NotFound("theme", slug);
        var phases = theme.Phases.OrderBy(p => p.Number).Select(p => PhaseView.Of(p, theme.Slug, lang, clock)).ToList();
        return ThemeView.Of(theme, lang, phases);
    }

    /// <summary>A theme with the phase its page puts forward and the next one to open (<see cref="FeaturedPhase"/>).</summary>
    public async Task<ThemeFront> ReadFrontAsync(string slug, string? lang, ClaimsPrincipal reader)
    {
        var theme = await ReadAsync(slug, lang, reader);
        var (featured, next) = FeaturedPhase.Choose(theme.Phases ?? [], p => p.State);
        return new ThemeFront(theme, featured, next);
    }

    /// <summary>A theme as stored, drafts too, with its texts in every language: what the edit form starts from.</summary>
    public Task<Theme?> FindForEditAsync(string slug) =>
        db.Themes.AsNoTracking().Include(t => t.Texts).FirstOrDefaultAsync(t => t.Slug == slug);

    public async Task<ThemeView> CreateAsync(ThemeInput input, ClaimsPrincipal moderator)
    {
        var slug = ValidSlug(input.Slug);
        if (await db.Themes.AnyAsync(t => t.Slug == slug))
        {
            throw ForumException.Conflict("theme.slug-taken", $"A theme already has the slug '{slug}'.", "slug");
        }
        var now = clock.UtcNow;
        var theme = new Theme { Slug = slug, OriginalLanguage = languages.Require(input.OriginalLanguage, "originalLanguage"), CreatedAt = now };
        Apply(theme, input, now);
        db.Themes.Add(theme);
        // The audit entry needs the theme's id.
        await db.SaveChangesAsync();
        db.AuditEntries.Add(new AuditEntry { At = now, ActorId = moderator.Id(), Action = "theme.create", ThemeId = theme.Id, Details = slug });
        await db.SaveChangesAsync();
        return ThemeView.Of(theme, null, []);
    }

    /// <summary>Edits and publishes or withdraws a theme; <see cref="ThemeInput.Version"/> is the one the moderator read.</summary>
    public async Task<ThemeView> EditAsync(string slug, ThemeInput input, ClaimsPrincipal moderator)
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
        Apply(theme, input, now);
        db.AuditEntries.Add(new AuditEntry { At = now, ActorId = moderator.Id(), Action = "theme.edit", ThemeId = theme.Id, Details = newSlug });
        // Publishing or withdrawing a theme changes who may read its phases' lists: the ThemeChanged event evicts them.
        await db.SaveChangesAsync();
        return ThemeView.Of(theme, null, null);
    }

    private void Apply(Theme theme, ThemeInput input, DateTime now)
    {
        InputRules.WriteTitledTexts(theme.Texts, input.Texts, theme.OriginalLanguage, languages, options.Limits, "description",
            given => (given.Title, given.Description), t => t.Language,
            (language, title, description) => new ThemeText { Language = language, Title = title, Description = description },
            (text, title, description) => (text.Title, text.Description) = (title, description));
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

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
