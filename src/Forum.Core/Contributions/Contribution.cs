using System.Linq.Expressions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Phases;

namespace Forum.Core.Contributions;

/// <summary>
/// A participant's post in a phase, readable in one or more languages: its original version and
/// any translations, at most one version per language.
/// </summary>
public class Contribution
{
    public long Id { get; set; }
    public int PhaseId { get; set; }
    public required string AuthorId { get; set; }
    public required string OriginalLanguage { get; set; }

    /// <summary>The contribution this one answers; replies go one level deep.</summary>
    public long? ParentId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Languages it can be read in, as <see cref="ForumLanguages.Combination"/> text; kept so lists never join versions.</summary>
    public string Languages { get; set; } = "";

    /// <summary>
    /// Languages whose translation may be out of date (<see cref="ContributionVersion.OutdatedSince"/>), as
    /// <see cref="ForumLanguages.Combination"/> text; kept so the statistics count them from the contribution alone.
    /// </summary>
    public string OutdatedLanguages { get; set; } = "";

    /// <summary>Kept by the store with an atomic increment, so concurrent replies never conflict.</summary>
    public int ReplyCount { get; set; }
    public bool IsHidden { get; set; }
    public string? HiddenReason { get; set; }
    public DateTime? HiddenAt { get; set; }
    public string? HiddenById { get; set; }
    public List<ContributionVersion> Versions { get; set; } = [];
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();

    public IEnumerable<string> LanguageCodes => Languages.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static Contribution Start(int phaseId, PhaseState phaseState, string authorId, ContributionVersion original, DateTime now)
    {
        EnsurePhaseOpen(phaseState);
        var contribution = new Contribution
        {
            PhaseId = phaseId,
            AuthorId = authorId,
            OriginalLanguage = original.Language,
            CreatedAt = now,
        };
        contribution.AddVersion(original);
        return contribution;
    }

    public Contribution Reply(PhaseState phaseState, string authorId, ContributionVersion original, DateTime now)
    {
        if (ReplyRefusal(phaseState) is { } refusal)
        {
            throw refusal;
        }
        var reply = Start(PhaseId, phaseState, authorId, original, now);
        reply.ParentId = Id;
        return reply;
    }

    /// <summary>Whether this contribution takes a reply now: one level deep, visible, while its phase is open.</summary>
    public bool CanReply(PhaseState phaseState) => ReplyRefusal(phaseState) is null;

    private ForumException? ReplyRefusal(PhaseState phaseState) =>
        ParentId is not null
            ? ForumException.Conflict("reply.too-deep", "Replies go one level deep: answer the contribution this reply belongs to.", "parentId")
        : IsHidden
            ? ForumException.Conflict("reply.parent-hidden", "This contribution is hidden and takes no replies.")
        : PostingRefusal(phaseState);

    /// <summary>Adds a translation; allowed while the phase is open and after it closed, never before it opens.</summary>
    public void Translate(PhaseState phaseState, ContributionVersion translation)
    {
        if (TranslationRefusal(phaseState, translation.Language) is { } refusal)
        {
            throw refusal;
        }
        AddVersion(translation);
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>Whether a translation into <paramref name="language"/> would be taken now.</summary>
    public bool CanTranslate(PhaseState phaseState, string language) => TranslationRefusal(phaseState, language) is null;

    /// <summary>
    /// Refuses, before any text is written (the desk's claim), work in <paramref name="language"/> that neither
    /// <see cref="Translate"/> (the language is missing) nor <see cref="UpdateTranslation"/> (its version there may be
    /// out of date) would take. Needs <see cref="Versions"/> loaded.
    /// </summary>
    public void EnsureTranslationWork(PhaseState phaseState, string language)
    {
        if (TranslationWorkRefusal(phaseState, language) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>Whether the version in <paramref name="language"/> exists and may be out of date, so that work there is an update.</summary>
    public bool IsOutdated(string language) => Versions.Any(v => v.Language == language && v.OutdatedSince is not null);

    // A stale translation is updated (no phase state bounds that, but a scheduled phase has nothing on the desk yet);
    // anything else is a new translation, refused as Translate refuses it.
    private ForumException? TranslationWorkRefusal(PhaseState phaseState, string language) =>
        phaseState != PhaseState.Scheduled && CanUpdateTranslation(language) ? null : TranslationRefusal(phaseState, language);

    private ForumException? TranslationRefusal(PhaseState phaseState, string language) =>
        phaseState == PhaseState.Scheduled
            ? ForumException.Conflict("phase.not-open-yet", "This phase has not opened yet.")
        : IsHidden
            ? ForumException.Conflict("contribution.hidden", "This contribution is hidden and cannot be translated.")
        : LanguageCodes.Contains(language)
            ? LanguageTaken(language)
        : null;

    /// <summary>
    /// Replaces the text of one version by its author, within <paramref name="window"/> of its writing.
    /// The phase's state plays no part: the window bounds an original's edits, and a translation,
    /// welcome after closing, may be fixed for as long as any other. Returns the replaced text to keep,
    /// or null when the text is unchanged (nothing is stored then). A changed original marks every translation
    /// "may be out of date"; a changed translation is up to date again.
    /// </summary>
    public VersionRevision? Edit(ContributionVersion text, string editorId, TimeSpan window, DateTime now)
    {
        var version = Versions.FirstOrDefault(v => v.Language == text.Language);
        if (EditRefusal(version, text.Language, editorId, window, now) is { } refusal)
        {
            throw refusal;
        }
        if (version!.Title == text.Title && version.Body == text.Body)
        {
            return null;
        }
        var replaced = Replace(version, text, now);
        if (version.Language == OriginalLanguage)
        {
            // Every translation there now was made from the text just replaced; the first change is the one that counts.
            foreach (var translation in Versions.Where(v => v.Language != OriginalLanguage))
            {
                translation.OutdatedSince ??= now;
            }
        }
        else
        {
            version.OutdatedSince = null;
        }
        KeepOutdatedLanguages();
        return replaced;
    }

    /// <summary>
    /// Updates a translation that may be out of date, by anyone allowed to write (no edit window: this is how a stale
    /// translation gets fixed), and clears its mark. The updater becomes the version's author: the text shown is now theirs
    /// to answer for and to edit in their own window; the replaced text, with its writer, goes to the history. Sending the
    /// text unchanged confirms it still says what the original says: the mark goes, nothing else changes. Returns the
    /// replaced text to keep, or null when unchanged.
    /// </summary>
    public VersionRevision? UpdateTranslation(ContributionVersion text, string updaterId, DateTime now)
    {
        var version = Versions.FirstOrDefault(v => v.Language == text.Language);
        if (UpdateRefusal(version, text.Language) is { } refusal)
        {
            throw refusal;
        }
        VersionRevision? replaced = null;
        if (version!.Title != text.Title || version.Body != text.Body)
        {
            replaced = Replace(version, text, now);
            version.AuthorId = updaterId;
            version.RewrittenAt = now;
            // The text is the updater's now, drafted by a machine or not.
            version.MachineAssisted = text.MachineAssisted;
        }
        version.OutdatedSince = null;
        KeepOutdatedLanguages();
        ConcurrencyToken = Guid.NewGuid();
        return replaced;
    }

    /// <summary>Whether the version in <paramref name="language"/> is a translation that may be out of date and can be updated now.</summary>
    public bool CanUpdateTranslation(string language) => UpdateRefusal(Versions.FirstOrDefault(v => v.Language == language), language) is null;

    private ForumException? UpdateRefusal(ContributionVersion? version, string language) =>
        version is null
            ? new ForumException(FailureKind.NotFound, "version.not-found", $"Contribution {Id} has no version in '{language}'.", "language")
        : language == OriginalLanguage
            ? ForumException.Conflict("translation.is-original", "The original is not a translation: only its author edits it.", "language")
        : IsHidden
            ? ForumException.Conflict("contribution.hidden", "This contribution is hidden and cannot be changed.")
        : version.OutdatedSince is null
            ? ForumException.Conflict("translation.not-outdated", "This translation is up to date with its original: there is nothing to update.")
        : null;

    private VersionRevision Replace(ContributionVersion version, ContributionVersion text, DateTime now)
    {
        var replaced = new VersionRevision
        {
            VersionId = version.Id,
            Title = version.Title,
            Body = version.Body,
            WrittenById = version.AuthorId,
            WrittenAt = version.EditedAt ?? version.CreatedAt,
            ReplacedAt = now,
        };
        version.Title = text.Title;
        version.Body = text.Body;
        version.BodyHtml = text.BodyHtml;
        version.DetectedLanguage = text.DetectedLanguage;
        version.UpdatedAt = now;
        version.EditedAt = now;
        ConcurrencyToken = Guid.NewGuid();
        return replaced;
    }

    private void KeepOutdatedLanguages() =>
        OutdatedLanguages = ForumLanguages.Combination(Versions.Where(v => v.OutdatedSince is not null).Select(v => v.Language));

    /// <summary>
    /// Until when <paramref name="editorId"/> may edit the version in <paramref name="language"/>, or null when they may not
    /// (not theirs, editing off, window passed, contribution hidden). The window counts from the writing (or from the update
    /// that made a stale translation theirs), not from the last edit.
    /// </summary>
    public DateTime? EditableUntil(string language, string editorId, TimeSpan window, DateTime now)
    {
        var version = Versions.FirstOrDefault(v => v.Language == language);
        return EditRefusal(version, language, editorId, window, now) is null ? WindowStart(version!) + window : null;
    }

    private ForumException? EditRefusal(ContributionVersion? version, string language, string editorId, TimeSpan window, DateTime now) =>
        version is null
            ? new ForumException(FailureKind.NotFound, "version.not-found", $"Contribution {Id} has no version in '{language}'.", "language")
        : version.AuthorId != editorId
            ? ForumException.Forbidden("edit.not-author", "Only the person who wrote a version may edit it.")
        : window <= TimeSpan.Zero
            ? ForumException.Conflict("edit.disabled", "This forum does not allow editing what was written.")
        : now >= WindowStart(version) + window
            ? ForumException.Conflict("edit.window-closed",
                $"A version can be edited during the {window.TotalMinutes:0} minutes after it was written; that time has passed.")
        : IsHidden
            ? ForumException.Conflict("contribution.hidden", "This contribution is hidden and cannot be edited.")
        : null;

    private static DateTime WindowStart(ContributionVersion version) => version.RewrittenAt ?? version.CreatedAt;

    /// <summary>"Hidden unless moderator": whether a reader sees this contribution at all.</summary>
    public bool IsVisibleTo(bool isModerator) => isModerator || !IsHidden;

    /// <summary>The same rule as <see cref="IsVisibleTo"/>, for queries.</summary>
    public static Expression<Func<Contribution, bool>> VisibleTo(bool isModerator) =>
        isModerator ? c => true : c => !c.IsHidden;

    public void Hide(string reason, string moderatorId, DateTime now) =>
        SetHidden(true, reason, moderatorId, now, "contribution.already-hidden", "This contribution is already hidden.");

    public void Restore() => SetHidden(false, null, null, null, "contribution.not-hidden", "This contribution is not hidden.");

    /// <summary>Hiding and restoring are each refused when already done; the moderator's reason stays only while hidden.</summary>
    private void SetHidden(bool hidden, string? reason, string? moderatorId, DateTime? at, string refusedRule, string refusedMessage)
    {
        if (IsHidden == hidden)
        {
            throw ForumException.Conflict(refusedRule, refusedMessage);
        }
        IsHidden = hidden;
        HiddenReason = reason;
        HiddenAt = at;
        HiddenById = moderatorId;
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>
    /// What is left of a removed contribution that others answered: hidden, every text blanked, so
    /// that their replies keep their thread and nothing of what was written remains.
    /// </summary>
    public void Tombstone(string reason, DateTime now)
    {
        if (!IsHidden)
        {
            IsHidden = true;
            HiddenAt = now;
            HiddenById = null;
        }
        HiddenReason = reason;
        foreach (var version in Versions)
        {
            version.Title = version.Title is null ? null : "";
            version.Body = "";
            version.BodyHtml = "";
            version.UpdatedAt = now;
        }
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>Removes the translations one person wrote (never the original); the contribution stays readable in the others.</summary>
    public int RemoveTranslationsBy(string translatorId)
    {
        var removed = Versions.RemoveAll(v => v.AuthorId == translatorId && v.Language != OriginalLanguage);
        if (removed > 0)
        {
            Languages = ForumLanguages.Combination(Versions.Select(v => v.Language));
            KeepOutdatedLanguages();
            ConcurrencyToken = Guid.NewGuid();
        }
        return removed;
    }

    /// <summary>Whether a phase in this state takes new contributions and replies.</summary>
    public static bool CanStart(PhaseState state) => PostingRefusal(state) is null;

    public static void EnsurePhaseOpen(PhaseState state)
    {
        if (PostingRefusal(state) is { } refusal)
        {
            throw refusal;
        }
    }

    private static ForumException? PostingRefusal(PhaseState state) =>
        state == PhaseState.Open
            ? null
            : ForumException.Conflict("phase.not-open",
                state == PhaseState.Scheduled
                    ? "This phase has not opened yet: contributions are accepted once it opens."
                    : "This phase is closed: it no longer accepts contributions or replies.");

    private static ForumException LanguageTaken(string language) =>
        ForumException.Conflict("version.language-taken", $"This contribution already has a version in '{language}'.", "language");

    private void AddVersion(ContributionVersion version)
    {
        if (LanguageCodes.Contains(version.Language))
        {
            throw LanguageTaken(version.Language);
        }
        Versions.Add(version);
        Languages = ForumLanguages.Combination(LanguageCodes.Append(version.Language));
    }
}
