using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Phases;
using Forum.Core.Time;
using Forum.Data;
using Forum.Synthesis.Statistics;
using Forum.Synthesis.Syntheses;
using Forum.Web.Contributions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Forum.Core.Contributions;
using Forum.Web.Authorization;

namespace Forum.Web.Pages.Reading;

/// <summary>A contribution in a list, with the page that formats it.</summary>
public sealed record ContributionCard(ContributionSummary Contribution, ForumPageModel Page);

/// <summary>A phase: its question, its statistics sentence, its published syntheses and its contributions, newest first.</summary>
[OutputCache(PolicyName = Caching.ContributionListCache.PhasePagePolicyName)]
public sealed class PhaseModel(
    Phases.PhaseService phases,
    UiTexts texts, ForumLanguages languages, ForumClock clock,
    StatisticsReader statistics, LanguageSentences sentences, SynthesisService syntheses, ContributionService contributions,
    Core.ForumOptions limits, Themes.ThemeService themes)
    : ForumPageModel(texts, languages, clock)
{
    /// <summary>The contribution being written, kept when the form comes back with an error.</summary>
    [BindProperty]
    public TextForm Post { get; set; } = new();

    [HandlerPolicy(Policies.Participant)]
    public Task<IActionResult> OnPostAsync(int id) =>
        SubmitFormAsync("Post", async () =>
        {
            var created = await contributions.PostAsync(id, new ContributionInput(Post.Language, Post.Title, Post.Body, null, Post.LanguageConfirmed), User);
            Flash("post.done");
            DraftDone(PostDraftKey(id));
            return Redirect($"/{Culture}/phases/{id}#contribution-{created.Id}");
        }, () => OnGetAsync(id), "title", "language", "body");

    public override TextForm? RefusedText => IsRefused("Post") ? Post : null;

    public ErrorSummary PostErrors => new("Post");

    public KeptText KeptPost => new("Post", "post", Post);

    /// <summary>Where drafts.js keeps this phase's unsent contribution; the same in every language of the page.</summary>
    public static string PostDraftKey(int phaseId) => $"post:phase-{phaseId}";

    /// <summary>The longest title and text the rules take, for the form's counters.</summary>
    public Core.TextLimits Limits => limits.Limits;

    public Phases.PhaseView Phase { get; private set; } = null!;
    public Breadcrumbs Trail { get; private set; } = null!;
    public string Sentence { get; private set; } = "";
    public IReadOnlyList<SynthesisView> Syntheses { get; private set; } = [];
    public ReadingPage Contributions { get; private set; } = new([], null, null);

    /// <summary>The language filter, if any: only contributions readable in it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    /// <summary>The page after this cursor (older contributions).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    /// <summary>The page before this cursor (newer contributions), reached by the "newer" link.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    /// <summary>The page size, for the paging links' "next 50".</summary>
    public int PageSize => Input.InputRules.DefaultPageSize;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        try
        {
            // An unknown filter is refused (400) rather than ignored: this page is cached per filter value.
            Language = ForumLanguages.Optional(Language, "language");
            Phase = await phases.ReadAsync(id, Culture, User);
            if (await contributions.ReadingPageAsync(id, User, Language, Culture, Cursor, Before) is not { } page)
            {
                return Redirect(FirstPageUrl);
            }
            Contributions = page;
            Trail = Breadcrumbs.To(this, await themes.ReadAsync(Phase.ThemeSlug, Culture, User), Phase);
        }
        catch (ForumException e) when (e.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }
        catch (ForumException e) when (e.Rule == "paging.cursor-invalid")
        {
            return Redirect($"/{Culture}/phases/{id}");
        }

        if (await statistics.ForPhaseAsync(id) is { } subject)
        {
            Sentence = sentences.Statistics(subject.Statistics, Culture, Languages, final: IsClosed);
        }
        Syntheses = await PublishedSyntheses.OfAsync(id, syntheses, sentences, this);
        return Page();
    }

    /// <summary>Whether the phase takes contributions now.</summary>
    public bool IsOpen => Contribution.CanStart(Phase.State);

    /// <summary>The phase states in which the form stays open, for the live script to close it when the phase leaves them.</summary>
    public string PostingStates => string.Join(" ", Enum.GetValues<PhaseState>().Where(Contribution.CanStart).Select(s => s.ToString().ToLowerInvariant()));

    /// <summary>
    /// One contribution as the list shows it, for the live script to insert when it is posted or restored: built by the
    /// same service call as the list, for whoever asks, so it matches the page served to everyone.
    /// </summary>
    public async Task<IActionResult> OnGetCardAsync(int id, long contributionId) =>
        await contributions.CardAsync(id, contributionId, User, Culture) is { } summary
            ? Partial("_Contribution", new ContributionCard(summary, this))
            : NotFound();

    /// <summary>Whether the phase is over: its counts are final.</summary>
    public bool IsClosed => Phase.State == PhaseState.Closed;

    private string FilterQuery => Language is null ? "" : $"&language={Language}";

    public string FirstPageUrl => $"/{Culture}/phases/{Phase.Id}" + (Language is null ? "" : $"?language={Language}");

    public string NextPageUrl(string cursor) =>
        $"/{Culture}/phases/{Phase.Id}?cursor={Uri.EscapeDataString(cursor)}" + FilterQuery;

    public string NewerPageUrl(string cursor) =>
        $"/{Culture}/phases/{Phase.Id}?before={Uri.EscapeDataString(cursor)}" + FilterQuery;
}
