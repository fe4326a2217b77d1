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
    public static async Task<Phase> RequireReadableAsync(ForumDbContext db, int phaseId, ClaimsPrincipal user)
    {
        var phase = await db.Phases.AsNoTracking().Include(p => p.Theme).FirstOrDefaultAsync(p => p.Id == phaseId);
        return phase is null || (!phase.Theme!.IsPublished && !user.IsModerator())
            ? throw ForumException.NotFound("phase", phaseId)
            : phase;
    }

    /// <summary>The culture to answer in: the one asked for, which must be a forum language, else the forum's default.</summary>
    public static string Culture(string? lang, Core.Languages.ForumLanguages languages) =>
        languages.Optional(lang, "lang") ?? languages.Default;
}
