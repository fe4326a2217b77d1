using System.Globalization;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Forum.Web.Pages;

/// <summary>What every page needs: its culture from the URL, the UI texts in it, and dates in the forum's zone.</summary>
public abstract class ForumPageModel(UiTexts texts, ForumLanguages languages, ForumClock clock) : PageModel
{
    public string Culture => RouteData.Values[CultureRoutes.RouteKey]?.ToString() ?? languages.Default;

    public ForumLanguages ForumLanguages => languages;

    public IReadOnlyList<string> Languages => languages.Codes;

    public ForumClock Clock => clock;

    /// <summary>The UI text for a key in the page's language.</summary>
    public string T(string key, params object[] values) =>
        values.Length == 0 ? texts.Get(Culture, key) : string.Format(FormatCulture, texts.Get(Culture, key), values);

    /// <summary>The culture that writes this page's dates and numbers (Forum:Cultures: en-GB for /en/ by default).</summary>
    public CultureInfo FormatCulture => languages.CultureOf(Culture);

    /// <summary>An author's name; a deleted account's in the page's language.</summary>
    public string AuthorName(Api.ContributionsApi.Author author) =>
        author.Name == Data.Accounts.ForumUser.DeletedName ? T("account.deleted-user") : author.Name;

    public string LanguageName(string code) => texts.Get(Culture, $"language.{code}");

    /// <summary>A refused input in the page's language: error.{rule}.{field}, else error.{rule}, else the rule's own (English) message.</summary>
    public string ErrorText(Core.Errors.ForumException error) =>
        (error.Field is { } field ? texts.Find(Culture, $"error.{error.Rule}.{field}") : null)
        ?? texts.Find(Culture, $"error.{error.Rule}")
        ?? error.Message;

    /// <summary>A date and time in the forum's zone, written the way the page's culture writes them.</summary>
    public string DateTime(DateTimeOffset local) => local.ToString("f", FormatCulture);

    /// <summary>A time of day in the forum's zone, written the way the page's culture writes it.</summary>
    public string Time(DateTimeOffset local) => local.ToString("t", FormatCulture);

    /// <summary>"13 days", "13 jours", "13 días": how far an instant is from now, before or after, in the page's language.</summary>
    public string Duration(DateTimeOffset instant) => SpanWords.Of(RoughSpan.Of(instant.UtcDateTime - clock.UtcNow), FormatCulture);

    /// <summary>Answers a refused form with the status the API would use (400, 403, 409, 429 with Retry-After), the page showing why.</summary>
    protected void RefusedWith(Core.Errors.ForumException error)
    {
        Response.StatusCode = error.Kind switch
        {
            Core.Errors.FailureKind.RateLimited => StatusCodes.Status429TooManyRequests,
            Core.Errors.FailureKind.Conflict => StatusCodes.Status409Conflict,
            Core.Errors.FailureKind.NotFound => StatusCodes.Status404NotFound,
            Core.Errors.FailureKind.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status400BadRequest,
        };
        if (error.RetryAfter is { } retryAfter)
        {
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The same page in another language: only the culture segment changes.</summary>
    public string InCulture(string code)
    {
        var path = Request.Path.Value ?? "/";
        var rest = path.Length > 3 ? path[3..] : "";
        return $"/{code}{rest}{Request.QueryString}";
    }
}

/// <summary>A text a participant writes in a form (contribution, reply, translation), kept when the form comes back with an error.</summary>
public sealed class TextForm
{
    public string? Language { get; set; }
    public string? Title { get; set; }
    public string? Body { get; set; }
}
