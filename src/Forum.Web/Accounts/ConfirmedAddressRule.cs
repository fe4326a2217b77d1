using System.Security.Claims;
using Forum.Core.Errors;
using Forum.Data;
using Forum.Web.Authorization;
using Forum.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>
/// The one home of "may this account write" as far as its address goes: with <see cref="AccountOptions.RequireConfirmedEmail"/>
/// on, an account whose address is not confirmed may sign in and read, but not post, reply, translate or report.
/// The services of those writes ask here first; the policies stay about roles, so that the account's own pages
/// (where the address is confirmed, changed or the account deleted) remain open to it. Read from the database
/// on each write, not from the ticket, so that a confirmation counts at once for tickets issued before it.
/// </summary>
public sealed class ConfirmedAddressRule(ForumDbContext db, IOptions<AccountOptions> accounts, MailOptions mail)
{
    public const string Rule = "account.email-unconfirmed";

    /// <summary>Whether the rule is on: as set, else when the forum sends real mail (without it nobody could confirm).</summary>
    public bool Applies => Resolve(accounts.Value.RequireConfirmedEmail, mail.UsesSmtp);

    public static bool Resolve(bool? configured, bool usesSmtp) => configured ?? usesSmtp;

    public async Task EnsureMayWriteAsync(ClaimsPrincipal user)
    {
        if (!Applies)
        {
            return;
        }
        var id = user.Id();
        if (!await db.Users.AnyAsync(u => u.Id == id && u.EmailConfirmed))
        {
            throw ForumException.Forbidden(Rule,
                "Confirm your e-mail address first: follow the link the forum sent you, or ask for a new one (POST /api/account/resendConfirmationEmail).");
        }
    }

    /// <summary>Whether this signed-in account would be refused a write now (for the pages' notices).</summary>
    public async Task<bool> RefusesAsync(ClaimsPrincipal user) =>
        Applies && user.Identity?.IsAuthenticated == true && !await db.Users.AnyAsync(u => u.Id == user.Id() && u.EmailConfirmed);
}
