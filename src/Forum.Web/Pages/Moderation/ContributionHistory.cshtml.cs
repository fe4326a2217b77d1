using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Data;
using Forum.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Moderation;

/// <summary>Every text each version of a contribution has had, oldest first, for the moderation team.</summary>
public sealed class ContributionHistoryModel(UiTexts texts, ForumLanguages languages, ForumClock clock, ForumDbContext db)
    : ForumPageModel(texts, languages, clock)
{
    public ContributionsApi.ContributionView Contribution { get; private set; } = null!;

    public IReadOnlyList<EditsApi.VersionHistoryView> Histories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id)
    {
        try
        {
            Contribution = (await ContributionsApi.GetContribution(id, db, Clock, User)).Value!;
            var histories = new List<EditsApi.VersionHistoryView>();
            foreach (var version in Contribution.Versions)
            {
                histories.Add((await EditsApi.VersionHistory(id, version.Language, db, ForumLanguages, Clock)).Value!);
            }
            Histories = histories;
            return Page();
        }
        catch (ForumException e) when (e.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }
    }

    public string VersionHeading(EditsApi.VersionHistoryView history) =>
        history.IsOriginal
            ? T("contribution.original-in", LanguageName(history.Language))
            : T("contribution.translation-in", LanguageName(history.Language), history.Texts[^1].WrittenBy.Name);
}
