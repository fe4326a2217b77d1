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
        if (ParentId is not null)
        {
            throw ForumException.Conflict("reply.too-deep",
                "Replies go one level deep: answer the contribution this reply belongs to.", "parentId");
        }
        if (IsHidden)
        {
            throw ForumException.Conflict("reply.parent-hidden", "This contribution is hidden and takes no replies.");
        }
        var reply = Start(PhaseId, phaseState, authorId, original, now);
        reply.ParentId = Id;
        return reply;
    }

    /// <summary>Adds a translation; allowed while the phase is open and after it closed, never before it opens.</summary>
    public void Translate(PhaseState phaseState, ContributionVersion translation)
    {
        if (phaseState == PhaseState.Scheduled)
        {
            throw ForumException.Conflict("phase.not-open-yet", "This phase has not opened yet.");
        }
        if (IsHidden)
        {
            throw ForumException.Conflict("contribution.hidden", "This contribution is hidden and cannot be translated.");
        }
        AddVersion(translation);
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>
    /// Replaces the text of one version by its author, within <paramref name="window"/> of its writing.
    /// The phase's state plays no part: the window bounds an original's edits, and a translation,
    /// welcome after closing, may be fixed for as long as any other. Returns the replaced text to keep,
    /// or null when the text is unchanged (nothing is stored then).
    /// </summary>
    public VersionRevision? Edit(ContributionVersion text, string editorId, TimeSpan window, DateTime now)
    {
        var version = Versions.FirstOrDefault(v => v.Language == text.Language)
            ?? throw new ForumException(FailureKind.NotFound, "version.not-found",
                $"Contribution {Id} has no version in '{text.Language}'.", "language");
        if (version.AuthorId != editorId)
        {
            throw ForumException.Forbidden("edit.not-author", "Only the person who wrote a version may edit it.");
        }
        if (window <= TimeSpan.Zero)
        {
            throw ForumException.Conflict("edit.disabled", "This forum does not allow editing what was written.");
        }
        if (now >= EditableUntil(version, window))
        {
            throw ForumException.Conflict("edit.window-closed",
                $"A version can be edited during the {window.TotalMinutes:0} minutes after it was written; that time has passed.");
        }
        if (IsHidden)
        {
            throw ForumException.Conflict("contribution.hidden", "This contribution is hidden and cannot be edited.");
        }
        if (version.Title == text.Title && version.Body == text.Body)
        {
            return null;
        }
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
        version.UpdatedAt = now;
        version.EditedAt = now;
        ConcurrencyToken = Guid.NewGuid();
        return replaced;
    }

    /// <summary>The instant a version stops being editable: the window counts from its writing, not from its last edit.</summary>
    public static DateTime EditableUntil(ContributionVersion version, TimeSpan window) => version.CreatedAt + window;

    public void Hide(string reason, string moderatorId, DateTime now)
    {
        if (IsHidden)
        {
            throw ForumException.Conflict("contribution.already-hidden", "This contribution is already hidden.");
        }
        IsHidden = true;
        HiddenReason = reason;
        HiddenAt = now;
        HiddenById = moderatorId;
        ConcurrencyToken = Guid.NewGuid();
    }

    public void Restore()
    {
        if (!IsHidden)
        {
            throw ForumException.Conflict("contribution.not-hidden", "This contribution is not hidden.");
        }
        IsHidden = false;
        HiddenReason = null;
        HiddenAt = null;
        HiddenById = null;
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
            ConcurrencyToken = Guid.NewGuid();
        }
        return removed;
    }

    public static void EnsurePhaseOpen(PhaseState state)
    {
        if (state != PhaseState.Open)
        {
            throw ForumException.Conflict("phase.not-open",
                state == PhaseState.Scheduled
                    ? "This phase has not opened yet: contributions are accepted once it opens."
                    : "This phase is closed: it no longer accepts contributions or replies.");
        }
    }

    private void AddVersion(ContributionVersion version)
    {
        if (LanguageCodes.Contains(version.Language))
        {
            throw ForumException.Conflict("version.language-taken",
                $"This contribution already has a version in '{version.Language}'.", "language");
        }
        Versions.Add(version);
        Languages = ForumLanguages.Combination(LanguageCodes.Append(version.Language));
    }
}
