using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Web.Authorization;
using Forum.Web.Notifications;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Notifications;

/// <summary>The follow and unfollow buttons of the theme and phase pages (and the account page's unfollow): back to the page they came from.</summary>
public sealed class FollowModel(UiTexts texts, ForumLanguages languages, ForumClock clock, FollowService follows) : ForumPageModel(texts, languages, clock)
{
    [BindProperty(SupportsGet = true)]
    public string Target { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    /// <summary>The page the button is on; only a local address is followed.</summary>
    [BindProperty]
    public string? Back { get; set; }

    // Nothing to show: an expired form's GET leads back.
    public IActionResult OnGet() => LocalRedirect(BackTo);

    [HandlerPolicy(Policies.Participant)]
    public async Task<IActionResult> OnPostAsync()
    {
        await follows.FollowAsync(Target, Id, User);
        Flash("follow.done");
        return LocalRedirect(BackTo);
    }

    [HandlerPolicy(Policies.Participant)]
    public async Task<IActionResult> OnPostStopAsync()
    {
        await follows.UnfollowAsync(Target, Id, User);
        Flash("follow.stopped");
        return LocalRedirect(BackTo);
    }

    private string BackTo => Back is { Length: > 1 } back && Url.IsLocalUrl(back) ? back : $"/{Culture}";
}
