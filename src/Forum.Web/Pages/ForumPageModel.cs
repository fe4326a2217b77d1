using System.Globalization;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Web.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

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
    public string AuthorName(Contributions.Author author) =>
        author.Name == Data.Accounts.ForumUser.DeletedName ? T("account.deleted-user") : author.Name;

    public string LanguageName(string code) => texts.Get(Culture, $"language.{code}");

    /// <summary>
    /// A refused input in the page's language: error.{rule}.{form} for a form that words it its own way (a translation's
    /// title), else error.{rule}.{field}, else error.{rule}, else the rule's own (English) message; the error's named
    /// values put into its "{name}" places.
    /// </summary>
    public string ErrorText(ForumException error, string? form = null) =>
        ((form is { Length: > 0 } ? texts.Find(Culture, $"error.{error.Rule}.{form.ToLowerInvariant()}") : null)
        ?? (error.Field is { } field ? texts.Find(Culture, $"error.{error.Rule}.{field}") : null)
        ?? texts.Find(Culture, $"error.{error.Rule}")) is { } text ? WithArguments(text, error)
        : error.Message;

    /// <summary>Puts the error's named values into "{name}" places: dates in the forum's zone and the page's format, numbers in its culture.</summary>
    private string WithArguments(string text, ForumException error) =>
        error.Arguments.Aggregate(text, (written, argument) => written.Replace($"{{{argument.Key}}}", argument.Value switch
        {
            System.DateTime utc => DateTime(clock.ToLocal(utc)),
            IFormattable value => value.ToString(null, FormatCulture),
            var value => value.ToString(),
        }));

    /// <summary>
    /// The forum's zone as people name it, "Paris" for Europe/Paris, in the page's language: the texts' time-zone.{id}
    /// when they name the city (time-zone.europe-paris: "París"), else the id's last segment.
    /// </summary>
    public string ZoneCity
    {
        get
        {
            var id = clock.Zone.Id;
            return texts.Find(Culture, "time-zone." + id.ToLowerInvariant().Replace('/', '-').Replace('_', '-'))
                ?? id[(id.LastIndexOf('/') + 1)..].Replace('_', ' ');
        }
    }

    /// <summary>A date and time in the forum's zone, written the way the page's culture writes them.</summary>
    public string DateTime(DateTimeOffset local) => local.ToString("f", FormatCulture);

    /// <summary>An instant for a <c>&lt;time datetime&gt;</c> attribute: to the second with its offset, as HTML allows.</summary>
    public string MachineTime(DateTimeOffset local) => local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A time of day in the forum's zone, written the way the page's culture writes it.</summary>
    public string Time(DateTimeOffset local) => local.ToString("t", FormatCulture);

    /// <summary>"13 days", "13 jours", "13 días": how far an instant is from now, before or after, in the page's language.</summary>
    public string Duration(DateTimeOffset instant) => SpanWords.Of(RoughSpan.Of(instant.UtcDateTime - clock.UtcNow), FormatCulture);

    /// <summary>
    /// Says, on the next page this person sees, that what they just did was done ("Phase closed.").
    /// Kept in the TempData cookie across the redirect; a page that reads it deletes the cookie, so the
    /// output cache never stores a page carrying one.
    /// </summary>
    protected void Flash(string key, params object[] values) => TempData[FlashKey] = T(key, values);

    public const string FlashKey = "flash";

    /// <summary>
    /// Tells drafts.js, on the next page, that the form whose <c>data-draft-key</c> is <paramref name="draftKey"/> was
    /// taken, so the copy the browser kept of it is dropped. Only the server knows the submit succeeded.
    /// </summary>
    protected void DraftDone(string draftKey) => TempData[DraftDoneKey] = draftKey;

    public const string DraftDoneKey = "draft-done";

    /// <summary>The flash the previous request left for this page, if any (read once).</summary>
    public string? Flashed => LeftByPreviousRequest(FlashKey);

    /// <summary>The draft key the previous request said was taken, if any (read once).</summary>
    public string? DraftDoneLeft => LeftByPreviousRequest(DraftDoneKey);

    // TempData is opened only when its cookie came with the request: opening it makes the answer delete the cookie
    // (a Set-Cookie even when there was none), and the output cache stores no answer that sets a cookie.
    private string? LeftByPreviousRequest(string key) =>
        Request.Cookies.ContainsKey(HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Name!)
            ? TempData[key] as string
            : null;

    /// <summary>The form sent back refused in this request, if any ("Post", "Reply").</summary>
    public string? RefusedForm { get; private set; }

    /// <summary>The refusal was a concurrent change: an edit form shows what was typed and the text saved meanwhile.</summary>
    public bool Stale { get; private set; }

    /// <summary>Whether <paramref name="form"/> is the one sent back refused, so it shows what was typed and why.</summary>
    public bool IsRefused(string form) => RefusedForm == form;

    /// <summary>
    /// What a participant typed in the refused form, for pages that give it back even when the page itself is gone
    /// (the phase hidden or its theme withdrawn since it was loaded); null for pages that do not.
    /// </summary>
    public virtual TextForm? RefusedText => null;

    /// <summary>Set when the page a refused form came from can no longer be shown: the page shows only the typed text and why.</summary>
    public bool PageGone { get; private set; }

    /// <summary>Answers a refused form with the status the API would use (400, 403, 404, 409, 429 with Retry-After), the page showing why.</summary>
    protected void RefusedWith(ForumException error) => ForumProblems.SetStatus(Response, error);

    /// <summary>
    /// Runs a form's use case and answers what it returns (a redirect, mostly). A broken rule instead answers the
    /// status the API would, and shows the page again (<paramref name="showAgain"/>) with the reason in the page's
    /// language under the form's name, or beside the input at fault when the form shows one for that field
    /// (<paramref name="fields"/>: "title", or a path ending in it such as "texts.fr.title", puts it on "{form}.Title").
    /// The bound form keeps what was typed.
    /// </summary>
    /// <param name="form">The form's name in the model state ("Post", "Input.Password"); empty for the page as a whole.</param>
    protected async Task<IActionResult> SubmitFormAsync(
        string form, Func<Task<IActionResult>> submit, Func<Task<IActionResult>> showAgain, params string[] fields)
    {
        try
        {
            return await submit();
        }
        catch (ForumException error)
        {
            RefusedWith(error);
            RefusedForm = form;
            Stale = error.Rule == ConcurrencyRule;
            // An unconfirmed address: the summary offers to send the link again (_ErrorSummary).
            ViewData[Accounts.ConfirmedAddressRule.Rule] = error.Rule == Accounts.ConfirmedAddressRule.Rule ? true : null;
            // Every input at fault at once, not one per try.
            foreach (var failure in error.Failures.Where(f => f.Rule != Core.Contributions.LanguageCheck.MismatchRule))
            {
                var field = failure.Field is { Length: > 0 } path ? path[(path.LastIndexOf('.') + 1)..] : null;
                var key = field is not null && fields.Contains(field, StringComparer.OrdinalIgnoreCase)
                    ? $"{form}.{char.ToUpperInvariant(field[0])}{field[1..]}"
                    : form;
                ModelState.AddModelError(key, RefusalText(failure, form));
                RefusalOrder.Add(key);
            }
            var shown = await showAgain();
            // A text that reads as another language is a question, not a fault: _ErrorSummary asks it with its two answers.
            // Asked once the page is loaded again, which knows whether the heard language may still be taken.
            if (error.Rule == Core.Contributions.LanguageCheck.MismatchRule && error.Arguments.TryGetValue("detectedLanguage", out var heard)
                && error.Arguments.TryGetValue("declaredLanguage", out var declared))
            {
                var (confirm, change) = LanguageAnswerFields(form, (string)heard);
                ViewData[LanguageQuestion.Key] = new LanguageQuestion(form, (string)declared, (string)heard, confirm, change);
            }
            if (shown is PageResult || RefusedText is null)
            {
                return shown;
            }
            // The page went away meanwhile (404): still hand back what was typed, with the refusal's status.
            PageGone = true;
            return Page();
        }
    }

    private const string ConcurrencyRule = "concurrency.stale-version";

    /// <summary>
    /// The fields of a form that answer the language question: the one that keeps the declared language, and the one
    /// that takes the heard language instead, null when the form's language cannot change (an edit of one version) or
    /// the text already exists in the heard language (<paramref name="heard"/>).
    /// </summary>
    protected virtual (string Confirm, string? Change) LanguageAnswerFields(string form, string heard) => ($"{form}.LanguageConfirmed", $"{form}.PostAs");

    /// <summary>The model-state keys of this request's refusals in the order the rules found them, for _ErrorSummary.</summary>
    public const string RefusalOrderKey = "forum.refusal-order";

    private List<string> RefusalOrder => ViewData[RefusalOrderKey] as List<string> ?? (List<string>)(ViewData[RefusalOrderKey] = new List<string>());

    /// <summary>What a refused form says about one failure; pages whose forms word a rule their own way override it.</summary>
    protected virtual string RefusalText(ForumException failure, string form) => ErrorText(failure, form);

    /// <summary>Refuses a form without calling a service (400): a confirmation the page itself asks for.</summary>
    protected void Refuse(string form, string key, string message)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        RefusedForm = form;
        ModelState.AddModelError(key, message);
    }

    /// <summary>The same page in another language: only the culture segment changes.</summary>
    public virtual string InCulture(string code)
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

    /// <summary>The answer "keep my language" to the language question.</summary>
    public bool LanguageConfirmed { get; set; }

    /// <summary>
    /// The answer "post it as the language heard": the button's value replaces the language chosen (bound after it,
    /// being declared after it), so that the form shows it if it comes back again.
    /// </summary>
    public string? PostAs
    {
        get => null;
        set
        {
            if (!string.IsNullOrEmpty(value))
            {
                Language = value;
            }
        }
    }
}

/// <summary>
/// "This text looks French. Post it as French / Keep English", asked at the top of <see cref="Form"/> by _ErrorSummary;
/// <see cref="ConfirmField"/> and <see cref="ChangeField"/> name the two buttons (no change button for an edit).
/// </summary>
public sealed record LanguageQuestion(string Form, string Declared, string Detected, string ConfirmField, string? ChangeField)
{
    public const string Key = "forum.language-question";
}
