using Forum.Core;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Data;
using Forum.Synthesis.Summaries;
using Forum.Synthesis.Syntheses;
using Forum.Web.Authorization;
using Forum.Web.Input;
using Forum.Web.Phases;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace Forum.Web.Pages.Moderation;

/// <summary>
/// The moderation team's view of one phase: its schedule (open, close, extend, reopen, with a reason),
/// every contribution with hide and restore, the syntheses with the draft summary beside the editor,
/// and the audit trail. Only moderators reach it (see the folder's policy in ForumServices).
/// </summary>
public sealed class ModeratePhaseModel(
    UiTexts texts, ForumLanguages languages, ForumClock clock,
    PhaseService phases, SynthesisService syntheses, DraftSummaries drafts, Contributions.ContributionService contributions)
    : ForumPageModel(texts, languages, clock)
{
    public PhaseView Phase { get; private set; } = null!;
    public Contributions.ContributionPage Contributions { get; private set; } = new([], null);
    public IReadOnlyList<PhaseSynthesis> Syntheses { get; private set; } = [];
    public StoredDraft Draft { get; private set; } = null!;
    public IReadOnlyList<AuditView> Audit { get; private set; } = [];

    /// <summary>The phase's texts in every language it has, for the edit form (an edit sends them all).</summary>
    public IReadOnlyList<Core.Phases.PhaseText> Texts { get; private set; } = [];

    public sealed class PhaseEdit
    {
        public DateTime? OpensAt { get; set; }
        public DateTime? ClosesAt { get; set; }
        public Guid? Version { get; set; }
        public Dictionary<string, PhaseTextInput> Texts { get; set; } = [];
    }

    [BindProperty] public PhaseEdit Edit { get; set; } = new();

    /// <summary>The language of the draft summary shown beside the editor.</summary>
    [BindProperty(SupportsGet = true)]
    public string? DraftLanguage { get; set; }

    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public DateTime? Until { get; set; }
    [BindProperty] public long? ContributionId { get; set; }
    [BindProperty] public long? SynthesisId { get; set; }
    [BindProperty] public string? SynthesisLanguage { get; set; }
    [BindProperty] public string? SynthesisTitle { get; set; }
    [BindProperty] public string? SynthesisBody { get; set; }

    /// <summary>The version of the synthesis the moderator read, so that a concurrent edit is never overwritten.</summary>
    [BindProperty] public Guid? SynthesisVersion { get; set; }

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
        Contributions = await contributions.ListAsync(id, User, null, Culture, null, InputRules.MaxPageSize, "newest", includeHidden: true) ?? Contributions;
        Syntheses = await syntheses.ListAsync(id, includeDrafts: true);
        DraftLanguage = DraftLanguage is not null && Languages.Contains(DraftLanguage) ? DraftLanguage : Culture;
        Draft = await drafts.ReadAsync(id, DraftLanguage);
        Audit = await phases.AuditAsync(id);
        Texts = await phases.TextsAsync(id);
        return Page();
    }

    public Task<IActionResult> OnPostOpenAsync(int id) => ActAsync(id, () => phases.OpenAsync(id, new(Reason, Until, null), User));

    public Task<IActionResult> OnPostCloseAsync(int id) => ActAsync(id, () => phases.CloseAsync(id, new(Reason, Until, null), User));

    public Task<IActionResult> OnPostExtendAsync(int id) => ActAsync(id, () => phases.ExtendAsync(id, new(Reason, Until, null), User));

    public Task<IActionResult> OnPostReopenAsync(int id) => ActAsync(id, () => phases.ReopenAsync(id, new(Reason, Until, null), User));

    public Task<IActionResult> OnPostHideAsync(int id) =>
        ActAsync(id, () => contributions.HideAsync(ContributionId ?? 0, new(Reason, null), User));

    public Task<IActionResult> OnPostRestoreAsync(int id) =>
        ActAsync(id, () => contributions.RestoreAsync(ContributionId ?? 0, new(Reason, null), User));

    public Task<IActionResult> OnPostWriteSynthesisAsync(int id) =>
        ActAsync(id, () => syntheses.CreateAsync(id, [new SynthesisText(SynthesisLanguage, SynthesisTitle, SynthesisBody)], UserId()));

    public Task<IActionResult> OnPostEditPhaseAsync(int id) =>
        ActAsync(id, () => phases.EditAsync(id,
            new PhaseInput(null, null, Edit.OpensAt, Edit.ClosesAt,
                Edit.Texts.Where(t => !string.IsNullOrWhiteSpace(t.Value.Title) || !string.IsNullOrWhiteSpace(t.Value.Question)).ToDictionary(t => t.Key, t => t.Value),
                Edit.Version),
            User));

    public Task<IActionResult> OnPostEditSynthesisAsync(int id) =>
        ActAsync(id, () => syntheses.WriteAsync(SynthesisId ?? 0, SynthesisLanguage ?? "", new SynthesisText(SynthesisLanguage, SynthesisTitle, SynthesisBody), SynthesisVersion, UserId()));

    public Task<IActionResult> OnPostPublishAsync(int id) => ActAsync(id, () => syntheses.PublishAsync(SynthesisId ?? 0, null, UserId()));

    public Task<IActionResult> OnPostUnpublishAsync(int id) => ActAsync(id, () => syntheses.UnpublishAsync(SynthesisId ?? 0, null, UserId()));

    private string UserId() => User.Id();

    /// <summary>Runs a moderator action; a refused one comes back as a message on the page, with what was typed kept.</summary>
    private Task<IActionResult> ActAsync<T>(int id, Func<Task<T>> action) =>
        SubmitFormAsync("", async () =>
        {
            await action();
            return Redirect($"/{Culture}/moderation/phases/{id}");
        }, () => OnGetAsync(id));
}
