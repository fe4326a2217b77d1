using System.Globalization;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages;

/// <summary>
/// The page a refused page request shows (Errors/ErrorPages runs it again here): what happened in the page's
/// language and a way back, with the refusal's own status. Opened directly, it is itself not found.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(UiTexts texts, ForumLanguages languages, ForumClock clock) : ForumPageModel(texts, languages, clock)
{
    private static readonly int[] Explained = [400, 403, 404, 405, 413, 429, 500];

    public int Status => Response.StatusCode;

    /// <summary>The key of this status's texts: error-page.404.title, …; error-page.other.* for the rest.</summary>
    public string Key => Explained.Contains(Status) ? Status.ToString(CultureInfo.InvariantCulture) : Status >= 500 ? "500" : "other";

    /// <summary>Past a rate limit, how many seconds to wait (the Retry-After header, kept from the refusal).</summary>
    public int? RetryAfterSeconds => int.TryParse(Response.Headers.RetryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    /// <summary>The broken rule's own message in the page's language (an unknown language filter), when the texts have one.</summary>
    public string? RuleText => HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is ForumException error && ErrorText(error) is var text && text != error.Message
        ? text
        : null;

    private IStatusCodeReExecuteFeature? Original => HttpContext.Features.Get<IStatusCodeReExecuteFeature>();

    public IActionResult OnGet() => Original is null ? NotFound() : Page();

    /// <summary>The language links lead to the address that was refused, in the other language.</summary>
    public override string InCulture(string code)
    {
        var path = Original?.OriginalPath ?? "/";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var rest = segments.Length > 0 && ForumLanguages.IsSupported(segments[0]) ? string.Join('/', segments.Skip(1)) : "";
        return rest.Length == 0 ? $"/{code}" : $"/{code}/{rest}{Original?.OriginalQueryString}";
    }
}
