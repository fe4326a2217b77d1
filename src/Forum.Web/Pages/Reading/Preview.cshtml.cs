using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Web.Authorization;
using Forum.Web.Contributions;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Reading;

/// <summary>
/// The writing forms' preview (compose.js): a Markdown body as it would be shown once posted, an HTML fragment.
/// A page handler, so the antiforgery token of the form it comes from is checked like the form's own submit.
/// </summary>
public sealed class PreviewModel(UiTexts texts, ForumLanguages languages, ForumClock clock, ContributionService contributions)
    : ForumPageModel(texts, languages, clock)
{
    public IActionResult OnGet() => NotFound();

    [HandlerPolicy(Policies.Participant)]
    public IActionResult OnPost([FromForm] string? body)
    {
        try
        {
            return Content(contributions.Preview(body), "text/html; charset=utf-8");
        }
        catch (ForumException error)
        {
            RefusedWith(error);
            // The refusal in the page's language, the same words the form's submit would give.
            return Content($"<p class=\"error\">{System.Net.WebUtility.HtmlEncode(ErrorText(error))}</p>", "text/html; charset=utf-8");
        }
    }
}
