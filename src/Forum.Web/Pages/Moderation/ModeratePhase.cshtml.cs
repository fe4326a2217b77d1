using Forum.Core;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Phases;
using Forum.Core.Time;
using Forum.Synthesis.Summaries;
using Forum.Synthesis.Syntheses;
using Forum.Web.Authorization;
using Forum.Web.Input;
using Forum.Web.Phases;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Moderation;

/// <summary>
/// The moderation team's view of one phase: its schedule (the changes its state allows, with a reason, closing
/// confirmed), every contribution with hide and restore, the syntheses with the draft summaries beside the editor,
/// and the audit trail in sentences. Only moderators reach it (see the folder's policy in ForumServices).
/// </summary>
public sealed class ModeratePhaseModel(
    UiTexts texts, ForumLanguages languages, ForumClock clock,
    PhaseService phases, SynthesisService syntheses, DraftSummaries drafts, Contributions.ContributionService contributions)
    : ModerationPageModel(texts, languages, clock)
{
    public PhaseView Phase { get; private set; } = null!;
    public Contributions.ContributionPage Contributions { get; private set; } = new([], null);
    public IReadOnlyList<PhaseSynthesis> Syntheses { get; private set; } = [];

    /// <summary>The draft summary in every language: all are in the page, so that switching language keeps the editor's text.</summary>
    public IReadOnlyList<StoredDraft> Drafts { get; private set; } = [];

    public IReadOnlyList<AuditView> Audit { get; private set; } = [];
    public IReadOnlyDictionary<string, (string Name, bool Deleted)> Actors { get; private set; } = new Dictionary<string, (string, bool)>();

    /// <summary>The schedule changes the phase's state allows now, as the domain says.</summary>
    public IReadOnlyList<ScheduleAction> Actions { get; private set; } = [];

    /// <summary>The phase's texts in every language it has, for the edit form (an edit sends them all).</summary>
    public IReadOnlyList<PhaseText> Texts { get; private set; } = [];

    public sealed class PhaseEdit
    {
        public DateTime? OpensAt { get; set; }
        public DateTime? ClosesAt { get; set; }
        public Guid? Version { get; set; }
        public Dictionary<string, PhaseTextInput> Texts { get; set; } = [];
    }

    [BindProperty] public PhaseEdit Edit { get; set; } = new();

    /// <summary>The language of the draft summary shown first beside the editor (the others are a tab away).</summary>
    [BindProperty(SupportsGet = true)]
    public string? DraftLanguage { get; set; }

    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public DateTime? Until { get; set; }

    /// <summary>Closing is final for participants: the page asks the moderator to confirm it.</summary>
    [BindProperty] public bool ConfirmClose { get; set; }

    [BindProperty] public long? ContributionId { get; set; }
    [BindProperty] public long? SynthesisId { get; set; }
    [BindProperty] public string? SynthesisLanguage { get; set; }
    [BindProperty] public string? SynthesisTitle { get; set; }
    [BindProperty] public string? SynthesisBody { get; set; }

    /// <summary>The answers to the language question: keep the language chosen, or take the one heard (bound after SynthesisLanguage, which it replaces).</summary>
    [BindProperty] public bool SynthesisLanguageConfirmed { get; set; }

    [BindProperty]
    public string? SynthesisPostAs
    {
        get => null;
        set
        {
            if (!string.IsNullOrEmpty(value))
            {
                SynthesisLanguage = value;
            }
        }
    }

    /// <summary>The version of the synthesis the moderator read, so that a concurrent edit is never overwritten.</summary>
    [BindProperty] public Guid? SynthesisVersion { get; set; }

    public const string ScheduleForm = "Schedule";
    public const string CloseForm = "Close";
    public const string EditForm = "Edit";
    public const string NewSynthesisForm = "NewSynthesis";

    /// <summary>A new synthesis may take the language heard; a synthesis's text in one language keeps it.</summary>
    protected override (string Confirm, string? Change) LanguageAnswerFields(string form, string heard) =>
        ("SynthesisLanguageConfirmed", form == NewSynthesisForm ? "SynthesisPostAs" : null);

    public static string SynthesisForm(long synthesisId, string language) => $"Synthesis-{synthesisId}-{language}";

    /// <summary>Where drafts.js keeps an unsaved synthesis text in this browser: the new one per phase, an edit per synthesis and language.</summary>
    public static string NewSynthesisDraftKey(int phaseId) => $"synthesis:phase-{phaseId}";

    public static string SynthesisDraftKey(long synthesisId, string language) => $"synthesis:{synthesisId}-{language}";

    public static string PublishForm(long synthesisId) => $"Publish-{synthesisId}";

    public static string ContributionForm(long contributionId) => $"Contribution-{contributionId}";

    /// <summary>?languageMarks=true: the phase's texts declared against the language check, in place of the contributions.</summary>
    [BindProperty(SupportsGet = true, Name = "languageMarks")]
    public bool OnlyLanguageMarks { get; set; }

    public List<Contributions.LanguageMark> LanguageMarks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        try
        {
            Phase = await phases.ReadAsync(id, Culture, User);
        }
        catch (ForumException e) when (e.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }
        Actions = new PhaseSchedule(Phase.OpensAt.UtcDateTime, Phase.ClosesAt.UtcDateTime).ActionsAt(Clock.UtcNow);
        Contributions = await contributions.ListAsync(id, User, null, Culture, null, InputRules.MaxPageSize, "newest", includeHidden: true) ?? Contributions;
        if (OnlyLanguageMarks)
        {
            LanguageMarks = await contributions.LanguageMarksAsync(id, User) ?? [];
        }
        Syntheses = await syntheses.ListAsync(id, includeDrafts: true);
        DraftLanguage = DraftLanguage is not null && Languages.Contains(DraftLanguage) ? DraftLanguage : Culture;
        var all = new List<StoredDraft>();
        foreach (var code in Languages)
        {
            all.Add(await drafts.ReadAsync(id, code));
        }
        Drafts = all;
        Audit = await phases.AuditAsync(id);
        Actors = await phases.ActorsAsync(Audit.Select(a => a.ActorId));
        Texts = await phases.TextsAsync(id);
        return Page();
    }

    /// <summary>
    /// Shows the draft summary in another language without script: the synthesis form comes back with what was typed
    /// in it (nothing is saved). With script, moderation.js switches the language in the page instead.
    /// </summary>
    public Task<IActionResult> OnPostShowDraftAsync(int id) => OnGetAsync(id);

    public Task<IActionResult> OnPostOpenAsync(int id) =>
        ActAsync(id, ScheduleForm, async () => await phases.OpenAsync(id, new(Reason, Until, null), User), _ => Flash("flash.phase-opened"), "reason", "until");

    public Task<IActionResult> OnPostCloseAsync(int id)
    {
        if (!ConfirmClose)
        {
            Refuse(CloseForm, $"{CloseForm}.ConfirmClose", T("error.phase.close-unconfirmed"));
            return OnGetAsync(id);
        }
        return ActAsync(id, CloseForm, async () => await phases.CloseAsync(id, new(Reason, null, null), User), _ => Flash("flash.phase-closed"), "reason");
    }

    public Task<IActionResult> OnPostExtendAsync(int id) =>
        ActAsync(id, ScheduleForm, async () => await phases.ExtendAsync(id, new(Reason, Until, null), User), _ => Flash("flash.phase-extended"), "reason", "until");

    public Task<IActionResult> OnPostReopenAsync(int id) =>
        ActAsync(id, ScheduleForm, async () => await phases.ReopenAsync(id, new(Reason, Until, null), User), _ => Flash("flash.phase-reopened"), "reason", "until");

    public Task<IActionResult> OnPostHideAsync(int id) =>
        OnContributionAsync(id, () => contributions.HideAsync(ContributionId ?? 0, new(Reason, null), User), "flash.contribution-hidden");

    public Task<IActionResult> OnPostRestoreAsync(int id) =>
        OnContributionAsync(id, () => contributions.RestoreAsync(ContributionId ?? 0, new(Reason, null), User), "flash.contribution-restored");

    public Task<IActionResult> OnPostWriteSynthesisAsync(int id) =>
        ActAsync(id, NewSynthesisForm, async () => await syntheses.CreateAsync(id, [new SynthesisText(SynthesisLanguage, SynthesisTitle, SynthesisBody, SynthesisLanguageConfirmed)], UserId()),
            s =>
            {
                Flash("flash.synthesis-created", s.Number);
                DraftDone(NewSynthesisDraftKey(id));
            }, "title", "body", "language");

    public Task<IActionResult> OnPostEditPhaseAsync(int id) =>
        ActAsync(id, EditForm, async () => await phases.EditAsync(id,
            new PhaseInput(null, null, Edit.OpensAt, Edit.ClosesAt,
                Edit.Texts.Where(t => !string.IsNullOrWhiteSpace(t.Value.Title) || !string.IsNullOrWhiteSpace(t.Value.Question)).ToDictionary(t => t.Key, t => t.Value),
                Edit.Version),
            User), _ => Flash("flash.phase-saved"), "opensAt", "closesAt");

    public async Task<IActionResult> OnPostEditSynthesisAsync(int id)
    {
        if (!await SynthesisOfPhaseAsync(id))
        {
            return NotFound();
        }
        return await ActAsync(id, SynthesisForm(SynthesisId!.Value, SynthesisLanguage ?? ""),
            async () => await syntheses.WriteAsync(SynthesisId ?? 0, SynthesisLanguage ?? "", new SynthesisText(SynthesisLanguage, SynthesisTitle, SynthesisBody, SynthesisLanguageConfirmed), SynthesisVersion, UserId()),
            _ =>
            {
                Flash("flash.synthesis-saved");
                DraftDone(SynthesisDraftKey(SynthesisId!.Value, SynthesisLanguage ?? ""));
            }, "title", "body");
    }

    public async Task<IActionResult> OnPostPublishAsync(int id) =>
        !await SynthesisOfPhaseAsync(id) ? NotFound()
        : await ActAsync(id, PublishForm(SynthesisId!.Value), async () => await syntheses.PublishAsync(SynthesisId ?? 0, null, UserId()), s => Flash("flash.synthesis-published", s.Number));

    public async Task<IActionResult> OnPostUnpublishAsync(int id) =>
        !await SynthesisOfPhaseAsync(id) ? NotFound()
        : await ActAsync(id, PublishForm(SynthesisId!.Value), async () => await syntheses.UnpublishAsync(SynthesisId ?? 0, null, UserId()), s => Flash("flash.synthesis-unpublished", s.Number));

    /// <summary>The synthesis the form names, and the one currently stored, for a refused edit to show beside the moderator's text.</summary>
    public PhaseSynthesis? Stored(long synthesisId) => Syntheses.FirstOrDefault(s => s.Id == synthesisId);

    private string UserId() => User.Id();

    /// <summary>
    /// A handler on /moderation/phases/3 acts on the contributions and syntheses of phase 3 only: an id from
    /// elsewhere (a stale page, a forged form) answers 404, as if the page had no such item.
    /// </summary>
    private async Task<bool> SynthesisOfPhaseAsync(int id) =>
        SynthesisId is { } synthesisId && await syntheses.FindAsync(synthesisId) is { } synthesis && synthesis.PhaseId == id;

    private async Task<bool> ContributionOfPhaseAsync(int id)
    {
        if (ContributionId is not { } contributionId)
        {
            return false;
        }
        try
        {
            return (await contributions.ReadAsync(contributionId, User)).View.PhaseId == id;
        }
        catch (ForumException e) when (e.Kind == FailureKind.NotFound)
        {
            return false;
        }
    }

    private async Task<IActionResult> OnContributionAsync(int id, Func<Task<Contributions.ContributionView>> action, string flash) =>
        !await ContributionOfPhaseAsync(id) ? NotFound()
        : await ActAsync(id, ContributionForm(ContributionId!.Value), async () => await action(), _ => Flash(flash), "reason");

    /// <summary>Runs a moderator action and says it was done; a refused one comes back as a message at the top of its form, with what was typed kept.</summary>
    private Task<IActionResult> ActAsync<T>(int id, string form, Func<Task<T>> action, Action<T> done, params string[] fields) =>
        SubmitFormAsync(form, async () =>
        {
            done(await action());
            return Redirect($"/{Culture}/moderation/phases/{id}");
        }, () => OnGetAsync(id), fields);
}
