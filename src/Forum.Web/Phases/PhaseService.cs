using System.Security.Claims;
using Forum.Core;
using Forum.Core.Audit;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Phases;
using Forum.Core.Themes;
using Forum.Core.Time;
using Forum.Data;
using Forum.Web.Authorization;
using Forum.Web.Input;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Phases;

/// <summary>Reading a theme's phases, and the moderation team's changes to them, each with its audit entry.</summary>
public sealed class PhaseService(ForumDbContext db, ForumLanguages languages, ForumOptions options, ForumClock clock)
{
    public async Task<List<PhaseView>> ListAsync(string slug, string? lang, ClaimsPrincipal reader)
    {
        languages.Optional(lang, "lang");
        var theme = await ReadableThemeAsync(slug, reader);
        var phases = await db.Phases.AsNoTracking().Include(p => p.Texts)
            .Where(p => p.ThemeId == theme.Id).OrderBy(p => p.Number).ToListAsync();
        return phases.Select(p => PhaseView.Of(p, slug, lang, clock)).ToList();
    }

    public async Task<PhaseView> ReadAsync(int id, string? lang, ClaimsPrincipal reader)
    {
        languages.Optional(lang, "lang");
        var phase = await db.Phases.AsNoTracking().Include(p => p.Texts).Include(p => p.Theme)
            .Where(PhaseVisibility.ReadableBy(reader.IsModerator()))
            .FirstOrDefaultAsync(p => p.Id == id)
            ?? throw ForumException.NotFound("phase", id);
        return PhaseView.Of(phase, phase.Theme!.Slug, lang, clock);
    }

    public async Task<PhaseView> CreateAsync(string slug, PhaseInput input, ClaimsPrincipal moderator)
    {
        var theme = await ReadableThemeAsync(slug, moderator);
        var siblings = await db.Phases.Where(p => p.ThemeId == theme.Id).ToListAsync();
        var now = clock.UtcNow;
        var phase = new Phase
        {
            ThemeId = theme.Id,
            Number = Phase.NumberIn(siblings, input.Number),
            OriginalLanguage = languages.Require(input.OriginalLanguage, "originalLanguage"),
            CreatedAt = now,
        };
        Apply(phase, input, siblings);
        db.Phases.Add(phase);
        // Two saves, not one transaction: the audit entry needs the phase's id, and the first save's
        // events (cache eviction, the phase watcher) must see the phase committed.
        await db.SaveChangesAsync();
        db.AuditEntries.Add(Audit(phase, moderator, now, "phase.create", null, Dates(phase)));
        await db.SaveChangesAsync();
        return PhaseView.Of(phase, slug, null, clock);
    }

    public async Task<PhaseView> EditAsync(int id, PhaseInput input, ClaimsPrincipal moderator)
    {
        var version = InputRules.RequiredVersion(input.Version);
        var phase = await LoadForChangeAsync(id, version);
        if (input.Number is { } number && number != phase.Number)
        {
            throw ForumException.Invalid("number", "phase.number-fixed", "A phase keeps its number; create a new phase instead.");
        }
        phase.OriginalLanguage = languages.Require(input.OriginalLanguage ?? phase.OriginalLanguage, "originalLanguage");
        var siblings = await db.Phases.Where(p => p.ThemeId == phase.ThemeId && p.Id != phase.Id).ToListAsync();
        var before = Dates(phase);
        Apply(phase, input, siblings);
        db.AuditEntries.Add(Audit(phase, moderator, clock.UtcNow, "phase.edit", null, $"{before} -> {Dates(phase)}"));
        await db.SaveChangesAsync();
        return PhaseView.Of(phase, phase.Theme!.Slug, null, clock);
    }

    public Task<PhaseView> OpenAsync(int id, PhaseActionInput input, ClaimsPrincipal moderator) =>
        ChangeScheduleAsync(id, input, moderator, "phase.open", (s, now) => s.OpenNow(now));

    public Task<PhaseView> CloseAsync(int id, PhaseActionInput input, ClaimsPrincipal moderator) =>
        ChangeScheduleAsync(id, input, moderator, "phase.close", (s, now) => s.CloseNow(now));

    public Task<PhaseView> ReopenAsync(int id, PhaseActionInput input, ClaimsPrincipal moderator) =>
        ChangeScheduleAsync(id, input, moderator, "phase.reopen", (s, now) => s.Reopen(now, Until(input)));

    public Task<PhaseView> ExtendAsync(int id, PhaseActionInput input, ClaimsPrincipal moderator) =>
        ChangeScheduleAsync(id, input, moderator, "phase.extend", (s, now) => s.Extend(now, Until(input)));

    /// <summary>The phase's texts in every language it has, for the edit form (an edit sends them all).</summary>
    public Task<List<PhaseText>> TextsAsync(int id) =>
        db.PhaseTexts.Where(t => t.PhaseId == id).OrderBy(t => t.Language).ToListAsync();

    /// <summary>Moderator actions on the phase and its contributions, oldest first.</summary>
    public async Task<List<AuditView>> AuditAsync(int id)
    {
        if (!await db.Phases.AnyAsync(p => p.Id == id))
        {
            throw ForumException.NotFound("phase", id);
        }
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.PhaseId == id)
            .OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync();
        return entries.Select(a => new AuditView(a.Id, clock.ToLocal(a.At), a.ActorId, a.Action, a.PhaseId, a.ContributionId, a.Reason, a.Details)).ToList();
    }

    /// <summary>The public names of the accounts behind some audit entries; a deleted account is marked, for the page to name it in its language.</summary>
    public async Task<Dictionary<string, (string Name, bool Deleted)>> ActorsAsync(IEnumerable<string> actorIds)
    {
        var wanted = actorIds.Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.UserName, Deleted = u.DeletedAt != null }).ToListAsync();
        return users.ToDictionary(u => u.Id, u => (Forum.Data.Accounts.ForumUser.PublicNameOf(u.DisplayName, u.UserName), u.Deleted));
    }

    private async Task<PhaseView> ChangeScheduleAsync(
        int id, PhaseActionInput input, ClaimsPrincipal moderator, string action, Func<PhaseSchedule, DateTime, PhaseSchedule> change)
    {
        var reason = InputRules.Reason(input.Reason, options);
        var phase = await LoadForChangeAsync(id, input.Version);
        var now = clock.UtcNow;
        var before = Dates(phase);
        var schedule = change(phase.Schedule, now);
        var siblings = await db.Phases.Where(p => p.ThemeId == phase.ThemeId && p.Id != phase.Id).ToListAsync();
        Phase.EnsureNoOverlap(schedule, siblings, phase.Id);
        phase.Schedule = schedule;
        phase.UpdatedAt = now;
        phase.ConcurrencyToken = Guid.NewGuid();
        db.AuditEntries.Add(Audit(phase, moderator, now, action, reason, $"{before} -> {Dates(phase)}"));
        await db.SaveChangesAsync();
        return PhaseView.Of(phase, phase.Theme!.Slug, null, clock);
    }

    private async Task<Phase> LoadForChangeAsync(int id, Guid? version)
    {
        var phase = await db.Phases.Include(p => p.Texts).Include(p => p.Theme).FirstOrDefaultAsync(p => p.Id == id)
            ?? throw ForumException.NotFound("phase", id);
        InputRules.CheckVersion(phase.ConcurrencyToken, version, "phase");
        if (version is { } read)
        {
            // The UPDATE then checks the version the client read: a save made meanwhile makes this one fail with 409.
            db.Entry(phase).Property(p => p.ConcurrencyToken).OriginalValue = read;
        }
        return phase;
    }

    private void Apply(Phase phase, PhaseInput input, IEnumerable<Phase> siblings)
    {
        var opensAt = input.OpensAt ?? throw ForumException.Invalid("opensAt", "phase.opens-required", "Give the date the phase opens.");
        var closesAt = input.ClosesAt ?? throw ForumException.Invalid("closesAt", "phase.closes-required", "Give the date the phase closes.");
        var schedule = new PhaseSchedule(clock.ToUtc(opensAt, "opensAt"), clock.ToUtc(closesAt, "closesAt"));
        Phase.EnsureNoOverlap(schedule, siblings, phase.Id);
        InputRules.WriteTitledTexts(phase.Texts, input.Texts, phase.OriginalLanguage, languages, options.Limits, "question",
            given => (given.Title, given.Question), t => t.Language,
            (language, title, question) => new PhaseText { Language = language, Title = title, Question = question },
            (text, title, question) => (text.Title, text.Question) = (title, question));
        foreach (var text in phase.Texts)
        {
            text.AnnouncementNote = PhaseText.AnnouncementNoteFrom(input.Texts?.GetValueOrDefault(text.Language)?.AnnouncementNote,
                $"texts.{text.Language}.announcementNote");
        }
        phase.Schedule = schedule;
        phase.UpdatedAt = clock.UtcNow;
        phase.ConcurrencyToken = Guid.NewGuid();
    }

    private DateTime Until(PhaseActionInput input) =>
        clock.ToUtc(input.Until ?? throw ForumException.Invalid("until", "phase.until-required", "Give the new closing date."), "until");

    private string Dates(Phase phase) =>
        $"{clock.ToLocal(phase.OpensAt):yyyy-MM-dd HH:mm zzz} to {clock.ToLocal(phase.ClosesAt):yyyy-MM-dd HH:mm zzz}";

    private static AuditEntry Audit(Phase phase, ClaimsPrincipal moderator, DateTime now, string action, string? reason, string details) => new()
    {
        At = now,
        ActorId = moderator.Id(),
        Action = action,
        ThemeId = phase.ThemeId,
        PhaseId = phase.Id,
        Reason = reason,
        Details = details,
    };

    private async Task<Theme> ReadableThemeAsync(string slug, ClaimsPrincipal reader) =>
        await db.Themes.AsNoTracking().Where(PhaseVisibility.ThemesReadableBy(reader.IsModerator())).FirstOrDefaultAsync(t => t.Slug == slug)
            ?? throw ForumException.NotFound("theme", slug);
}
