using Forum.Core;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Core.Translation;
using Forum.Web.Authorization;
using Forum.Web.Contributions;
using Forum.Web.Translation;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Translation;

/// <summary>
/// The side-by-side editor: the text to translate (its Markdown rendered) beside the translation's form with a preview.
/// Saving goes through the item's own rules and releases the claim; cancelling releases it too; a refusal keeps what was typed.
/// </summary>
public sealed class EditorModel(
    UiTexts texts, ForumLanguages languages, ForumClock clock, TranslationDesk desk, ContributionService contributions, ForumOptions options)
    : ForumPageModel(texts, languages, clock)
{
    /// <summary>One language of the text to translate.</summary>
    public sealed record SourceText(string Language, string? Title, string BodyHtml);

    [BindProperty]
    public TextForm Translation { get; set; } = new();

    [FromRoute(Name = "item")]
    public string Item { get; set; } = "";

    [FromRoute(Name = "id")]
    public long Id { get; set; }

    /// <summary>The language translated into.</summary>
    [FromRoute(Name = "language")]
    public string Language { get; set; } = "";

    /// <summary>The language read from, when the reader picked one (?from=).</summary>
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    public IReadOnlyList<SourceText> Sources { get; private set; } = [];

    public SourceText Source { get; private set; } = null!;

    /// <summary>A contribution (not a reply) and a synthesis have titles.</summary>
    public bool HasTitle { get; private set; }

    /// <summary>The text already exists in the language: nothing left to translate.</summary>
    public bool AlreadyThere { get; private set; }

    public ClaimView? Claim { get; private set; }

    /// <summary>The item's own page.</summary>
    public string ItemUrl { get; private set; } = "";

    public string Heading { get; private set; } = "";

    public TextLimits Limits => options.Limits;

    public string DeskUrl => $"/{Culture}/translate";

    public string DraftKey => $"desk:{Item}-{Id}-{Language}";

    public override TextForm? RefusedText => RefusedForm == "Translation" ? Translation : null;

    public ErrorSummary Errors => new("Translation");

    public KeptText Kept => new("Translation", "translation", Translation);

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnGetAsync() => ShowAsync();

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostSaveAsync() =>
        SubmitFormAsync("Translation", async () =>
        {
            EnsureKnown();
            if (TranslationDesk.KindOf(Item) == TranslationItemKind.Contribution)
            {
                await desk.SaveContributionAsync(Id, Language, Translation.Title, Translation.Body, User);
            }
            else
            {
                await desk.SaveSynthesisAsync(Id, Language, Translation.Title, Translation.Body, User);
            }
            Flash("desk.saved", LanguageName(Language));
            DraftDone(DraftKey);
            return Redirect(DeskUrl);
        }, ShowAsync, "title", "body", "language");

    [HandlerPolicy(Policies.Participant)]
    public async Task<IActionResult> OnPostCancelAsync()
    {
        try
        {
            await desk.ReleaseAsync(Item, Id, Language, User);
            Flash("desk.released", LanguageName(Language));
        }
        catch (ForumException error) when (error.Kind is FailureKind.NotFound or FailureKind.Forbidden or FailureKind.Invalid)
        {
            // Nothing of theirs to give back (it lapsed, or was never claimed): cancelling simply leaves.
        }
        DraftDone(DraftKey);
        return Redirect(DeskUrl);
    }

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostClaimAsync() =>
        SubmitFormAsync("Claim", async () =>
        {
            await desk.ClaimAsync(Item, Id, Language, User);
            return Redirect($"/{Culture}/translate/{Item}/{Id}/{Language}");
        }, ShowAsync);

    private void EnsureKnown()
    {
        if (Item is not (TranslationDesk.ContributionItem or TranslationDesk.SynthesisItem))
        {
            throw ForumException.NotFound(Item, Id);
        }
        ForumLanguages.Require(Language, "language");
    }

    private async Task<IActionResult> ShowAsync()
    {
        if (Item is not (TranslationDesk.ContributionItem or TranslationDesk.SynthesisItem) || !ForumLanguages.IsSupported(Language))
        {
            return NotFound();
        }
        string original;
        try
        {
            if (Item == TranslationDesk.ContributionItem)
            {
                var (view, _) = await contributions.ReadAsync(Id, User);
                Sources = view.Versions.Select(v => new SourceText(v.Language, v.Title, v.BodyHtml)).ToList();
                HasTitle = view.ParentId is null;
                original = view.OriginalLanguage;
                ItemUrl = $"/{Culture}/contributions/{Id}";
                Heading = T("desk.editor-contribution", LanguageName(Language));
            }
            else
            {
                var synthesis = await desk.ReadableSynthesisAsync(Id, User);
                Sources = synthesis.Versions.Select(v => new SourceText(v.Language, v.Title, v.BodyHtml)).ToList();
                HasTitle = true;
                original = Sources[0].Language;
                ItemUrl = $"/{Culture}/phases/{synthesis.PhaseId}#synthesis-{synthesis.Id}";
                Heading = T("desk.editor-synthesis", synthesis.Number, LanguageName(Language));
            }
        }
        catch (ForumException error) when (error.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }
        AlreadyThere = Sources.Any(s => s.Language == Language);
        var reads = await desk.LanguagesOfAsync(User);
        var candidates = Sources.Where(s => s.Language != Language).ToList();
        // Read from the language asked, else the original when the person reads it, else another they read, else the original.
        Source = candidates.FirstOrDefault(s => s.Language == From)
            ?? candidates.FirstOrDefault(s => s.Language == original && (reads.Count == 0 || reads.Contains(original)))
            ?? candidates.FirstOrDefault(s => reads.Contains(s.Language))
            ?? candidates.FirstOrDefault(s => s.Language == original)
            ?? Sources[0];
        Sources = candidates;
        Claim = await desk.ClaimOnAsync(TranslationDesk.KindOf(Item), Id, Language, User);
        return Page();
    }
}
