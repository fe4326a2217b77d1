using Forum.Core.Contributions;
using Forum.Core.Errors;

namespace Forum.Synthesis.Syntheses;

public enum SynthesisStatus
{
    Draft,
    Published,
}

/// <summary>
/// "Synthesis no. N" of a phase: what the organising team drew from the contributions, in one or
/// more languages. Readers see it once published; every text written is kept as a revision.
/// </summary>
public class PhaseSynthesis
{
    public long Id { get; set; }
    public int PhaseId { get; set; }

    /// <summary>1, 2, … within the phase, in order of creation.</summary>
    public int Number { get; set; }
    public SynthesisStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedById { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? PublishedById { get; set; }
    public List<SynthesisVersion> Versions { get; set; } = [];
    public List<SynthesisRevision> Revisions { get; set; } = [];
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();

    public IReadOnlyList<string> Languages => Versions.Select(v => v.Language).Order(StringComparer.Ordinal).ToList();

    public static PhaseSynthesis Start(int phaseId, int number, string moderatorId, IReadOnlyCollection<ContributionVersion> texts, DateTime now)
    {
        if (texts.Count == 0)
        {
            throw ForumException.Invalid("versions", "synthesis.text-required", "A synthesis needs its text in at least one language.");
        }
        var duplicate = texts.GroupBy(t => t.Language).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw ForumException.Invalid("versions", "synthesis.language-twice", $"The text in '{duplicate.Key}' is given twice.");
        }
        var synthesis = new PhaseSynthesis { PhaseId = phaseId, Number = number, CreatedById = moderatorId, CreatedAt = now, UpdatedAt = now };
        foreach (var text in texts)
        {
            synthesis.Write(text, moderatorId, now);
        }
        return synthesis;
    }

    /// <summary>
    /// Adds the text in a language, or replaces it; the previous text stays in the revisions. A synthesis has no single
    /// original (its texts may be written in any order), so a changed text marks the languages written before this
    /// instant "may be out of date", and writing a language's text makes it up to date. A text that was itself out of date
    /// is catching up, and marks none; texts written at the same instant (several languages in one request) mark none of each other.
    /// </summary>
    public void Write(ContributionVersion text, string moderatorId, DateTime now)
    {
        var version = Versions.FirstOrDefault(v => v.Language == text.Language);
        if (version is { OutdatedSince: null } && (version.Title != (text.Title ?? "") || version.Body != text.Body))
        {
            foreach (var other in Versions.Where(v => v != version && v.UpdatedAt < now))
            {
                other.OutdatedSince ??= now;
            }
        }
        if (version is null)
        {
            version = new SynthesisVersion { Language = text.Language, Title = "", Body = "", BodyHtml = "", UpdatedById = moderatorId };
            Versions.Add(version);
        }
        version.Title = text.Title ?? "";
        version.Body = text.Body;
        version.BodyHtml = text.BodyHtml;
        version.DetectedLanguage = text.DetectedLanguage;
        version.UpdatedAt = now;
        version.UpdatedById = moderatorId;
        version.OutdatedSince = null;

        version.MachineAssisted = text.MachineAssisted;
        version.Edition++;
        Revisions.Add(new SynthesisRevision
        {
            Language = text.Language, Edition = version.Edition, Title = version.Title, Body = text.Body, EditedAt = now, EditedById = moderatorId,
        });
        UpdatedAt = now;
        ConcurrencyToken = Guid.NewGuid();
    }

    public void Publish(string moderatorId, DateTime now)
    {
        if (Status == SynthesisStatus.Published)
        {
            throw ForumException.Conflict("synthesis.already-published", $"Synthesis no. {Number} is already published.");
        }
        Status = SynthesisStatus.Published;
        PublishedAt = now;
        PublishedById = moderatorId;
        ConcurrencyToken = Guid.NewGuid();
    }

    public void Unpublish()
    {
        if (Status != SynthesisStatus.Published)
        {
            throw ForumException.Conflict("synthesis.not-published", $"Synthesis no. {Number} is not published.");
        }
        Status = SynthesisStatus.Draft;
        PublishedAt = null;
        PublishedById = null;
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>
    /// A reader's translation through the desk: anyone who may write adds the text in a language a PUBLISHED synthesis
    /// lacks. Drafts stay the moderators' own, and a language already there is rewritten only by them (<see cref="Write"/>).
    /// </summary>
    public void Translate(ContributionVersion text, string translatorId, DateTime now)
    {
        EnsureTranslatable(text.Language);
        Write(text, translatorId, now);
    }

    /// <summary>Refuses, as <see cref="Translate"/> would, a reader's translation into <paramref name="language"/>.</summary>
    public void EnsureTranslatable(string language)
    {
        if (TranslationRefusal(language) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>Whether a reader's translation into <paramref name="language"/> would be taken now.</summary>
    public bool CanTranslate(string language) => TranslationRefusal(language) is null;

    /// <summary>
    /// A reader's update, through the desk, of a published synthesis's text that may be out of date: anyone who may write
    /// rewrites it, as a moderator's <see cref="Write"/> would (which clears the mark and marks no other language).
    /// </summary>
    public void UpdateTranslation(ContributionVersion text, string translatorId, DateTime now)
    {
        if (UpdateRefusal(text.Language) is { } refusal)
        {
            throw refusal;
        }
        Write(text, translatorId, now);
    }

    /// <summary>Whether a reader may update the text in <paramref name="language"/> now: published, and that text may be out of date.</summary>
    public bool CanUpdateTranslation(string language) => UpdateRefusal(language) is null;

    /// <summary>Whether the text in <paramref name="language"/> exists and may be out of date, so that work there is an update.</summary>
    public bool IsOutdated(string language) => Versions.Any(v => v.Language == language && v.OutdatedSince is not null);

    /// <summary>
    /// Refuses, before any text is written (the desk's claim), a reader's work in <paramref name="language"/> that neither
    /// <see cref="Translate"/> (missing) nor <see cref="UpdateTranslation"/> (out of date) would take.
    /// </summary>
    public void EnsureTranslationWork(string language)
    {
        if ((CanUpdateTranslation(language) ? null : TranslationRefusal(language)) is { } refusal)
        {
            throw refusal;
        }
    }

    private ForumException? UpdateRefusal(string language) =>
        Status != SynthesisStatus.Published
            ? ForumException.Conflict("synthesis.not-published", $"Synthesis no. {Number} is not published: only its moderators write it.")
        : Versions.FirstOrDefault(v => v.Language == language) is not { } version
            ? new ForumException(FailureKind.NotFound, "version.not-found", $"Synthesis no. {Number} has no text in '{language}'.", "language")
        : version.OutdatedSince is null
            ? ForumException.Conflict("translation.not-outdated", $"The text of synthesis no. {Number} in '{language}' is up to date: there is nothing to update.", "language")
        : null;

    private ForumException? TranslationRefusal(string language) =>
        Status != SynthesisStatus.Published
            ? ForumException.Conflict("synthesis.not-published", $"Synthesis no. {Number} is not published: only its moderators write it.")
        : Versions.Any(v => v.Language == language)
            ? ForumException.Conflict("synthesis.language-taken", $"Synthesis no. {Number} already has its text in '{language}'.", "language")
        : null;
}

/// <summary>The current text of a synthesis in one language.</summary>
public class SynthesisVersion
{
    public long Id { get; set; }
    public long SynthesisId { get; set; }
    public required string Language { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public required string BodyHtml { get; set; }

    /// <summary>How many times this language's text was written: 1 when first written.</summary>
    public int Edition { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedById { get; set; }

    /// <summary>When another language's text was first changed after this one was written; null while up to date.</summary>
    public DateTime? OutdatedSince { get; set; }

    /// <summary>The language the language check heard when the moderator confirmed another; moderators only.</summary>
    public string? DetectedLanguage { get; set; }

    /// <summary>Its latest text was written from a machine translation, reviewed by the moderator who saved it.</summary>
    public bool MachineAssisted { get; set; }
}

/// <summary>One text of a synthesis as it was written, kept for good.</summary>
public class SynthesisRevision
{
    public long Id { get; set; }
    public long SynthesisId { get; set; }
    public required string Language { get; set; }
    public int Edition { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public DateTime EditedAt { get; set; }
    public required string EditedById { get; set; }
}
