using System.Security.Claims;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Phases;
using Forum.Data;
using Forum.Web.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Phases;

/// <summary>
/// Who may see a phase (the rule is <see cref="PhaseVisibility"/>), and a contribution: who may see its
/// phase, and for a hidden one the moderation team. What a caller may not see does not exist for them:
/// reads and writes answer as for an id never given, before any other rule.
/// </summary>
public static class PhaseAccess
{
    private static bool MayRead(Phase phase, ClaimsPrincipal user) => PhaseVisibility.CanRead(phase.Theme!, user.IsModerator());

    private static Task<Phase?> FindAsync(ForumDbContext db, int phaseId) =>
        db.Phases.AsNoTracking().Include(p => p.Theme).FirstOrDefaultAsync(p => p.Id == phaseId);

    public static Task<Phase> RequireReadableAsync(ForumDbContext db, int phaseId, ClaimsPrincipal user) =>
        RequireReadableAsync(db, phaseId, user.IsModerator());

    /// <summary>Whether the phase exists and the caller may read it, for callers that answer "not found" about something else.</summary>
    public static Task<bool> MayReadAsync(ForumDbContext db, int phaseId, ClaimsPrincipal user) =>
        db.Phases.Where(PhaseVisibility.ReadableBy(user.IsModerator())).AnyAsync(p => p.Id == phaseId);

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
        await db.Phases.AsNoTracking().Include(p => p.Theme).Where(PhaseVisibility.ReadableBy(isModerator)).FirstOrDefaultAsync(p => p.Id == phaseId)
            ?? throw ForumException.NotFound("phase", phaseId);

    /// <summary>Kept so that callers compile; the rule is <see cref="PhaseVisibility.CanRead(bool, bool)"/>.</summary>
    public static bool CanRead(bool themePublished, bool isModerator) => PhaseVisibility.CanRead(themePublished, isModerator);

    /// <summary>The culture to answer in: the one asked for, which must be a forum language, else the forum's default.</summary>
    public static string Culture(string? lang, Core.Languages.ForumLanguages languages) =>
        languages.Optional(lang, "lang") ?? languages.Default;
}
