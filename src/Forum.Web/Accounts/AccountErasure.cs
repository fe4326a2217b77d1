using Forum.Core.Audit;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Time;
using Forum.Data;
using Forum.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>
/// Deletes an account at its owner's request. The user row stays as the author key of what it wrote
/// (foreign keys stay whole, statistics keep counting it as one contributor) but loses every personal
/// datum; its contributions stay, shown as by a deleted user, or go, as "Forum:Privacy" says.
/// </summary>
public sealed class AccountErasure(
    ForumDbContext db, UserManager<ForumUser> users, ForumClock clock, IOptions<PrivacyOptions> privacy, ILogger<AccountErasure> logger)
{
    public const string AuditAction = "account.delete";
    public const string TombstoneReason = "Removed with its author's account.";

    public sealed record Outcome(int ContributionsRemoved, int ContributionsKept, int TranslationsRemoved);

    /// <summary>Checks the password (a wrong one counts towards the lockout) and erases the account.</summary>
    public async Task<Outcome> DeleteAsync(string userId, string? password, CancellationToken cancellation = default)
    {
        if (string.IsNullOrEmpty(password))
        {
            throw ForumException.Invalid("password", "account.password-required", "Enter your password to delete your account.");
        }
        var user = await users.FindByIdAsync(userId);
        if (user is null || user.DeletedAt is not null)
        {
            throw ForumException.NotFound("user", userId);
        }
        if (await users.IsLockedOutAsync(user))
        {
            throw new ForumException(FailureKind.Forbidden, "account.locked-out", "Too many wrong passwords: this account is locked for a while.", "password");
        }
        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            throw new ForumException(FailureKind.Forbidden, "account.password-wrong", "This is not your password: the account was not deleted.", "password");
        }
        await LastAdmin.EnsureAnotherAsync(users, user, LastAdmin.Change.DeleteAccount);

        var now = clock.UtcNow;
        var mode = privacy.Value.DeletedAccountContributions;
        // Its events (the new name and stamp, the counts) leave once this transaction commits: cached pages follow them.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var outcome = mode == DeletedAccountContributions.Remove
            ? await RemoveContributionsAsync(userId, now, cancellation)
            : new Outcome(0, await db.Contributions.CountAsync(c => c.AuthorId == userId, cancellation), 0);

        // What they wrote in reports is theirs too; the reports themselves stay for the moderators.
        await db.Reports.Where(r => r.ReporterId == userId).ExecuteUpdateAsync(r => r.SetProperty(x => x.Comment, (string?)null), cancellation);
        Erase(user, now);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, ActorId = userId, Action = AuditAction,
            Details = $"{mode}: {outcome.ContributionsRemoved} contributions removed, {outcome.ContributionsKept} kept, {outcome.TranslationsRemoved} translations removed.",
        });
        await db.SaveChangesAsync(cancellation);
        await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellation);
        await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellation);
        await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(cancellation);
        await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellation);
        // What they followed and how they wanted to hear of it: nothing is sent to a deleted account.
        await db.Follows.Where(f => f.UserId == userId).ExecuteDeleteAsync(cancellation);
        // Nobody is kept off a text by a person who is gone.
        await db.TranslationClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellation);
        await db.NotificationPreferences.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellation);
        await db.DigestEntries.Where(d => d.UserId == userId).ExecuteDeleteAsync(cancellation);
        // The e-mails kept for them hold their address: those not yet sent are not sent, and none is kept.
        await db.OutboxMessages.Where(m => m.RecipientUserId == userId).ExecuteDeleteAsync(cancellation);
        await transaction.CommitAsync(cancellation);

        logger.LogInformation("Account {UserId} deleted ({Mode}).", userId, mode);
        return outcome;
    }

    /// <summary>No name, address, password or device remains; the lockout and the new stamp refuse every sign-in and every token issued before.</summary>
    private static void Erase(ForumUser user, DateTime now)
    {
        // A name that cannot be anyone's e-mail address, so the old address and name can register again.
        user.UserName = $"deleted-{user.Id}";
        user.NormalizedUserName = user.UserName.ToUpperInvariant();
        user.Email = null;
        user.NormalizedEmail = null;
        user.EmailConfirmed = false;
        user.DisplayName = ForumUser.DeletedName;
        user.TranslationLanguages = null;
        user.PasswordHash = null;
        user.PhoneNumber = null;
        user.PhoneNumberConfirmed = false;
        user.TwoFactorEnabled = false;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        user.AccessFailedCount = 0;
        user.RegisteredAt = null;
        user.DeletedAt = now;
    }

    /// <summary>
    /// Removes the user's contributions and replies with their versions, and the translations they wrote
    /// of others' contributions. A contribution that others answered stays as a hidden, blanked
    /// tombstone so their replies keep their thread. Tracked changes, so the statistics follow.
    /// </summary>
    private async Task<Outcome> RemoveContributionsAsync(string userId, DateTime now, CancellationToken cancellation)
    {
        var own = await db.Contributions.Include(c => c.Versions).Where(c => c.AuthorId == userId).ToListAsync(cancellation);
        var answeredByOthers = (await db.Contributions
                .Where(r => r.ParentId != null && r.AuthorId != userId && db.Contributions.Any(p => p.Id == r.ParentId && p.AuthorId == userId))
                .Select(r => r.ParentId!.Value).Distinct().ToListAsync(cancellation))
            .ToHashSet();
        var removedIds = own.Where(c => !answeredByOthers.Contains(c.Id)).Select(c => c.Id).ToHashSet();

        var repliesGone = new Dictionary<long, int>();
        foreach (var contribution in own)
        {
            if (answeredByOthers.Contains(contribution.Id))
            {
                contribution.Tombstone(TombstoneReason, now);
                continue;
            }
            db.Contributions.Remove(contribution);
            if (contribution.ParentId is { } parentId && !removedIds.Contains(parentId))
            {
                repliesGone[parentId] = repliesGone.GetValueOrDefault(parentId) + 1;
            }
        }

        var translated = await db.Contributions.Include(c => c.Versions)
            .Where(c => c.AuthorId != userId && c.Versions.Any(v => v.AuthorId == userId))
            .ToListAsync(cancellation);
        var translations = 0;
        foreach (var contribution in translated)
        {
            translations += contribution.RemoveTranslationsBy(userId);
        }

        // The earlier texts of every version that goes or is blanked go with it, and reports on removed
        // contributions with them (the history and the reports point at them and would keep the words).
        var ownIds = own.Select(c => c.Id).ToList();
        await db.VersionRevisions
            .Where(r => db.ContributionVersions.Any(v => v.Id == r.VersionId && (ownIds.Contains(v.ContributionId) || v.AuthorId == userId)))
            .ExecuteDeleteAsync(cancellation);
        await db.Reports.Where(r => removedIds.Contains(r.ContributionId)).ExecuteDeleteAsync(cancellation);

        await db.SaveChangesAsync(cancellation);
        foreach (var (parentId, count) in repliesGone)
        {
            await db.Contributions.Where(c => c.Id == parentId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReplyCount, c => c.ReplyCount - count), cancellation);
        }
        return new Outcome(removedIds.Count, own.Count - removedIds.Count, translations);
    }
}
