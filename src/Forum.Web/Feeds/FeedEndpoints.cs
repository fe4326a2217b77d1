using System.ServiceModel.Syndication;
using System.Xml;
using Forum.Core.Contributions;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Phases;
using Forum.Core.Text;
using Forum.Core.Themes;
using Forum.Data;
using Forum.Synthesis.Syntheses;
using Forum.Web.Caching;
using Forum.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Feeds;

/// <summary>
/// Atom feeds of a phase and of a theme, in the culture of their URL: new contributions and
/// published syntheses, newest first; a theme's feed also carries its phases' announcements. Drafts and hidden contributions never appear.
/// </summary>
public static class FeedEndpoints
{
    private const int Entries = 50;

    public static void MapFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{culture:culture}/phases/{id:int}/feed.atom", PhaseFeed).ExcludeFromDescription().CacheOutput(ContributionListCache.FeedPolicyName);
        app.MapGet("/{culture:culture}/themes/{slug}/feed.atom", ThemeFeed).ExcludeFromDescription().CacheOutput(ContributionListCache.FeedPolicyName);
    }

    /// <summary>An entry longer than this (in HTML) carries the start of its text instead; the link leads to the whole of it.</summary>
    private const int MaxEntryHtml = 10_000;

    private const int ExcerptLength = 2_000;

    private static string Content(string html)
    {
        if (html.Length <= MaxEntryHtml)
        {
            return html;
        }
        var text = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html).Body?.TextContent ?? "";
        var plain = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
        return $"<p>{System.Net.WebUtility.HtmlEncode(plain.Length > ExcerptLength ? plain[..ExcerptLength] : plain)}…</p>";
    }

    private sealed record Entry(string Id, string Title, string Html, string Language, string Author, DateTime Updated, string Link);

    // Texts written before control characters were refused may still hold some; XML cannot carry them, so they are replaced.
    private static string Xml(string text) => TextRules.ReplaceForbidden(text);

    private static async Task<IResult> PhaseFeed(string culture, int id, HttpRequest request, ForumDbContext db, UiTexts texts, ForumLanguages languages, PublicUrls urls)
    {
        // "03", "+3" and "3" are one phase: one cached feed, the others a cheap redirect to it.
        if (request.RouteValues["id"] is string raw && raw != id.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return Results.Redirect($"/{culture}/phases/{id}/feed.atom", permanent: true);
        }
        var phase = await db.Phases.AsNoTracking().Include(p => p.Texts).Include(p => p.Theme)
            .Where(PhaseVisibility.ReadableBy(isModerator: false)).FirstOrDefaultAsync(p => p.Id == id);
        if (phase is null)
        {
            return Results.NotFound();
        }
        var title = $"{string.Format(texts.Get(culture, "phase.number"), phase.Number)}{texts.Get(culture, "heading.separator")}{LocalizedText.Pick(phase.Texts, t => t.Language, culture, phase.OriginalLanguage).Text.Title}";
        var entries = await EntriesAsync(db, [phase.Id], culture, texts, languages);
        return Atom(urls.Origin(request), $"/{culture}/phases/{id}", title, culture, entries);
    }

    private static async Task<IResult> ThemeFeed(string culture, string slug, HttpRequest request, ForumDbContext db, UiTexts texts, ForumLanguages languages, PublicUrls urls)
    {
        var theme = await db.Themes.AsNoTracking().Include(t => t.Texts).Include(t => t.Phases)
            .Where(PhaseVisibility.ThemesReadableBy(isModerator: false)).FirstOrDefaultAsync(t => t.Slug == slug);
        if (theme is null)
        {
            return Results.NotFound();
        }
        var title = LocalizedText.Pick(theme.Texts, t => t.Language, culture, theme.OriginalLanguage).Text.Title;
        var phases = theme.Phases.Select(p => p.Id).ToList();
        ContributionListCache.TagPhases(request.HttpContext, phases);
        var entries = await EntriesAsync(db, phases, culture, texts, languages);
        entries = entries.Concat(await AnnouncementEntriesAsync(db, theme, culture, languages))
            .OrderByDescending(e => e.Updated).Take(Entries).ToList();
        return Atom(urls.Origin(request), $"/{culture}/themes/{slug}", title, culture, entries);
    }

    private static async Task<List<Entry>> EntriesAsync(ForumDbContext db, List<int> phases, string culture, UiTexts texts, ForumLanguages languages)
    {
        var contributions = await db.Contributions.AsNoTracking()
            .Where(c => phases.Contains(c.PhaseId) && c.ParentId == null)
            .Where(Contribution.VisibleTo(isModerator: false))
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(Entries)
            .Select(c => new { c.Id, c.CreatedAt, c.OriginalLanguage, c.AuthorId, Versions = c.Versions.Select(v => new { v.Language, v.Title, v.BodyHtml }).ToList() })
            .ToListAsync();
        var authorIds = contributions.Select(c => c.AuthorId).Distinct().ToList();
        var authors = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => Data.Accounts.ForumUser.PublicNameOf(u.DisplayName, u.UserName));
        var syntheses = await db.Set<PhaseSynthesis>().AsNoTracking().Include(s => s.Versions)
            .Where(s => phases.Contains(s.PhaseId) && s.Status == SynthesisStatus.Published)
            .OrderByDescending(s => s.PublishedAt).Take(Entries).ToListAsync();

        var entries = contributions.Select(c =>
        {
            var shown = c.Versions.FirstOrDefault(v => v.Language == culture) ?? c.Versions.First(v => v.Language == c.OriginalLanguage);
            return new Entry($"contribution-{c.Id}", shown.Title ?? "", Content(shown.BodyHtml), shown.Language, authors.GetValueOrDefault(c.AuthorId, ""), c.CreatedAt, $"/{culture}/contributions/{c.Id}");
        }).Concat(syntheses.Select(s =>
        {
            var shown = languages.ShownFor(s.Versions, v => v.Language, culture);
            var label = string.Format(texts.Get(culture, "synthesis.title"), s.Number);
            return new Entry($"synthesis-{s.Id}", $"{label}{texts.Get(culture, "heading.separator")}{shown.Title}", Content(shown.BodyHtml), shown.Language, "", s.PublishedAt ?? s.UpdatedAt, $"/{culture}/phases/{s.PhaseId}#syntheses");
        }));
        return entries.OrderByDescending(e => e.Updated).Take(Entries).ToList();
    }

    /// <summary>The theme's phase announcements, each in the feed's language when written in it; plain paragraphs, escaped.</summary>
    private static async Task<List<Entry>> AnnouncementEntriesAsync(ForumDbContext db, Theme theme, string culture, ForumLanguages languages)
    {
        var announcements = await db.OpeningAnnouncements.AsNoTracking().Include(a => a.Texts)
            .Where(a => a.ThemeId == theme.Id).OrderByDescending(a => a.At).Take(Entries).ToListAsync();
        return announcements.Where(a => a.Texts.Count > 0).Select(a =>
        {
            var shown = languages.ShownFor(a.Texts, t => t.Language, culture);
            var html = string.Concat(Phases.AnnouncementComposer.Paragraphs(shown.Body).Select(p => $"<p>{System.Net.WebUtility.HtmlEncode(p)}</p>"));
            return new Entry($"announcement-{a.Id}", shown.Title, html, shown.Language, "", a.At, $"/{culture}/themes/{theme.Slug}#announcement-{a.Id}");
        }).ToList();
    }

    // Links are built on the forum's public address (PublicUrls), never on a Host or scheme the request made up.
    private static IResult Atom(Uri site, string pagePath, string title, string culture, List<Entry> entries)
    {
        var feed = new SyndicationFeed(Xml(title), null, new Uri(site, pagePath))
        {
            Id = new Uri(site, pagePath).ToString(),
            Language = culture,
            LastUpdatedTime = entries.Count > 0 ? new DateTimeOffset(entries[0].Updated, TimeSpan.Zero) : DateTimeOffset.UnixEpoch,
            Items = entries.Select(e =>
            {
                var item = new SyndicationItem(Xml(e.Title), new TextSyndicationContent(Xml(e.Html), TextSyndicationContentKind.Html), new Uri(site, e.Link), new Uri(site, e.Link).ToString(), new DateTimeOffset(e.Updated, TimeSpan.Zero));
                if (e.Author.Length > 0)
                {
                    item.Authors.Add(new SyndicationPerson { Name = Xml(e.Author) });
                }
                item.AttributeExtensions.Add(new XmlQualifiedName("lang", "http://www.w3.org/XML/1998/namespace"), e.Language);
                return item;
            }).ToList(),
        };
        feed.Links.Add(new SyndicationLink(new Uri(site, pagePath + "/feed.atom"), "self", null, "application/atom+xml", 0));
        // The formatter writes synchronously, which Kestrel refuses on the response: a feed of 50 entries is built in memory.
        var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }
        return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }
}
