using System.Globalization;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Humanizer;
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
        values.Length == 0 ? texts.Get(Culture, key) : string.Format(CultureInfo.GetCultureInfo(Culture), texts.Get(Culture, key), values);

    public string LanguageName(string code) => texts.Get(Culture, $"language.{code}");

    /// <summary>A refused input in the page's language: error.{rule}.{field}, else error.{rule}, else the rule's own (English) message.</summary>
    public string ErrorText(Core.Errors.ForumException error) =>
        (error.Field is { } field ? texts.Find(Culture, $"error.{error.Rule}.{field}") : null)
        ?? texts.Find(Culture, $"error.{error.Rule}")
        ?? error.Message;

    /// <summary>A date and time in the forum's zone, written the way the page's culture writes them.</summary>
    public string DateTime(DateTimeOffset local) => local.ToString("f", CultureInfo.GetCultureInfo(Culture));

    /// <summary>"3 days", "3 jours", "3 días": how far an instant is from now, in the page's language.</summary>
    public string Duration(DateTimeOffset instant) =>
        (instant.UtcDateTime - clock.UtcNow).Duration().Humanize(precision: 1, culture: CultureInfo.GetCultureInfo(Culture), minUnit: TimeUnit.Minute);

    /// <summary>The same page in another language: only the culture segment changes.</summary>
    public string InCulture(string code)
    {
        var path = Request.Path.Value ?? "/";
        var rest = path.Length > 3 ? path[3..] : "";
        return $"/{code}{rest}{Request.QueryString}";
    }
}
