using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Moderation;

/// <summary>What the moderation pages share: the forum's zone named for people, and refused forms answered at their top.</summary>
public abstract class ModerationPageModel(UiTexts texts, ForumLanguages languages, ForumClock clock) : ForumPageModel(texts, languages, clock)
{
    private readonly UiTexts _texts = texts;

    /// <summary>"Paris time", "heure de Paris", "hora de París": the zone the forms' dates are in.</summary>
    public string ZoneTime => T("moderation.zone-time", ZoneCity);

    /// <summary>The city of the forum's zone ("Europe/Paris" → Paris), in the page's language when it has a name there.</summary>
    public string ZoneCity =>
        _texts.Find(Culture, $"moderation.zone.{Clock.Zone.Id}") ?? Clock.Zone.Id[(Clock.Zone.Id.LastIndexOf('/') + 1)..].Replace('_', ' ');

    /// <summary>The form that was refused, so that the page opens it again with what was typed, and only that one.</summary>
    public string? RefusedForm { get; private set; }

    /// <summary>The refusal was a concurrent change: the form shows the moderator's text and the one saved meanwhile.</summary>
    public bool Stale { get; private set; }

    /// <summary>
    /// Runs a form's action; a refusal answers the API's status and shows the page again, the reason at the top of
    /// <paramref name="form"/>'s error summary, linked to the field at fault (its last segment: "texts.fr.title" is
    /// "{form}.Title", the id "{form}-title" in lower case).
    /// </summary>
    protected async Task<IActionResult> ModerateAsync(string form, Func<Task<IActionResult>> submit, Func<Task<IActionResult>> showAgain, params string[] fields)
    {
        try
        {
            return await submit();
        }
        catch (ForumException error)
        {
            RefusedWith(error);
            RefusedForm = form;
            Stale = error.Rule == "concurrency.stale-version";
            var field = error.Field is { Length: > 0 } name ? name[(name.LastIndexOf('.') + 1)..] : null;
            var key = field is not null && fields.Contains(field, StringComparer.OrdinalIgnoreCase)
                ? $"{form}.{char.ToUpperInvariant(field[0])}{field[1..]}"
                : form;
            ModelState.AddModelError(key, Stale ? T("moderation.stale") : ErrorText(error));
            return await showAgain();
        }
    }

    /// <summary>Refuses a form without calling a service: a confirmation the page itself asks for.</summary>
    protected void Refuse(string form, string key, string message)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        RefusedForm = form;
        ModelState.AddModelError(key, message);
    }

    /// <summary>A datetime-local input's value: the minute, without zone, as the browser expects.</summary>
    public static string LocalInput(DateTime? value) => value?.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public static string LocalInput(DateTimeOffset value) => LocalInput((DateTime?)value.DateTime);
}
