using System.Security.Claims;
using Forum.Core;
using Forum.Core.Audit;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Phases;
using Forum.Core.Time;
using Forum.Data;
using Forum.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Api;

public static class PhasesApi
{
    public static IEndpointRouteBuilder MapPhasesApi(this IEndpointRouteBuilder app)
    {
        var themed = app.MapGroup("/api/themes/{slug}/phases").WithTags("Phases");
        themed.MapGet("/", ListPhases).WithName("ListPhases").WithSummary("Phases of a theme in order, with their state.");
        themed.MapPost("/", CreatePhase).WithName("CreatePhase").WithSummary("Add a phase to a theme.").RequireAuthorization(Policies.Moderator);

        var api = app.MapGroup("/api/phases/{id:int}").WithTags("Phases");
        api.MapGet("/", GetPhase).WithName("GetPhase").WithSummary("A phase with its state and dates in the forum's time zone.");
        api.MapPut("/", EditPhase).WithName("EditPhase").WithSummary("Edit a phase's texts and dates (send the version you read).").RequireAuthorization(Policies.Moderator);
        api.MapPost("/open", OpenPhase).WithName("OpenPhase").WithSummary("Open a scheduled phase now.").RequireAuthorization(Policies.Moderator);
        api.MapPost("/close", ClosePhase).WithName("ClosePhase").WithSummary("Close an open phase now.").RequireAuthorization(Policies.Moderator);
        api.MapPost("/reopen", ReopenPhase).WithName("ReopenPhase").WithSummary("Open a closed phase again until a date.").RequireAuthorization(Policies.Moderator);
        api.MapPost("/extend", ExtendPhase).WithName("ExtendPhase").WithSummary("Move a phase's closing date later.").RequireAuthorization(Policies.Moderator);
        api.MapGet("/audit", PhaseAudit).WithName("PhaseAudit").WithSummary("Moderator actions on this phase and its contributions.").RequireAuthorization(Policies.Moderator);
        return app;
    }

    public sealed record PhaseTextInput(string? Title, string? Question);

    /// <summary>Dates without an offset are wall-clock times in the forum's time zone.</summary>
    public sealed record PhaseInput(int? Number, string? OriginalLanguage, DateTime? OpensAt, DateTime? ClosesAt, Dictionary<string, PhaseTextInput>? Texts, Guid? Version);

    public sealed record PhaseActionInput(string? Reason, DateTime? Until, Guid? Version);

    public sealed record PhaseView(
        int Id, string ThemeSlug, int Number, PhaseState State, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, string TimeZone,
        string Title, string Question, Localized Text, Guid Version);

    public sealed record AuditView(long Id, DateTimeOffset At, string ActorId, string Action, int? PhaseId, long? ContributionId, string? Reason, string? Details);

    internal static PhaseView ToView(Phase phase, string themeSlug, string? lang, ForumClock clock)
    {
        var picked = LocalizedText.Pick(phase.Texts, t => t.Language, lang, phase.OriginalLanguage);
        return new PhaseView(phase.Id, themeSlug, phase.Number, phase.StateAt(clock.UtcNow),
            clock.ToLocal(phase.OpensAt), clock.ToLocal(phase.ClosesAt), clock.Zone.Id,
            picked.Text.Title, picked.Text.Question,
            new Localized(picked.Language, picked.IsFallback, phase.OriginalLanguage, phase.Texts.Select(t => t.Language).Order().ToList()),
            phase.ConcurrencyToken);
    }

    internal static async Task<Ok<List<PhaseView>>> ListPhases(string slug, string? lang, ForumDbContext db, ForumLanguages languages, ForumClock clock, ClaimsPrincipal user)
    {
        languages.Optional(lang, "lang");
        var theme = await FindThemeAsync(db, slug, user);
        var phases = await db.Phases.AsNoTracking().Include(p => p.Texts)
            .Where(p => p.ThemeId == theme.Id).OrderBy(p => p.Number).ToListAsync();
        return TypedResults.Ok(phases.Select(p => ToView(p, slug, lang, clock)).ToList());
    }

    internal static async Task<Ok<PhaseView>> GetPhase(int id, string? lang, ForumDbContext db, ForumLanguages languages, ForumClock clock, ClaimsPrincipal user)
    {
        languages.Optional(lang, "lang");
        var phase = await db.Phases.AsNoTracking().Include(p => p.Texts).Include(p => p.Theme)
            .FirstOrDefaultAsync(p => p.Id == id);
        if (phase is null || (!phase.Theme!.IsPublished && !user.IsModerator()))
        {
            throw ForumException.NotFound("phase", id);
        }
        return TypedResults.Ok(ToView(phase, phase.Theme.Slug, lang, clock));
    }

    internal static async Task<Created<PhaseView>> CreatePhase(
        string slug, PhaseInput input, ForumDbContext db, ForumLanguages languages, ForumOptions options, ForumClock clock, ClaimsPrincipal user)
    {
        var theme = await FindThemeAsync(db, slug, user);
        var siblings = await db.Phases.Where(p => p.ThemeId == theme.Id).ToListAsync();
        var number = input.Number ?? siblings.Select(p => p.Number).DefaultIfEmpty(0).Max() + 1;
        if (number < 1)
        {
            throw ForumException.Invalid("number", "phase.number-invalid", "Phase numbers start at 1.");
        }
        if (siblings.Any(p => p.Number == number))
        {
            throw ForumException.Conflict("phase.number-taken", $"This theme already has a phase {number}.", "number");
        }
        var now = clock.UtcNow;
        var phase = new Phase
        {
            ThemeId = theme.Id,
            Number = number,
            OriginalLanguage = languages.Require(input.OriginalLanguage, "originalLanguage"),
            CreatedAt = now,
        };
        Apply(phase, input, siblings, languages, options, clock);
        db.Phases.Add(phase);
        await db.SaveChangesAsync();
        db.AuditEntries.Add(Audit(phase, user, now, "phase.create", null, Dates(phase, clock)));
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/phases/{phase.Id}", ToView(phase, slug, null, clock));
    }

    internal static async Task<Ok<PhaseView>> EditPhase(
        int id, PhaseInput input, ForumDbContext db, ForumLanguages languages, ForumOptions options, ForumClock clock, ClaimsPrincipal user)
    {
        var version = InputRules.RequiredVersion(input.Version);
        var phase = await LoadForChangeAsync(db, id, version);
        if (input.Number is { } number && number != phase.Number)
        {
            throw ForumException.Invalid("number", "phase.number-fixed", "A phase keeps its number; create a new phase instead.");
        }
        phase.OriginalLanguage = languages.Require(input.OriginalLanguage ?? phase.OriginalLanguage, "originalLanguage");
        var siblings = await db.Phases.Where(p => p.ThemeId == phase.ThemeId && p.Id != phase.Id).ToListAsync();
        var before = Dates(phase, clock);
        Apply(phase, input, siblings, languages, options, clock);
        db.AuditEntries.Add(Audit(phase, user, clock.UtcNow, "phase.edit", null, $"{before} -> {Dates(phase, clock)}"));
        await db.SaveChangesAsync();
        return TypedResults.Ok(ToView(phase, phase.Theme!.Slug, null, clock));
    }

    internal static Task<Ok<PhaseView>> OpenPhase(int id, PhaseActionInput input, ForumDbContext db, ForumOptions options, ForumClock clock, ClaimsPrincipal user) =>
        ChangeScheduleAsync(id, input, db, options, clock, user, "phase.open", (s, now) => s.OpenNow(now));

    internal static Task<Ok<PhaseView>> ClosePhase(int id, PhaseActionInput input, ForumDbContext db, ForumOptions options, ForumClock clock, ClaimsPrincipal user) =>
        ChangeScheduleAsync(id, input, db, options, clock, user, "phase.close", (s, now) => s.CloseNow(now));

    internal static Task<Ok<PhaseView>> ReopenPhase(int id, PhaseActionInput input, ForumDbContext db, ForumOptions options, ForumClock clock, ClaimsPrincipal user) =>
        ChangeScheduleAsync(id, input, db, options, clock, user, "phase.reopen", (s, now) => s.Reopen(now, Until(input, clock)));

    internal static Task<Ok<PhaseView>> ExtendPhase(int id, PhaseActionInput input, ForumDbContext db, ForumOptions options, ForumClock clock, ClaimsPrincipal user) =>
        ChangeScheduleAsync(id, input, db, options, clock, user, "phase.extend", (s, now) => s.Extend(now, Until(input, clock)));

    internal static async Task<Ok<List<AuditView>>> PhaseAudit(int id, ForumDbContext db, ForumClock clock)
    {
        if (!await db.Phases.AnyAsync(p => p.Id == id))
        {
            throw ForumException.NotFound("phase", id);
        }
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.PhaseId == id)
            .OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync();
        return TypedResults.Ok(entries.Select(a => new AuditView(a.Id, clock.ToLocal(a.At), a.ActorId, a.Action, a.PhaseId, a.ContributionId, a.Reason, a.Details)).ToList());
    }

    private static async Task<Ok<PhaseView>> ChangeScheduleAsync(
        int id, PhaseActionInput input, ForumDbContext db, ForumOptions options, ForumClock clock, ClaimsPrincipal user,
        string action, Func<PhaseSchedule, DateTime, PhaseSchedule> change)
    {
        var reason = InputRules.Reason(input.Reason, options);
        var phase = await LoadForChangeAsync(db, id, input.Version);
        var now = clock.UtcNow;
        var before = Dates(phase, clock);
        var schedule = change(phase.Schedule, now);
        var siblings = await db.Phases.Where(p => p.ThemeId == phase.ThemeId && p.Id != phase.Id).ToListAsync();
        Phase.EnsureNoOverlap(schedule, siblings, phase.Id);
        phase.Schedule = schedule;
        phase.UpdatedAt = now;
        phase.ConcurrencyToken = Guid.NewGuid();
        db.AuditEntries.Add(Audit(phase, user, now, action, reason, $"{before} -> {Dates(phase, clock)}"));
        await db.SaveChangesAsync();
        return TypedResults.Ok(ToView(phase, phase.Theme!.Slug, null, clock));
    }

    private static async Task<Phase> LoadForChangeAsync(ForumDbContext db, int id, Guid? version)
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

    private static void Apply(Phase phase, PhaseInput input, IEnumerable<Phase> siblings, ForumLanguages languages, ForumOptions options, ForumClock clock)
    {
        var opensAt = input.OpensAt ?? throw ForumException.Invalid("opensAt", "phase.opens-required", "Give the date the phase opens.");
        var closesAt = input.ClosesAt ?? throw ForumException.Invalid("closesAt", "phase.closes-required", "Give the date the phase closes.");
        var schedule = new PhaseSchedule(clock.ToUtc(opensAt, "opensAt"), clock.ToUtc(closesAt, "closesAt"));
        Phase.EnsureNoOverlap(schedule, siblings, phase.Id);
        var limits = options.Limits;
        var texts = InputRules.PerLanguage(input.Texts, phase.OriginalLanguage, languages).Select(t => new PhaseText
        {
            Language = t.Key,
            Title = InputRules.RequiredText(t.Value?.Title, $"texts.{t.Key}.title", limits.TitleMaxLength),
            Question = InputRules.RequiredText(t.Value?.Question, $"texts.{t.Key}.question", limits.DescriptionMaxLength),
        }).ToList();
        InputRules.SyncTexts(phase.Texts, texts, t => t.Language, (target, source) =>
        {
            target.Title = source.Title;
            target.Question = source.Question;
        });
        phase.Schedule = schedule;
        phase.UpdatedAt = clock.UtcNow;
        phase.ConcurrencyToken = Guid.NewGuid();
    }

    private static DateTime Until(PhaseActionInput input, ForumClock clock) =>
        clock.ToUtc(input.Until ?? throw ForumException.Invalid("until", "phase.until-required", "Give the new closing date."), "until");

    private static string Dates(Phase phase, ForumClock clock) =>
        $"{clock.ToLocal(phase.OpensAt):yyyy-MM-dd HH:mm zzz} to {clock.ToLocal(phase.ClosesAt):yyyy-MM-dd HH:mm zzz}";

    private static AuditEntry Audit(Phase phase, ClaimsPrincipal user, DateTime now, string action, string? reason, string details) => new()
    {
        At = now,
        ActorId = user.Id(),
        Action = action,
        ThemeId = phase.ThemeId,
        PhaseId = phase.Id,
        Reason = reason,
        Details = details,
    };

    private static async Task<Core.Themes.Theme> FindThemeAsync(ForumDbContext db, string slug, ClaimsPrincipal user)
    {
        var theme = await db.Themes.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug);
        return theme is null || (!theme.IsPublished && !user.IsModerator())
            ? throw ForumException.NotFound("theme", slug)
            : theme;
    }
}
