using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Web.Authorization;
using Forum.Web.Translation;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Translation;

/// <summary>
/// The translation desk: what lacks a language, oldest first, filtered by phase and language pair (a GET form),
/// with counts per pair and each text's claims; "Translate" claims a text and opens the side-by-side editor.
/// </summary>
public sealed class DeskModel(UiTexts texts, ForumLanguages languages, ForumClock clock, TranslationDesk desk)
    : ForumPageModel(texts, languages, clock)
{
    [BindProperty(SupportsGet = true, Name = "phase")]
    public int? PhaseId { get; set; }

    [BindProperty(SupportsGet = true, Name = "pair")]
    public string? Pair { get; set; }

    [BindProperty(SupportsGet = true, Name = "after")]
    public string? After { get; set; }

    public DeskPage Desk { get; private set; } = new([], [], null, null, [], [], null);

    public IReadOnlyList<DeskPhase> Phases { get; private set; } = [];

    public IReadOnlyDictionary<int, DeskPhase> PhaseById => Phases.ToDictionary(p => p.Id);

    [HandlerPolicy(Policies.Participant)]
    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            if (ModelState.TryGetValue("phase", out var typed) && typed.Errors.Count > 0)
            {
                // "?phase=abc": said as a phase that is not there, rather than silently showing every phase.
                throw ForumException.NotFound("phase", typed.AttemptedValue ?? "");
            }
            await LoadAsync();
        }
        catch (ForumException error) when (error.Kind is FailureKind.Invalid or FailureKind.NotFound)
        {
            // A filter that no longer fits (a phase withdrawn, a pair mistyped): the reason, and the desk unfiltered.
            RefusedWith(error);
            ModelState.AddModelError("Filter", ErrorText(error));
            (PhaseId, Pair, After) = (null, null, null);
            await LoadAsync();
        }
        return Page();
    }

    private async Task LoadAsync()
    {
        Phases = await desk.PhasesAsync(Culture);
        Desk = await desk.PageAsync(User, PhaseId, Pair, After, null, Culture);
    }

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostClaimAsync(string? item, long id, string? language) =>
        SubmitFormAsync("Claim", async () =>
        {
            var claim = await desk.ClaimAsync(item, id, language, User);
            return Redirect(EditorUrl(claim.Item, claim.Id, claim.Language));
        }, async () =>
        {
            await LoadAsync();
            return Page();
        });

    public string EditorUrl(string item, long id, string language) => $"/{Culture}/translate/{item}/{id}/{language}";

    /// <summary>The desk with other filters: the page starts again from the oldest.</summary>
    public string FilterUrl(int? phase, string? pair)
    {
        var query = new List<string>();
        if (phase is { } p)
        {
            query.Add($"phase={p}");
        }
        if (pair is { Length: > 0 })
        {
            query.Add($"pair={Uri.EscapeDataString(pair)}");
        }
        return $"/{Culture}/translate" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    public string NextUrl(string cursor) => FilterUrl(PhaseId, Desk.Pair) + (PhaseId is null && Desk.Pair is null ? "?" : "&") + $"after={Uri.EscapeDataString(cursor)}";

    public string PhaseName(int id) =>
        PhaseById.TryGetValue(id, out var phase) ? $"{phase.ThemeTitle}{T("heading.separator")}{T("phase.number", phase.Number)}{T("heading.separator")}{phase.Title}" : "";

    public string PairName(string from, string to) => T("desk.pair", LanguageName(from), LanguageName(to));

    public string ItemTitle(DeskItem item) =>
        item.Item == TranslationDesk.SynthesisItem ? T("synthesis.title", item.Number ?? 0) : item.Title is { Length: > 0 } title ? title : T("contribution.untitled");
}
