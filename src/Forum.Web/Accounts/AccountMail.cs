using System.Net;
using System.Text;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Mail;
using Forum.Core.Time;
using Forum.Data;
using Forum.Data.Accounts;
using Forum.Web.Mail;
using Forum.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>
/// The account's messages (confirm an address, reset a password, a change of address, an address already taken) and
/// the use cases that send them, for the pages and, through <see cref="IdentityMailSender"/>, for Identity's API.
/// Every message is in the account's language and links to the forum's pages. None of them tells the person asking
/// whether an address has an account: the answer is the same, only the mailbox's owner learns anything (ADR 0007).
/// </summary>
public sealed class AccountMail(
    ForumDbContext db, UserManager<ForumUser> users, MailOutbox outbox, UiTexts texts, ForumLanguages languages, ForumAddress forum,
    IOptions<AccountOptions> accounts, ForumClock clock)
{
    public const string ConfirmKind = "account.confirm";
    public const string ChangeKind = "account.change";
    public const string ChangeNoticeKind = "account.change-notice";
    public const string ResetKind = "account.reset";
    public const string TakenKind = "account.taken";

    /// <summary>The language every message to this person is in: their own, else the forum's first.</summary>
    public string LanguageOf(ForumUser user) => languages.IsSupported(user.PreferredLanguage) ? user.PreferredLanguage! : languages.Default;

    /// <summary>Identity's tokens travel in links base64url-encoded, as its own API does, so that both read the same codes.</summary>
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token in a code from a link; null when it is not one (a truncated or altered link).</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code.Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// After a registration (page or API): the confirmation link to a new account, or to the owner of an address that
    /// already had one (ForumUserManager answered as if created and stored nothing), a notice that someone tried.
    /// Stored at once: Identity's registration has already saved the account by now, so this cannot share its
    /// transaction; a message lost to a crash in between is asked for again on the resend page or API.
    /// </summary>
    public async Task AfterRegistrationAsync(ForumUser user)
    {
        if (await IsStoredAsync(user))
        {
            await ConfirmationAsync(user, user.Email!, Encode(await users.GenerateEmailConfirmationTokenAsync(user)), changedEmail: null);
        }
        else
        {
            await ConfirmationAsync(user, user.Email!, code: "", changedEmail: null);
        }
    }

    /// <summary>
    /// The confirmation link Identity or a page made (<paramref name="code"/> base64url): to confirm a new account's
    /// address, or with <paramref name="changedEmail"/> the new address of a change, which also tells the old address,
    /// both stored in one save. An account that was never stored (a registration of a taken address), or a change to
    /// an address another account holds, sends that address's owner a notice instead, so the caller's answer is the same.
    /// </summary>
    public async Task ConfirmationAsync(ForumUser user, string address, string code, string? changedEmail)
    {
        if (!await IsStoredAsync(user))
        {
            if (await users.FindByEmailAsync(address) is { } owner)
            {
                QueueTaken(owner, address);
            }
        }
        else if (changedEmail is not null)
        {
            if (await users.FindByEmailAsync(changedEmail) is { } other && other.Id != user.Id)
            {
                QueueTaken(other, changedEmail);
            }
            else
            {
                var language = LanguageOf(user);
                if (user.Email is { } old)
                {
                    outbox.Queue(Letter(ChangeNoticeKind, language, "change-notice", [changedEmail], Link(language, "forgot-password", [])), old, user.Id);
                }
                var link = Link(language, "confirm", [("userId", user.Id), ("code", code), ("changedEmail", changedEmail)]);
                outbox.Queue(Letter(ChangeKind, language, "change", [accounts.Value.ConfirmationLinkHours], link), changedEmail, user.Id);
            }
        }
        else if (await MaySendLinkAsync(address))
        {
            var language = LanguageOf(user);
            var link = Link(language, "confirm", [("userId", user.Id), ("code", code)]);
            outbox.Queue(Letter(ConfirmKind, language, "confirm", [accounts.Value.ConfirmationLinkHours], link), address, user.Id);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>A reset code Identity or a page made (base64url): a link to the reset page, and the code itself for API clients.</summary>
    public async Task ResetAsync(ForumUser user, string address, string code)
    {
        if (!await MaySendLinkAsync(address))
        {
            return;
        }
        var language = LanguageOf(user);
        var link = Link(language, "reset", [("email", address), ("code", code)]);
        var letter = Letter(ResetKind, language, "reset", [accounts.Value.ResetLinkHours], link);
        letter = letter with { Blocks = [.. letter.Blocks, new LetterParagraph(T(language, "account.mail.reset.code")), new LetterQuote(code)] };
        await outbox.SendAsync(letter, address, user.Id);
    }

    /// <summary>Whether the address may be sent another link now (<see cref="LinkRequests"/>); asked too often, the request is dropped with the same answer.</summary>
    private async Task<bool> MaySendLinkAsync(string address)
    {
        var since = clock.UtcNow - LinkRequests.Day;
        return LinkRequests.MaySend(await db.OutboxMessages
            .CountAsync(m => m.Recipient == address && (m.Kind == ConfirmKind || m.Kind == ResetKind) && m.CreatedAt > since));
    }

    /// <summary>
    /// "Send the link again": a confirmation link to an account of this address; nothing for an unknown address,
    /// with the same answer. Sent even when already confirmed, as Identity's resend does, so that the answer tells nothing.
    /// </summary>
    public async Task ResendAsync(string? email)
    {
        if (Known(email) is { } address && await users.FindByEmailAsync(address) is { DeletedAt: null } user)
        {
            await ConfirmationAsync(user, user.Email!, Encode(await users.GenerateEmailConfirmationTokenAsync(user)), changedEmail: null);
        }
    }

    /// <summary>
    /// "Forgot password": a reset link to a confirmed account of this address, as Identity's API does; an account whose
    /// address was never confirmed gets its confirmation link again (a reset would hand the account to whoever typed an
    /// address that was never proven); an unknown address gets nothing. The answer is the same in all three cases.
    /// </summary>
    public async Task ForgotPasswordAsync(string? email)
    {
        if (Known(email) is not { } address || await users.FindByEmailAsync(address) is not { DeletedAt: null } user)
        {
            return;
        }
        if (await users.IsEmailConfirmedAsync(user))
        {
            await ResetAsync(user, user.Email!, Encode(await users.GeneratePasswordResetTokenAsync(user)));
        }
        else
        {
            await ConfirmationAsync(user, user.Email!, Encode(await users.GenerateEmailConfirmationTokenAsync(user)), changedEmail: null);
        }
    }

    /// <summary>
    /// Confirms an address from a link: the account's own, or with <paramref name="changedEmail"/> its new address, which
    /// becomes the account's address and log-in name together (one transaction). A change ends the account's sessions
    /// (Identity renews the security stamp). False for an unknown account or a wrong, used or expired code, alike.
    /// </summary>
    public async Task<bool> ConfirmAsync(string? userId, string? code, string? changedEmail)
    {
        if (string.IsNullOrEmpty(userId) || Decode(code) is not { } token || await users.FindByIdAsync(userId) is not { DeletedAt: null } user)
        {
            return false;
        }
        if (string.IsNullOrEmpty(changedEmail))
        {
            return (await users.ConfirmEmailAsync(user, token)).Succeeded;
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (!(await users.ChangeEmailAsync(user, changedEmail, token)).Succeeded || !(await users.SetUserNameAsync(user, changedEmail)).Succeeded)
        {
            return false;
        }
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>
    /// A new password from a reset link. Identity renews the security stamp with it, so the old sessions end. An unknown
    /// address answers as a wrong code does.
    /// </summary>
    public async Task<IdentityResult> ResetPasswordAsync(string? email, string? code, string password)
    {
        var invalid = IdentityResult.Failed(users.ErrorDescriber.InvalidToken());
        if (Known(email) is not { } address || Decode(code) is not { } token || await users.FindByEmailAsync(address) is not { DeletedAt: null } user)
        {
            return invalid;
        }
        return await users.ResetPasswordAsync(user, token, password);
    }

    /// <summary>
    /// A change of address asked for on the account page: the current password first (a wrong one counts towards the
    /// lockout), then the link to the new address and the notice to the old one. The address changes only once confirmed.
    /// </summary>
    public async Task RequestAddressChangeAsync(string userId, string? newEmail, string? password)
    {
        var address = newEmail?.Trim();
        var failures = new List<ForumException>();
        if (string.IsNullOrEmpty(address) || !address.Contains('@') || address.Length > 256 || Core.Text.TextRules.FirstForbidden(address) >= 0)
        {
            failures.Add(ForumException.Invalid("email", "account.email-invalid", "Enter a valid e-mail address."));
        }
        if (string.IsNullOrEmpty(password))
        {
            failures.Add(ForumException.Invalid("password", "account.password-required", "Enter your password."));
        }
        ForumException.ThrowIfAny(failures);
        var user = await users.FindByIdAsync(userId);
        if (user is null || user.DeletedAt is not null)
        {
            throw ForumException.NotFound("user", userId);
        }
        if (string.Equals(user.Email, address, StringComparison.OrdinalIgnoreCase))
        {
            throw ForumException.Invalid("email", "account.email-same", "This is already your account's address.");
        }
        if (await users.IsLockedOutAsync(user))
        {
            throw new ForumException(FailureKind.Forbidden, "account.locked-out", "Too many wrong passwords: this account is locked for a while.", "password");
        }
        if (!await users.CheckPasswordAsync(user, password!))
        {
            await users.AccessFailedAsync(user);
            throw new ForumException(FailureKind.Forbidden, "account.password-wrong", "This is not your password: the address was not changed.", "password");
        }
        await ConfirmationAsync(user, address!, Encode(await users.GenerateChangeEmailTokenAsync(user, address!)), address);
    }

    private static string? Known(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim();

    private Task<bool> IsStoredAsync(ForumUser user) => db.Users.AnyAsync(u => u.Id == user.Id);

    private void QueueTaken(ForumUser owner, string address)
    {
        var language = LanguageOf(owner);
        outbox.Queue(Letter(TakenKind, language, "taken", [], Link(language, "forgot-password", [])), address, owner.Id);
    }

    private string T(string language, string key, params object[] values) =>
        values.Length == 0 ? texts.Get(language, key) : string.Format(languages.CultureOf(language), texts.Get(language, key), values);

    /// <summary>A letter from its texts account.mail.{name}.subject, .text (paragraphs split by blank lines, {1}… its values) and .action.</summary>
    private Letter Letter(string kind, string language, string name, object[] values, Uri action)
    {
        var site = texts.Get(language, "site.name");
        object[] all = [site, .. values];
        var paragraphs = T(language, $"account.mail.{name}.text", all).Split("\n\n");
        List<LetterBlock> blocks = [new LetterParagraph(paragraphs[0]), new LetterAction(T(language, $"account.mail.{name}.action"), action)];
        blocks.AddRange(paragraphs.Skip(1).Select(p => new LetterParagraph(p)));
        return new Letter(kind, language, T(language, $"account.mail.{name}.subject", all), blocks);
    }

    private Uri Link(string language, string page, (string Name, string Value)[] query) =>
        forum.Absolute($"/{language}/account/{page}"
            + (query.Length == 0 ? "" : "?" + string.Join("&", query.Select(q => q.Name + "=" + WebUtility.UrlEncode(q.Value)))));
}

/// <summary>
/// Identity's API endpoints (register, resendConfirmationEmail, forgotPassword, manage/info) send through here. They
/// resolve their sender once, from the root provider, so this is a singleton that hands each message to the request's
/// own <see cref="AccountMail"/> (its database context, the one Identity's user manager used). The links Identity made
/// point to its API: only their codes are kept, and the messages link to the forum's pages instead.
/// </summary>
public sealed class IdentityMailSender(IHttpContextAccessor http) : IEmailSender<ForumUser>
{
    private AccountMail Mail => (http.HttpContext ?? throw new InvalidOperationException("Identity sends account mail within a request."))
        .RequestServices.GetRequiredService<AccountMail>();

    public Task SendConfirmationLinkAsync(ForumUser user, string email, string confirmationLink)
    {
        var query = QueryOf(confirmationLink);
        return Mail.ConfirmationAsync(user, email, query.GetValueOrDefault("code") ?? "", query.GetValueOrDefault("changedEmail"));
    }

    public Task SendPasswordResetCodeAsync(ForumUser user, string email, string resetCode) =>
        Mail.ResetAsync(user, email, WebUtility.HtmlDecode(resetCode));

    /// <summary>Identity's API sends codes, not links; a link given here is read for its code all the same.</summary>
    public Task SendPasswordResetLinkAsync(ForumUser user, string email, string resetLink) =>
        Mail.ResetAsync(user, email, QueryOf(resetLink).GetValueOrDefault("code") ?? "");

    /// <summary>The query of a link Identity HTML-encoded.</summary>
    public static Dictionary<string, string> QueryOf(string link)
    {
        var decoded = WebUtility.HtmlDecode(link);
        var at = decoded.IndexOf('?');
        return QueryHelpers.ParseQuery(at < 0 ? "" : decoded[at..]).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }
}
