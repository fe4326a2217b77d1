using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Phases;
using Forum.Core.Time;
using Forum.Data;
using Forum.Data.Accounts;
using Forum.Web.Accounts;
using Forum.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace Forum.Web.Pages.Reading;

/// <summary>One contribution: every version side by side, its replies, and the forms to reply, translate, report it or edit one's own version.</summary>
public sealed class ContributionModel(
    UiTexts texts, ForumLanguages languages, ForumClock clock, ForumDbContext db, VersionText versionText, IOutputCacheStore cache,
    Security.WriteLimiter limiter, Security.ReportLimiter reportLimiter, ForumOptions options)
    : ForumPageModel(texts, languages, clock)
{
    public ContributionsApi.ContributionView Contribution { get; private set; } = null!;
    public PhasesApi.PhaseView Phase { get; private set; } = null!;

    [BindProperty]
    public TextForm Reply { get; set; } = new();

    [BindProperty]
    public TextForm Translation { get; set; } = new();

    /// <summary>An edit of one version (named by its language), with the contribution's version the author read.</summary>
    [BindProperty]
    public TextForm Edit { get; set; } = new();

    [BindProperty]
    public Guid? EditVersion { get; set; }

    public bool IsModerator => User.IsModerator();

    /// <summary>Whether this edit form is the one sent back with an error, so it shows what was typed and why it was refused.</summary>
    public bool IsReturnedEdit(ContributionsApi.VersionView version) => Request.Method == "POST" && Edit.Language == version.Language;

    /// <summary>Until when the signed-in user may still edit this version of theirs; null when they may not.</summary>
    public DateTimeOffset? EditableUntil(ContributionsApi.VersionView version)
    {
        if (options.EditWindowMinutes <= 0 || Contribution.Hidden is not null || User.Identity?.IsAuthenticated != true || version.Author.Id != User.Id())
        {
            return null;
        }
        var until = version.CreatedAt + TimeSpan.FromMinutes(options.EditWindowMinutes);
        return until.UtcDateTime > Clock.UtcNow ? until : null;
    }

    /// <summary>"You can edit until 10:30 (25 minutes left)", in the page's language.</summary>
    public string EditUntilText(DateTimeOffset until) =>
        T("edit.until", Time(until), Duration(until));

    public sealed class ReportForm
    {
        public string? Reason { get; set; }
        public string? Comment { get; set; }
    }

    [BindProperty]
    public ReportForm Reporting { get; set; } = new();

    /// <summary>Set after a report was taken, to thank the reporter.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Reported { get; set; }

    public bool AlreadyReported { get; private set; }

    /// <summary>Signed-in readers may report what others wrote, once, while it is visible.</summary>
    public bool CanReport => User.Identity?.IsAuthenticated == true && Contribution.Hidden is null && !AlreadyReported
        && Contribution.Author.Id != User.Id();

    public IEnumerable<string> ReportReasons => Core.Reports.Report.ReasonCodes.Keys;

    /// <summary>Languages the contribution can still be translated into.</summary>
    public IReadOnlyList<string> MissingLanguages => Languages.Except(Contribution.Languages).ToList();

    public bool CanReply => Phase.State == PhaseState.Open && Contribution.ParentId is null && Contribution.Hidden is null;

    public bool CanTranslate => Phase.State != PhaseState.Scheduled && Contribution.Hidden is null && MissingLanguages.Count > 0;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        try
        {
            Contribution = (await ContributionsApi.GetContribution(id, db, Clock, User)).Value!;
            Phase = (await PhasesApi.GetPhase(Contribution.PhaseId, Culture, db, ForumLanguages, Clock, User)).Value!;
            AlreadyReported = User.Identity?.IsAuthenticated == true && await ReportsApi.AlreadyReportedAsync(db, id, User.Id());
            return Page();
        }
        catch (ForumException e) when (e.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }
    }

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostReplyAsync(long id) =>
        SubmitAsync(id, "Reply", async () =>
        {
            var reply = (await ContributionsApi.PostReply(id, new ContributionsApi.VersionInput(Reply.Language, Reply.Title, Reply.Body), db, versionText, Clock, User, cache, limiter)).Value!;
            return $"/{Culture}/contributions/{id}#contribution-{reply.Id}";
        });

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostTranslateAsync(long id) =>
        SubmitAsync(id, "Translation", async () =>
        {
            await ContributionsApi.AddTranslation(id, new ContributionsApi.VersionInput(Translation.Language, Translation.Title, Translation.Body), db, versionText, Clock, User, cache, limiter);
            return $"/{Culture}/contributions/{id}#contribution-{id}";
        });

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostEditAsync(long id) =>
        SubmitAsync(id, "Edit", async () =>
        {
            await EditsApi.EditVersion(id, Edit.Language ?? "", new EditsApi.VersionEdit(Edit.Title, Edit.Body, EditVersion),
                db, versionText, options, Clock, User, cache, limiter);
            return $"/{Culture}/contributions/{id}#contribution-{id}";
        });

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostReportAsync(long id) =>
        SubmitAsync(id, "Reporting", async () =>
        {
            await ReportsApi.FileReport(id, new ReportsApi.ReportInput(Reporting.Reason, Reporting.Comment, Culture), db, ForumLanguages, Clock, User, reportLimiter);
            return $"/{Culture}/contributions/{id}?reported=true#report";
        });

    /// <summary>Runs a form's action and goes where it says; a refusal comes back on the page, next to the field at fault.</summary>
    private async Task<IActionResult> SubmitAsync(long id, string form, Func<Task<string>> submit)
    {
        try
        {
            return Redirect(await submit());
        }
        catch (ForumException e) when (e.Kind is FailureKind.Invalid or FailureKind.Conflict or FailureKind.RateLimited or FailureKind.Forbidden)
        {
            RefusedWith(e);
            var field = e.Field switch { "title" => "Title", "language" => "Language", "body" => "Body", "reason" => "Reason", "comment" => "Comment", _ => null };
            ModelState.AddModelError(field is null ? form : $"{form}.{field}", ErrorText(e));
            return await OnGetAsync(id);
        }
    }

    public string VersionHeading(ContributionsApi.VersionView version) =>
        version.IsOriginal
            ? T("contribution.original-in", LanguageName(version.Language))
            : T("contribution.translation-in", LanguageName(version.Language), AuthorName(version.Author));
}
