using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Data;
using Forum.Web.Authorization;
using Forum.Web.Contributions;
using Forum.Web.Edits;
using Forum.Web.Reports;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Reading;

/// <summary>One contribution: every version side by side, its replies, and the forms to reply, translate, report it or edit one's own version.</summary>
public sealed class ContributionModel(
    Phases.PhaseService phases,
    UiTexts texts, ForumLanguages languages, ForumClock clock,
    ContributionService contributions, EditService edits, ReportService reports, ForumOptions options,
    Themes.ThemeService themes, MachineTranslation.MachineTranslationService machine)
    : ForumPageModel(texts, languages, clock)
{
    /// <summary>The versions in the order the reader meets them: their language, the original, then the others.</summary>
    public IReadOnlyList<VersionView> VersionsInReadingOrder { get; private set; } = [];

    public Breadcrumbs Trail { get; private set; } = null!;

    /// <summary>
    /// Where a signed-in reader can act on a reply: its author edits or translates it on its own page, others may
    /// add a missing language there; that page's forms say what the rules allow now.
    /// </summary>
    public (string Key, string Anchor)? ReplyActions(ContributionView reply) =>
        User.Identity?.IsAuthenticated != true ? null
        : reply.Author.Id == User.Id() ? ("reply.edit-or-translate", $"#version-{reply.OriginalLanguage}")
        : reply.Languages.Count < Languages.Count ? ("reply.translate", "#translate")
        : null;

    public ContributionView Contribution { get; private set; } = null!;
    public Phases.PhaseView Phase { get; private set; } = null!;

    /// <summary>The stored contribution, which says what the reader may do with it.</summary>
    private Core.Contributions.Contribution stored = null!;

    [BindProperty]
    public TextForm Reply { get; set; } = new();

    [BindProperty]
    public TextForm Translation { get; set; } = new();

    /// <summary>An edit of one version (named by its language), with the contribution's version the author read.</summary>
    [BindProperty]
    public TextForm Edit { get; set; } = new();

    [BindProperty]
    public Guid? EditVersion { get; set; }

    /// <summary>An update of a translation that may be out of date (named by its language), by anyone signed in.</summary>
    [BindProperty]
    public TextForm Update { get; set; } = new();

    [BindProperty]
    public Guid? UpdateVersion { get; set; }

    /// <summary>Whether this update form is the one sent back with an error.</summary>
    public bool IsReturnedUpdate(VersionView version) => IsRefused("Update") && Update.Language == version.Language;

    /// <summary>
    /// Whether the reader is offered the form to update this stale translation: signed in, and not its translator still in
    /// their edit window (their edit form does the same).
    /// </summary>
    public bool MayUpdate(VersionView version) =>
        User.Identity?.IsAuthenticated == true && stored.CanUpdateTranslation(version.Language) && EditableUntil(version) is null;

    /// <summary>The original, shown in the update form beside the translation being brought in line with it.</summary>
    public VersionView Original => Contribution.Versions.First(v => v.IsOriginal);

    public ErrorSummary UpdateErrors(VersionView version) => new("Update", $"update-{version.Language}-errors", $"update-{version.Language}");

    public KeptText KeptUpdate(VersionView version) => new("Update", $"update-{version.Language}", Update);

    public bool IsModerator => User.IsModerator();

    /// <summary>Whether this edit form is the one sent back with an error, so it shows what was typed and why it was refused.</summary>
    public bool IsReturnedEdit(VersionView version) => IsRefused("Edit") && Edit.Language == version.Language;

    /// <summary>
    /// An edit or an update keeps its version's language, and a translation cannot take a language the contribution has:
    /// the language question then offers only to keep the declared one.
    /// </summary>
    protected override (string Confirm, string? Change) LanguageAnswerFields(string form, string heard) =>
        form is "Edit" or "Update" || (form == "Translation" && (stored is null || !MissingLanguages.Contains(heard)))
            ? ($"{form}.LanguageConfirmed", null)
            : base.LanguageAnswerFields(form, heard);

    public override TextForm? RefusedText => RefusedForm switch
    {
        "Reply" => Reply,
        "Translation" => Translation,
        "Edit" => Edit,
        "Update" => Update,
        _ => null,
    };

    /// <summary>The ids' prefix of the refused form ("reply", "edit-fr"), for the text given back when the page is gone.</summary>
    public string RefusedFormId => RefusedForm switch
    {
        "Edit" => $"edit-{Edit.Language}",
        "Update" => $"update-{Update.Language}",
        _ => (RefusedForm ?? "").ToLowerInvariant(),
    };

    public ErrorSummary ErrorsReply => new("Reply");

    public ErrorSummary ErrorsTranslation => new("Translation");

    public ErrorSummary EditErrors(VersionView version) => new("Edit", $"edit-{version.Language}-errors", $"edit-{version.Language}");

    public KeptText KeptReply => new("Reply", "reply", Reply);

    public KeptText KeptTranslation => new("Translation", "translation", Translation);

    public KeptText KeptEdit(VersionView version) => new("Edit", $"edit-{version.Language}", Edit);

    public KeptText KeptRefused => new(RefusedForm!, RefusedFormId, RefusedText!);

    /// <summary>Where drafts.js keeps each form's unsent text; the same in every language of the page.</summary>
    public static string DraftKey(string form, long id, string? language = null) =>
        language is null ? $"{form}:contribution-{id}" : $"{form}:contribution-{id}-{language}";

    /// <summary>The longest title and text the rules take, for the forms' counters.</summary>
    public Core.TextLimits Limits => options.Limits;

    /// <summary>
    /// The language the translation form offers first: the page's, when the contribution lacks it (the reader most
    /// likely translates into their own language), else the first one missing; what was typed wins after a refusal.
    /// </summary>
    public string? TranslationLanguage =>
        Translation.Language is { } typed && MissingLanguages.Contains(typed) ? typed
        : MissingLanguages.Contains(Culture) ? Culture
        : MissingLanguages.FirstOrDefault();

    /// <summary>Until when the signed-in user may still edit this version of theirs; null when they may not.</summary>
    public DateTimeOffset? EditableUntil(VersionView version) => edits.EditableUntil(stored, version.Language, User);

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

    public bool AlreadyReported { get; private set; }

    /// <summary>Signed-in readers may report what others wrote, once, while it is visible.</summary>
    public bool CanReport { get; private set; }

    public IEnumerable<string> ReportReasons => Core.Reports.Report.ReasonCodes.Keys;

    /// <summary>Languages the contribution can be translated into now.</summary>
    public IReadOnlyList<string> MissingLanguages => Languages.Where(l => stored.CanTranslate(Phase.State, l)).ToList();

    public bool CanReply => stored.CanReply(Phase.State);

    public bool CanTranslate => MissingLanguages.Count > 0;

    /// <summary>
    /// A machine translation is offered to a reader whose language the contribution lacks, when the forum has a provider;
    /// asked for with ?machine-translation=1 (a plain link), it is shown marked as such and never stored.
    /// </summary>
    public bool OffersMachineTranslation => machine.IsEnabled && !Contribution.Languages.Contains(Culture);

    public MachineTranslation.MachineTranslationView? Machine { get; private set; }

    /// <summary>Why the machine translation asked for is not shown (the provider failed, too many asked), in the page's language.</summary>
    public string? MachineError { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        try
        {
            (Contribution, stored) = await contributions.ReadAsync(id, User);
            Phase = await phases.ReadAsync(Contribution.PhaseId, Culture, User);
            VersionsInReadingOrder = LocalizedText.InReadingOrder(Contribution.Versions, v => v.Language, Culture, Contribution.OriginalLanguage, Languages);
            Trail = ReadingTrail(await themes.ReadAsync(Phase.ThemeSlug, Culture, User));
            AlreadyReported = User.Identity?.IsAuthenticated == true && await reports.AlreadyReportedAsync(id, User.Id());
            CanReport = User.Identity?.IsAuthenticated == true && !AlreadyReported && Core.Reports.Report.CanFile(stored, User.Id());
            if (Request.Query["machine-translation"] == "1" && HttpMethods.IsGet(Request.Method) && OffersMachineTranslation)
            {
                await ShowMachineTranslationAsync(id);
            }
            return Page();
        }
        catch (ForumException e) when (e.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }
    }

    private async Task ShowMachineTranslationAsync(long id)
    {
        try
        {
            Machine = await machine.ContributionAsync(id, Culture, User, Security.ClientAddressKey.For(HttpContext), HttpContext.RequestAborted);
        }
        catch (ForumException e) when (e.Kind is not FailureKind.NotFound)
        {
            // The page stays readable in the original; the message says why no translation is shown.
            MachineError = ErrorText(e, "machine-translation");
        }
    }

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostReplyAsync(long id) =>
        SubmitAsync(id, "Reply", async () =>
        {
            var reply = await contributions.ReplyAsync(id, new VersionInput(Reply.Language, Reply.Title, Reply.Body, Reply.LanguageConfirmed), User);
            Flash("reply.done");
            DraftDone(DraftKey("reply", id));
            return $"/{Culture}/contributions/{id}#contribution-{reply.Id}";
        });

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostTranslateAsync(long id) =>
        SubmitAsync(id, "Translation", async () =>
        {
            await contributions.TranslateAsync(id, new VersionInput(Translation.Language, Translation.Title, Translation.Body, Translation.LanguageConfirmed), User);
            Flash("translation.done");
            DraftDone(DraftKey("translation", id));
            return $"/{Culture}/contributions/{id}#contribution-{id}";
        });

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostEditAsync(long id) =>
        SubmitAsync(id, "Edit", async () =>
        {
            await edits.EditAsync(id, Edit.Language ?? "", new VersionEdit(Edit.Title, Edit.Body, EditVersion, Edit.LanguageConfirmed), User);
            Flash("edit.done");
            DraftDone(DraftKey("edit", id, Edit.Language));
            return $"/{Culture}/contributions/{id}#contribution-{id}";
        });

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostUpdateAsync(long id) =>
        SubmitAsync(id, "Update", async () =>
        {
            await edits.UpdateTranslationAsync(id, Update.Language ?? "", new VersionEdit(Update.Title, Update.Body, UpdateVersion, Update.LanguageConfirmed), User);
            Flash("translation.update.done");
            DraftDone(DraftKey("update", id, Update.Language));
            return $"/{Culture}/contributions/{id}#version-{Update.Language}";
        });

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostReportAsync(long id) =>
        SubmitAsync(id, "Reporting", async () =>
        {
            await reports.FileAsync(id, new ReportInput(Reporting.Reason, Reporting.Comment, Culture), User);
            Flash("report.sent");
            return $"/{Culture}/contributions/{id}";
        });

    /// <summary>Runs a form's action and goes where it says; a refusal comes back on the page, next to the field at fault.</summary>
    private Task<IActionResult> SubmitAsync(long id, string form, Func<Task<string>> submit) =>
        SubmitFormAsync(form, async () => Redirect(await submit()), () => OnGetAsync(id), "title", "language", "body", "reason", "comment");

    private Breadcrumbs ReadingTrail(Themes.ThemeView theme)
    {
        var shown = VersionsInReadingOrder[0];
        var here = new Crumb(shown.Title ?? T("contribution.untitled"), $"/{Culture}/contributions/{Contribution.Id}", shown.Language);
        // A reply's trail passes through the contribution it answers.
        return Contribution.ParentId is { } parent
            ? Breadcrumbs.To(this, theme, Phase, new Crumb(T("reply.parent"), $"/{Culture}/contributions/{parent}#contribution-{Contribution.Id}", Culture), here)
            : Breadcrumbs.To(this, theme, Phase, here);
    }

    public string VersionHeading(VersionView version) =>
        version.IsOriginal
            ? T("contribution.original-in", LanguageName(version.Language))
            : T("contribution.translation-in", LanguageName(version.Language), AuthorName(version.Author));
}
