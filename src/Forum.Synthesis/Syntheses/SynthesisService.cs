using Forum.Core.Audit;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Events;
using Forum.Core.Notifications;
using Forum.Core.Phases;
using Forum.Core.Time;
using Forum.Synthesis.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Forum.Synthesis.Syntheses;

/// <param name="LanguageConfirmed">Keep <paramref name="Language"/> though the text reads as another forum language.</param>
public sealed record SynthesisText(string? Language, string? Title, string? Body, bool? LanguageConfirmed = null)
{
    /// <summary>Written from a machine translation and reviewed: stored with the version and shown as such.</summary>
    public bool MachineAssisted { get; init; }
}

/// <summary>Writing, publishing and reading the numbered syntheses of a phase. Every moderator action goes to the audit trail.</summary>
public sealed class SynthesisService(IForumData data, VersionText texts, ForumClock clock)
{
    private DbContext Db => data.Db;

    public async Task<PhaseSynthesis> CreateAsync(int phaseId, IReadOnlyList<SynthesisText>? input, string moderatorId, CancellationToken cancellation = default)
    {
        var phase = await Db.Set<Phase>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == phaseId, cancellation)
            ?? throw ForumException.NotFound("phase", phaseId);
        var now = clock.UtcNow;
        var built = (input ?? []).Select(t => t is null
                ? throw ForumException.Invalid("versions", "synthesis.version-missing", "Each version is an object with a language, a title and a body.")
                : Assisted(texts.Create(t.Language, t.Title, t.Body, titleRequired: true, moderatorId, now, t.LanguageConfirmed == true), t.MachineAssisted))
            .ToList();
        // Numbers are unique per phase; two moderators creating at once collide on the index, and the later one takes the next number.
        for (var attempt = 1; ; attempt++)
        {
            var number = (await Db.Set<PhaseSynthesis>().Where(s => s.PhaseId == phaseId).MaxAsync(s => (int?)s.Number, cancellation) ?? 0) + 1;
            var synthesis = PhaseSynthesis.Start(phaseId, number, moderatorId, built, now);
            Db.Add(synthesis);
            Audit(phase, synthesis, moderatorId, "synthesis.create", $"languages: {string.Join(", ", synthesis.Languages)}");
            try
            {
                await Db.SaveChangesAsync(cancellation);
                return synthesis;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                Db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Writes the text in one language (new or replacing); <paramref name="version"/> is the one the moderator read.</summary>
    public async Task<PhaseSynthesis> WriteAsync(long id, string language, SynthesisText input, Guid? version, string moderatorId, CancellationToken cancellation = default)
    {
        var synthesis = await LoadForChangeAsync(id, version, required: true, cancellation);
        var now = clock.UtcNow;
        var text = Assisted(texts.Create(language, input.Title, input.Body, titleRequired: true, moderatorId, now, input.LanguageConfirmed == true), input.MachineAssisted);
        var replaced = synthesis.Versions.Any(v => v.Language == text.Language);
        synthesis.Write(text, moderatorId, now);
        Audit(await PhaseOfAsync(synthesis, cancellation), synthesis, moderatorId, replaced ? "synthesis.edit" : "synthesis.translate", $"language: {text.Language}");
        RaiseIfPublished(synthesis);
        await Db.SaveChangesAsync(cancellation);
        return synthesis;
    }

    /// <summary>
    /// A signed-in reader's text in a language a published synthesis lacks (the translation desk); the caller has checked
    /// that the phase is readable and that this person may write. Moderators keep <see cref="WriteAsync"/>.
    /// </summary>
    public Task<PhaseSynthesis> TranslateAsync(long id, SynthesisText input, string translatorId, CancellationToken cancellation = default) =>
        SaveTranslationAsync(id, input, null, translatorId, (synthesis, text, now) => synthesis.Translate(text, translatorId, now), "synthesis.translate", cancellation);

    /// <summary>
    /// A signed-in reader's update of a published synthesis's text that may be out of date (the translation desk;
    /// <see cref="PhaseSynthesis.UpdateTranslation"/>); the caller has checked, as for <see cref="TranslateAsync"/>, that the
    /// phase is readable and that this person may write. <paramref name="version"/>, when given, is the synthesis they read.
    /// </summary>
    public Task<PhaseSynthesis> UpdateTranslationAsync(long id, SynthesisText input, Guid? version, string translatorId, CancellationToken cancellation = default) =>
        SaveTranslationAsync(id, input, version, translatorId, (synthesis, text, now) => synthesis.UpdateTranslation(text, translatorId, now), "synthesis.edit", cancellation);

    /// <summary>A participant's text of a synthesis, new or updated: checked as every text is, applied by the domain, audited, told.</summary>
    private async Task<PhaseSynthesis> SaveTranslationAsync(
        long id, SynthesisText input, Guid? version, string translatorId, Action<PhaseSynthesis, ContributionVersion, DateTime> apply, string action,
        CancellationToken cancellation)
    {
        var synthesis = await LoadForChangeAsync(id, version, required: false, cancellation);
        var now = clock.UtcNow;
        var text = Assisted(texts.Create(input.Language, input.Title, input.Body, titleRequired: true, translatorId, now, input.LanguageConfirmed == true), input.MachineAssisted);
        apply(synthesis, text, now);
        Audit(await PhaseOfAsync(synthesis, cancellation), synthesis, translatorId, action, $"language: {text.Language}");
        RaiseIfPublished(synthesis);
        await Db.SaveChangesAsync(cancellation);
        return synthesis;
    }

    private static ContributionVersion Assisted(ContributionVersion text, bool machineAssisted)
    {
        text.MachineAssisted = machineAssisted;
        return text;
    }

    public async Task<PhaseSynthesis> PublishAsync(long id, Guid? version, string moderatorId, CancellationToken cancellation = default)
    {
        var synthesis = await LoadForChangeAsync(id, version, required: false, cancellation);
        synthesis.Publish(moderatorId, clock.UtcNow);
        var phase = await PhaseOfAsync(synthesis, cancellation);
        Audit(phase, synthesis, moderatorId, "synthesis.publish", $"languages: {string.Join(", ", synthesis.Languages)}");
        RaiseIfPublished(synthesis);
        data.Record(Happenings.SynthesisPublished(phase.ThemeId, phase.Id, synthesis.Id, moderatorId, clock.UtcNow));
        await Db.SaveChangesAsync(cancellation);
        return synthesis;
    }

    public async Task<PhaseSynthesis> UnpublishAsync(long id, Guid? version, string moderatorId, CancellationToken cancellation = default)
    {
        var synthesis = await LoadForChangeAsync(id, version, required: false, cancellation);
        synthesis.Unpublish();
        Audit(await PhaseOfAsync(synthesis, cancellation), synthesis, moderatorId, "synthesis.unpublish", null);
        data.PendingEvents.Raise(new SynthesisUnpublished(synthesis.PhaseId, synthesis.Id, synthesis.Number));
        await Db.SaveChangesAsync(cancellation);
        return synthesis;
    }

    /// <summary>A phase's syntheses by number; drafts only for the moderation team.</summary>
    public Task<List<PhaseSynthesis>> ListAsync(int phaseId, bool includeDrafts, CancellationToken cancellation = default) =>
        Db.Set<PhaseSynthesis>().AsNoTracking().Include(s => s.Versions)
            .Where(s => s.PhaseId == phaseId && (includeDrafts || s.Status == SynthesisStatus.Published))
            .OrderBy(s => s.Number)
            .ToListAsync(cancellation);

    public Task<PhaseSynthesis?> FindAsync(long id, CancellationToken cancellation = default) =>
        Db.Set<PhaseSynthesis>().AsNoTracking().Include(s => s.Versions).FirstOrDefaultAsync(s => s.Id == id, cancellation);

    public Task<List<SynthesisRevision>> HistoryAsync(long id, CancellationToken cancellation = default) =>
        Db.Set<SynthesisRevision>().AsNoTracking().Where(r => r.SynthesisId == id)
            .OrderBy(r => r.Language).ThenByDescending(r => r.Edition)
            .ToListAsync(cancellation);

    private async Task<PhaseSynthesis> LoadForChangeAsync(long id, Guid? version, bool required, CancellationToken cancellation)
    {
        if (required && version is null)
        {
            throw ForumException.Invalid("version", "version.required", "Send the version of the synthesis you read, so that nobody's edit is overwritten.");
        }
        var synthesis = await Db.Set<PhaseSynthesis>().Include(s => s.Versions).FirstOrDefaultAsync(s => s.Id == id, cancellation)
            ?? throw ForumException.NotFound("synthesis", id);
        if (version is not null && version != synthesis.ConcurrencyToken)
        {
            throw ForumException.StaleVersion("synthesis");
        }
        return synthesis;
    }

    private Task<Phase> PhaseOfAsync(PhaseSynthesis synthesis, CancellationToken cancellation) =>
        Db.Set<Phase>().AsNoTracking().FirstAsync(p => p.Id == synthesis.PhaseId, cancellation);

    /// <summary>Raised before the save, into the change's events: they leave once it is committed, and never if it is not.</summary>
    private void RaiseIfPublished(PhaseSynthesis synthesis)
    {
        if (synthesis.Status == SynthesisStatus.Published)
        {
            data.PendingEvents.Raise(new SynthesisPublished(synthesis.PhaseId, synthesis.Id, synthesis.Number, synthesis.Languages));
        }
    }

    private void Audit(Phase phase, PhaseSynthesis synthesis, string moderatorId, string action, string? details) =>
        Db.Add(new AuditEntry
        {
            At = clock.UtcNow, ActorId = moderatorId, Action = action, ThemeId = phase.ThemeId, PhaseId = phase.Id,
            Details = synthesis.Id == 0 ? $"synthesis no. {synthesis.Number}; {details}" : $"synthesis no. {synthesis.Number} (id {synthesis.Id}); {details}",
        });
}
