using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Web.Authorization;
using Forum.Web.Notifications;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Account;

/// <summary>The account page's notification choices (<c>_Notifications</c>), saved with one form; back to the account page.</summary>
public sealed class NotificationsModel(UiTexts texts, ForumLanguages languages, ForumClock clock, FollowService follows) : ForumPageModel(texts, languages, clock)
{
    /// <summary>Kind name → choice, as the radio buttons send them.</summary>
    [BindProperty]
    public Dictionary<string, string?> Choices { get; set; } = [];

    public IActionResult OnGet() => LocalRedirect($"/{Culture}/account#notifications");

    [HandlerPolicy(Policies.Participant)]
    public async Task<IActionResult> OnPostAsync()
    {
        var parsed = Choices.ToDictionary(c => FollowService.ParseKind(c.Key, c.Key), c => FollowService.ParseDelivery(c.Value, c.Key));
        await follows.SetPreferencesAsync(User.Id(), parsed);
        Flash("notify.saved");
        return LocalRedirect($"/{Culture}/account#notifications");
    }
}
