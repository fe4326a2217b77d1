using System.Security.Claims;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Notifications;
using Forum.Core.Phases;
using Forum.Core.Time;
using Forum.Data;
using Forum.Web.Authorization;
using Forum.Web.Phases;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Notifications;

/// <summary>What one follows, in the reader's language, for the account page and the API.</summary>
public sealed record FollowView(string Target, int Id, string Title, string Language, int? PhaseNumber, DateTime Since);

/// <summary>Following and unfollowing themes and phases, and the choices per kind of notification.</summary>
public sealed class FollowService(ForumDbContext db, ForumClock clock)
{
    public const string ThemeTarget = "theme";
    public const string PhaseTarget = "phase";

    /// <summary>
    /// Writing in a phase follows it, unless the person already follows it or stopped following it (the kept
    /// "not following" row). After the contribution's commit: a lost race with another of one's own posts is harmless.
    /// </summary>
    public async Task FollowByWritingAsync(string userId, int phaseId)
    {
        var existing = await db.Follows.FirstOrDefaultAsync(f => f.UserId == userId && f.PhaseId == phaseId);
        if (Follow.ByWriting(existing, userId, phaseId, clock.UtcNow) is not { } follow)
        {
            return;
        }
        db.Follows.Add(follow);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another request of the same person added it first.
            db.Entry(follow).State = EntityState.Detached;
        }
    }

    public async Task FollowAsync(string target, int id, ClaimsPrincipal user) => await ChangeAsync(target, id, user, follow: true);

    public async Task UnfollowAsync(string target, int id, ClaimsPrincipal user) => await ChangeAsync(target, id, user, follow: false);

    private async Task ChangeAsync(string target, int id, ClaimsPrincipal user, bool follow)
    {
        await RequireReadableAsync(target, id, user);
        var userId = user.Id();
        var now = clock.UtcNow;
        var row = await Rows(userId, target, id).FirstOrDefaultAsync();
        if (row is null)
        {
            // Unfollowing what one never followed is remembered too: writing there later does not follow it.
            row = target == ThemeTarget ? Follow.OfTheme(userId, id, now) : Follow.OfPhase(userId, id, now);
            db.Follows.Add(row);
        }
        if (follow)
        {
            row.Resume(now);
        }
        else
        {
            row.Stop(now);
        }
        await db.SaveChangesAsync();
    }

    public async Task<bool> IsFollowingAsync(string target, int id, string userId) =>
        await Rows(userId, target, id).AnyAsync(f => f.StoppedAt == null);

    private IQueryable<Follow> Rows(string userId, string target, int id) => target == ThemeTarget
        ? db.Follows.Where(f => f.UserId == userId && f.ThemeId == id)
        : db.Follows.Where(f => f.UserId == userId && f.PhaseId == id);

    private async Task RequireReadableAsync(string target, int id, ClaimsPrincipal user)
    {
        switch (target)
        {
            case ThemeTarget:
                var moderator = user.IsModerator();
                if (!await db.Themes.AnyAsync(t => t.Id == id && (t.IsPublished || moderator)))
                {
                    throw ForumException.NotFound("theme", id);
                }
                break;
            case PhaseTarget:
                await PhaseAccess.RequireReadableAsync(db, id, user);
                break;
            default:
                throw ForumException.Invalid("target", "follow.target-unknown", "One follows a theme or a phase.");
        }
    }

    /// <summary>What the person follows now, themes first, with titles in <paramref name="language"/> where written.</summary>
    public async Task<List<FollowView>> ListAsync(string userId, string language)
    {
        var follows = await db.Follows.AsNoTracking().Where(f => f.UserId == userId && f.StoppedAt == null).ToListAsync();
        var themeIds = follows.Where(f => f.ThemeId is not null).Select(f => f.ThemeId!.Value).ToList();
        var phaseIds = follows.Where(f => f.PhaseId is not null).Select(f => f.PhaseId!.Value).ToList();
        var themes = await db.Themes.AsNoTracking().Include(t => t.Texts).Where(t => themeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id);
        var phases = await db.Phases.AsNoTracking().Include(p => p.Texts).Where(p => phaseIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        var views = new List<FollowView>();
        foreach (var follow in follows.OrderBy(f => f.PhaseId is null ? 0 : 1).ThenBy(f => f.CreatedAt))
        {
            if (follow.ThemeId is { } themeId && themes.TryGetValue(themeId, out var theme))
            {
                var text = LocalizedText.Pick(theme.Texts, t => t.Language, language, theme.OriginalLanguage);
                views.Add(new FollowView(ThemeTarget, themeId, text.Text.Title, text.Language, null, follow.CreatedAt));
            }
            else if (follow.PhaseId is { } phaseId && phases.TryGetValue(phaseId, out var phase))
            {
                var text = LocalizedText.Pick(phase.Texts, t => t.Language, language, phase.OriginalLanguage);
                views.Add(new FollowView(PhaseTarget, phaseId, text.Text.Title, text.Language, phase.Number, follow.CreatedAt));
            }
        }
        return views;
    }

    /// <summary>The person's choice for every kind, the default where none was made.</summary>
    public async Task<Dictionary<NotificationKind, Delivery>> PreferencesAsync(string userId)
    {
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, p => p.Delivery);
        return Enum.GetValues<NotificationKind>().ToDictionary(k => k, k => chosen.TryGetValue(k, out var d) ? d : NotificationPreference.Default(k));
    }

    /// <summary>Sets the choices given (others unchanged), all in one save.</summary>
    public async Task SetPreferencesAsync(string userId, IReadOnlyDictionary<NotificationKind, Delivery> choices)
    {
        var rows = await db.NotificationPreferences.Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind);
        foreach (var (kind, delivery) in choices)
        {
            if (rows.TryGetValue(kind, out var row))
            {
                row.Delivery = delivery;
            }
            else
            {
                db.NotificationPreferences.Add(new NotificationPreference { UserId = userId, Kind = kind, Delivery = delivery });
            }
        }
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The unsubscribe link's change: its kind becomes "never", or for the digest's link, every kind the person
    /// had chosen to hear of in the digest. Repeating it changes nothing more. The kinds stopped are returned.
    /// </summary>
    public async Task<IReadOnlyList<NotificationKind>> UnsubscribeAsync(UnsubscribeRequest request)
    {
        if (!await db.Users.AnyAsync(u => u.Id == request.UserId && u.DeletedAt == null))
        {
            // Signed by the forum, but the account is gone: nothing is sent to it any more anyway.
            return [];
        }
        var current = await PreferencesAsync(request.UserId);
        var stopped = request.Kind is { } kind ? [kind] : current.Where(c => c.Value == Delivery.DailyDigest).Select(c => c.Key).ToList();
        await SetPreferencesAsync(request.UserId, stopped.ToDictionary(k => k, _ => Delivery.Never));
        return stopped;
    }

    /// <summary>Reads a kind's name as the API and forms write it ("reply", "phaseOpened", "PhaseOpened").</summary>
    public static NotificationKind ParseKind(string? value, string field) =>
        Enum.TryParse<NotificationKind>(value, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(value, out _)
            ? kind
            : throw ForumException.Invalid(field, "notifications.kind-unknown",
                $"'{value}' is no kind of notification; kinds are {string.Join(", ", Enum.GetValues<NotificationKind>().Select(KindName))}.");

    public static Delivery ParseDelivery(string? value, string field) =>
        Enum.TryParse<Delivery>(value, ignoreCase: true, out var delivery) && Enum.IsDefined(delivery) && !int.TryParse(value, out _)
            ? delivery
            : throw ForumException.Invalid(field, "notifications.delivery-unknown", "The choice is immediately, dailyDigest or never.");

    /// <summary>"phaseOpened": how the API and the localization keys name a kind.</summary>
    public static string KindName(NotificationKind kind) => char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..];

    public static string DeliveryName(Delivery delivery) => char.ToLowerInvariant(delivery.ToString()[0]) + delivery.ToString()[1..];
}
