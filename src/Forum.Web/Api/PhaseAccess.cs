using System.Security.Claims;
using Forum.Core.Errors;
using Forum.Core.Phases;
using Forum.Data;
using Forum.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Api;

/// <summary>Who may see a phase: everyone once its theme is published, the moderation team before.</summary>
public static class PhaseAccess
{
    public static Task<Phase> RequireReadableAsync(ForumDbContext db, int phaseId, ClaimsPrincipal user) =>
        RequireReadableAsync(db, phaseId, user.IsModerator());

    /// <param name="isModerator">Whether the reader is on the moderation team, as the caller established it (the hub reads it from the database).</param>
    public static async Task<Phase> RequireReadableAsync(ForumDbContext db, int phaseId, bool isModerator)
    {
        var phase = await db.Phases.AsNoTracking().Include(p => p.Theme).FirstOrDefaultAsync(p => p.Id == phaseId);
        return phase is null || !CanRead(phase.Theme!.IsPublished, isModerator)
            ? throw ForumException.NotFound("phase", phaseId)
            : phase;
    }

    /// <summary>The rule itself, also for the live layer, which reads the flags in bulk (delivery and sweep).</summary>
    public static bool CanRead(bool themePublished, bool isModerator) => themePublished || isModerator;

    /// <summary>The culture to answer in: the one asked for, which must be a forum language, else the forum's default.</summary>
    public static string Culture(string? lang, Core.Languages.ForumLanguages languages) =>
        lang is null ? languages.Default : languages.Require(lang, "lang");
}
