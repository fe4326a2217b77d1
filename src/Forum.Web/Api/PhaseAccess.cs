using System.Security.Claims;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Phases;
using Forum.Data;
using Forum.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Api;

/// <summary>
/// Who may see a phase: everyone once its theme is published, the moderation team before; and a
/// contribution: who may see its phase, and for a hidden one the moderation team. What a caller may
/// not see does not exist for them: reads and writes answer as for an id never given, before any other rule.
/// </summary>
public static class PhaseAccess
{
    private static bool MayRead(Phase phase, ClaimsPrincipal user) => CanRead(phase.Theme!.IsPublished, user.IsModerator());

    private static Task<Phase?> FindAsync(ForumDbContext db, int phaseId) =>
        db.Phases.AsNoTracking().Include(p => p.Theme).FirstOrDefaultAsync(p => p.Id == phaseId);

    public static Task<Phase> RequireReadableAsync(ForumDbContext db, int phaseId, ClaimsPrincipal user) =>
        RequireReadableAsync(db, phaseId, user.IsModerator());

    /// <summary>Whether the phase exists and the caller may read it, for callers that answer "not found" about something else.</summary>
    public static async Task<bool> MayReadAsync(ForumDbContext db, int phaseId, ClaimsPrincipal user) =>
        await FindAsync(db, phaseId) is { } phase && MayRead(phase, user);

    /// <summary>
    /// A contribution the caller may read, read from <paramref name="source"/> (tracked or not, with what the caller needs),
    /// with its phase. <paramref name="mayReadHidden"/> lets a caller learn why a hidden one is refused (its author editing).
    /// </summary>
    public static async Task<(Contribution Contribution, Phase Phase)> RequireReadableAsync(
        ForumDbContext db, IQueryable<Contribution> source, long id, ClaimsPrincipal user, Func<Contribution, bool>? mayReadHidden = null)
    {
        var contribution = await source.FirstOrDefaultAsync(c => c.Id == id);
        var phase = contribution is null ? null : await FindAsync(db, contribution.PhaseId);
        return contribution is null || phase is null || !MayRead(phase, user)
            || (!contribution.IsVisibleTo(user.IsModerator()) && mayReadHidden?.Invoke(contribution) != true)
            ? throw ForumException.NotFound("contribution", id)
            : (contribution, phase);
    }

    /// <param name="isModerator">Whether the reader is on the moderation team, as the caller established it (the hub reads it from the database).</param>
    public static async Task<Phase> RequireReadableAsync(ForumDbContext db, int phaseId, bool isModerator) =>
        await FindAsync(db, phaseId) is { } phase && CanRead(phase.Theme!.IsPublished, isModerator)
            ? phase
            : throw ForumException.NotFound("phase", phaseId);

    /// <summary>The rule itself, also for the live layer, which reads the flags in bulk (delivery and sweep).</summary>
    public static bool CanRead(bool themePublished, bool isModerator) => themePublished || isModerator;

    /// <summary>The culture to answer in: the one asked for, which must be a forum language, else the forum's default.</summary>
    public static string Culture(string? lang, Core.Languages.ForumLanguages languages) =>
        languages.Optional(lang, "lang") ?? languages.Default;
}
