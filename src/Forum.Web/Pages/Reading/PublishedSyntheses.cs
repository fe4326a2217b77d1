using Forum.Core.Languages;
using Forum.Synthesis.Statistics;
using Forum.Synthesis.Syntheses;

namespace Forum.Web.Pages.Reading;

/// <summary>A published synthesis as the reading pages show it: in the reader's language when it has one.</summary>
/// <remarks><see cref="OutdatedSince"/>: the shown text may be out of date, another language's having changed then.</remarks>
public sealed record SynthesisView(long Id, string Label, string AvailableIn, string Language, string Title, string BodyHtml, DateTimeOffset? OutdatedSince = null);

/// <summary>Syntheses to show, with the page that formats them.</summary>
public sealed record SynthesesBlock(IReadOnlyList<SynthesisView> Items, ForumPageModel Page);

/// <summary>The published syntheses of a phase, for the phase page and the theme page that features the phase.</summary>
public static class PublishedSyntheses
{
    public static async Task<IReadOnlyList<SynthesisView>> OfAsync(int phaseId, SynthesisService syntheses, LanguageSentences sentences, ForumPageModel page) =>
        (await syntheses.ListAsync(phaseId, includeDrafts: false))
            .Select(s =>
            {
                var shown = page.ForumLanguages.ShownFor(s.Versions, v => v.Language, page.Culture);
                var inOrder = s.Versions.Select(v => v.Language).OrderBy(l => page.Languages.ToList().IndexOf(l)).ToList();
                return new SynthesisView(s.Id, page.T("synthesis.title", s.Number), sentences.AvailableIn(inOrder, page.Culture), shown.Language, shown.Title, shown.BodyHtml,
                    shown.OutdatedSince is { } outdated ? page.Clock.ToLocal(outdated) : null);
            })
            .ToList();
}
