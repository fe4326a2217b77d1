using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Notifications;
using Forum.Core.Time;
using Forum.Web.Authorization;
using Forum.Web.Notifications;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Notifications;

/// <summary>
/// The unsubscribe link of a notification. GET only asks (mail scanners open links on their own); POST, from this
/// page's button or as RFC 8058's one-click POST from the mail client, sets the kind to "never". The signed token is
/// the whole authorization: no log-in, and no antiforgery token, which a mail client cannot have (the one page
/// <see cref="Errors.StaleFormFilter"/> leaves alone: a forged request could only do what the token already allows).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(UiTexts texts, ForumLanguages languages, ForumClock clock, UnsubscribeTokens tokens, NotificationLetters letters,
    FollowService follows) : ForumPageModel(texts, languages, clock)
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public new UnsubscribeRequest? Request { get; private set; }

    public bool Done { get; private set; }

    public string KindName(NotificationKind kind) => letters.KindName(kind, Culture);

    public IActionResult OnGet() => Read();

    [OpenToVisitors]
    public async Task<IActionResult> OnPostAsync()
    {
        var refused = Read();
        if (Request is null)
        {
            return refused;
        }
        await follows.UnsubscribeAsync(Request);
        Done = true;
        return Page();
    }

    private IActionResult Read()
    {
        Request = tokens.Read(Token);
        if (Request is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
