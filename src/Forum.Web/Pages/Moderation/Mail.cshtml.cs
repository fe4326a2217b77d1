using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Web.Mail;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Moderation;

/// <summary>The messages the forum could not deliver, each with its error and a button to send it again.</summary>
public sealed class MailModel(UiTexts texts, ForumLanguages languages, ForumClock clock, UndeliverableMail mail)
    : ModerationPageModel(texts, languages, clock)
{
    public IReadOnlyList<UndeliverableView> Messages { get; private set; } = [];

    public int Count { get; private set; }

    [BindProperty] public long? MessageId { get; set; }

    public async Task OnGetAsync()
    {
        Count = await mail.CountAsync();
        Messages = await mail.ListAsync();
    }

    public static string Form(long id) => $"Mail-{id}";

    public Task<IActionResult> OnPostRetryAsync() =>
        SubmitFormAsync(Form(MessageId ?? 0), async () =>
        {
            await mail.RetryAsync(MessageId ?? 0, User);
            Flash("flash.mail-retried");
            return Redirect($"/{Culture}/moderation/mail");
        }, async () =>
        {
            await OnGetAsync();
            return Page();
        });
}
