using Forum.Core;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Core.Translation;
using Forum.Web.Authorization;
using Forum.Web.Contributions;
using Forum.Web.MachineTranslation;
using Forum.Web.Security;
using Forum.Web.Translation;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Translation;

/// <summary>
/// The side-by-side editor: the text to translate (its Markdown rendered) beside the translation's form with a preview.
/// A stale translation comes in the form as it is, to update from the original. Saving goes through the item's own rules
/// (the language check's question included) and releases the claim; cancelling releases it too; a refusal keeps what was
/// typed. With a machine translation provider, "Draft with machine translation" fills the form (a plain form post).
/// </summary>
public sealed class EditorModel(
    UiTexts texts, ForumLanguages languages, ForumClock clock, TranslationDesk desk, ContributionService contributions, ForumOptions options,
    MachineTranslationService machine)
    : ForumPageModel(texts, languages, clock)
{
    /// <summary>One language of the text to translate; <see cref="OutdatedSince"/> when it may be out of date itself.</summary>
    public sealed record SourceText(string Language, string? Title, string Body, string BodyHtml, DateTimeOffset? OutdatedSince);

    [BindProperty]
    public TextForm Translation { get; set; } = new();

    /// <summary>The item's kind as the address names it, taken in any case ("Contribution").</summary>
    [FromRoute(Name = "item")]
    public string Item { get; set => field = value.ToLowerInvariant(); } = "";

    [FromRoute(Name = "id")]
    public long Id { get; set; }

    /// <summary>The language translated into, taken in any case ("ES").</summary>
    [FromRoute(Name = "language")]
    public string Language { get; set => field = value.ToLowerInvariant(); } = "";

    /// <summary>The language read from, when the reader picked one (?from=).</summary>
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    public IReadOnlyList<SourceText> Sources { get; private set; } = [];

    public SourceText Source { get; private set; } = null!;

    /// <summary>A contribution (not a reply) and a synthesis have titles.</summary>
    public bool HasTitle { get; private set; }

    /// <summary>The text already exists, up to date, in the language: nothing left to translate.</summary>
    public bool AlreadyThere { get; private set; }

    /// <summary>The text exists in the language but may be out of date (since <see cref="OutdatedSince"/>): the work is an update.</summary>
    public bool ToUpdate => OutdatedSince is not null;

    public DateTimeOffset? OutdatedSince { get; private set; }

    /// <summary>The item's version as read when the page was first shown: an update made after the original changed again answers "reload".</summary>
    [BindProperty]
    public Guid? ItemVersion { get; set; }

    /// <summary>The form holds a machine translation's draft (or its reviewed text): the saved version says so.</summary>
    [BindProperty]
    public bool MachineAssisted { get; set; }

    /// <summary>A machine translation provider is configured: the editor offers its draft.</summary>
    public bool MachineDraftOffered => machine.IsEnabled;

    /// <summary>This answer is the draft just made, for the page's notice.</summary>
    public bool Drafted { get; private set; }

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
            // "Post it as …", the language question's other answer, saves the text in the language heard (offered only
            // when the item lacks it); else the language of the address.
            var language = Translation.Language is { Length: > 0 } heard ? heard : Language;
            var text = new DeskText(Translation.Title, Translation.Body, Translation.LanguageConfirmed, MachineAssisted, ItemVersion);
            if (TranslationDesk.KindOf(Item) == TranslationItemKind.Contribution)
            {
                await desk.SaveContributionAsync(Id, language, text, User);
            }
            else
            {
                await desk.SaveSynthesisAsync(Id, language, text, User);
            }
            if (language != Language)
            {
                // Nothing was written in the language claimed: it is free for someone else.
                await desk.ReleaseOwnAsync(Item, Id, Language, User);
            }
            Flash("desk.saved", LanguageName(language));
            DraftDone(DraftKey);
            return Redirect(DeskUrl);
        }, ShowAsync, "title", "body", "language");

    /// <summary>
    /// Fills the form with the provider's translation of the original, to review before saving (marked machine-assisted
    /// then); a failure of the provider is said on the page and what was typed stays.
    /// </summary>
    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostDraftAsync() =>
        SubmitFormAsync("Translation", async () =>
        {
            EnsureKnown();
            var contribution = Item == TranslationDesk.ContributionItem;
            var draft = await machine.DraftAsync(new MachineDraftRequest(contribution ? Id : null, contribution ? null : Id, Language),
                User, ClientAddressKey.For(HttpContext), HttpContext.RequestAborted);
            Translation.Title = draft.Title;
            Translation.Body = draft.Body;
            MachineAssisted = true;
            Drafted = true;
            return await ShowAsync();
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
        int? synthesisNumber = null;
        Guid current;
        try
        {
            if (Item == TranslationDesk.ContributionItem)
            {
                var (view, _) = await contributions.ReadAsync(Id, User);
                Sources = view.Versions.Select(v => new SourceText(v.Language, v.Title, v.Body, v.BodyHtml, v.OutdatedSince)).ToList();
                HasTitle = view.ParentId is null;
                original = view.OriginalLanguage;
                current = view.Version;
                ItemUrl = $"/{Culture}/contributions/{Id}";
            }
            else
            {
                var synthesis = await desk.ReadableSynthesisAsync(Id, User);
                Sources = synthesis.Versions.Select(v => new SourceText(v.Language, v.Title, v.Body, v.BodyHtml,
                    v.OutdatedSince is { } since ? Clock.ToLocal(since) : null)).ToList();
                HasTitle = true;
                // A synthesis has no single original: the first text that is up to date stands for it.
                original = (Sources.FirstOrDefault(s => s.OutdatedSince is null) ?? Sources[0]).Language;
                synthesisNumber = synthesis.Number;
                current = synthesis.ConcurrencyToken;
                ItemUrl = $"/{Culture}/phases/{synthesis.PhaseId}#synthesis-{synthesis.Id}";
            }
        }
        catch (ForumException error) when (error.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }
        itemLanguages = Sources.Select(s => s.Language).ToList();
        var target = Sources.FirstOrDefault(s => s.Language == Language);
        OutdatedSince = target?.OutdatedSince;
        AlreadyThere = target is not null && !ToUpdate;
        Heading = synthesisNumber is { } number
            ? T(ToUpdate ? "desk.editor-update-synthesis" : "desk.editor-synthesis", number, LanguageName(Language))
            : T(ToUpdate ? "desk.editor-update-contribution" : "desk.editor-contribution", LanguageName(Language));
        if (ItemVersion is null || Stale)
        {
            ItemVersion = current;
        }
        if (ToUpdate && Translation.Body is null && RefusedForm != "Translation" && !Drafted)
        {
            // The stale translation as it reads now, to bring in line with the original.
            Translation.Title = target!.Title;
            Translation.Body = target.Body;
        }
        var reads = await desk.LanguagesOfAsync(User);
        // A stale text is no source to translate from while an up-to-date one is there.
        var candidates = Sources.Where(s => s.Language != Language && s.OutdatedSince is null).ToList();
        if (candidates.Count == 0)
        {
            candidates = Sources.Where(s => s.Language != Language).ToList();
        }
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

    /// <summary>Every language the item has, stale ones included (<see cref="Sources"/> may leave those out).</summary>
    private IReadOnlyList<string> itemLanguages = [];

    /// <summary>
    /// The language question offers "post it as …" only for a language the item lacks: a text that reads as one it has
    /// (the original pasted, say) can only be kept in the language chosen, or rewritten.
    /// </summary>
    protected override (string Confirm, string? Change) LanguageAnswerFields(string form, string heard) =>
        itemLanguages.Contains(heard) || heard == Language
            ? ($"{form}.LanguageConfirmed", null)
            : base.LanguageAnswerFields(form, heard);
}
