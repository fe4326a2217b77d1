using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Web.Contributions;
using Forum.Web.Edits;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Moderation;

/// <summary>Every text each version of a contribution has had, oldest first, for the moderation team.</summary>
public sealed class ContributionHistoryModel(UiTexts texts, ForumLanguages languages, ForumClock clock, ContributionService contributions, EditService edits)
    : ForumPageModel(texts, languages, clock)
{
    public ContributionView Contribution { get; private set; } = null!;

    public IReadOnlyList<VersionHistoryView> Histories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id)
    {
        try
        {
            Contribution = (await contributions.ReadAsync(id, User)).View;
            var histories = new List<VersionHistoryView>();
            foreach (var version in Contribution.Versions)
            {
                histories.Add(await edits.HistoryAsync(id, version.Language));
            }
            Histories = histories;
            return Page();
        }
        catch (ForumException e) when (e.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }
    }

    public string VersionHeading(VersionHistoryView history) =>
        history.IsOriginal
            ? T("contribution.original-in", LanguageName(history.Language))
            : T("contribution.translation-in", LanguageName(history.Language), history.Texts[^1].WrittenBy.Name);
}
