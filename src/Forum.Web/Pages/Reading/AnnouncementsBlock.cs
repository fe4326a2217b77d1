using Forum.Web.Phases;

namespace Forum.Web.Pages.Reading;

/// <summary>The theme's phase announcements to show, with the page that formats them.</summary>
public sealed record AnnouncementsBlock(IReadOnlyList<AnnouncementView> Items, ForumPageModel Page)
{
    /// <summary>How many the theme page shows: the latest ones; the feed keeps the rest.</summary>
    public const int Shown = 5;
}
