using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Moderation;

/// <summary>What the moderation pages share: the forum's zone named for people, and their forms' dates and concurrent edits.</summary>
public abstract class ModerationPageModel(UiTexts texts, ForumLanguages languages, ForumClock clock) : ForumPageModel(texts, languages, clock)
{
    /// <summary>"Paris time", "heure de Paris", "hora de París": the zone the forms' dates are in.</summary>
    public string ZoneTime => T("phase.time-zone", ZoneCity);

    /// <summary>A concurrent change is told as the moderation forms show it: both texts, the moderator's kept.</summary>
    protected override string RefusalText(ForumException failure, string form) =>
        Stale ? T("moderation.stale") : base.RefusalText(failure, form);

    /// <summary>A datetime-local input's value: the minute, without zone, as the browser expects.</summary>
    public static string LocalInput(DateTime? value) => value?.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public static string LocalInput(DateTimeOffset value) => LocalInput((DateTime?)value.DateTime);
}
