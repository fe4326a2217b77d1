using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Forum.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Forum.FunctionalTests.Accounts;

/// <summary>
/// Issue 15, accounts that can be recovered, against a real SMTP server (so Forum:Accounts:RequireConfirmedEmail is on
/// by default): the links in the messages, followed on the pages as a person would, in the person's language.
/// </summary>
public sealed partial class AccountMailTests(MailForumApp app) : IClassFixture<MailForumApp>
{
    private static string NewEmail(string name) => $"{name}-{Guid.NewGuid():N}@tests.localhost";

    /// <summary>The forum page a message links to, from its plain-text part: path and query, for the test's browser.</summary>
    private static string LinkIn(MimeMessage message, string page)
    {
        var match = Regex.Match(message.TextBody!, $@"https?://\S+?(/[a-z]{{2}}/account/{page}\?\S+)");
        match.Success.Should().BeTrue($"the message links to the {page} page:\n{message.TextBody!}");
        return match.Groups[1].Value;
    }

    private static Dictionary<string, string> QueryOf(string pathAndQuery) =>
        QueryHelpers.ParseQuery(pathAndQuery[pathAndQuery.IndexOf('?')..]).ToDictionary(p => p.Key, p => p.Value.ToString());

    /// <summary>Opens a confirmation link as a person would: the page shows a button, and pressing it confirms.</summary>
    private async Task<string> ConfirmThroughPageAsync(HttpClient browser, string link)
    {
        var page = await browser.GetStringAsync(link);
        page.Should().Contain("<form method=\"post\"", "opening the link only shows a button");
        var path = link[..link.IndexOf('?')];
        var confirmed = await Forms.SubmitAsync(browser, link, path, QueryOf(link));
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        return Forms.Text(await confirmed.Content.ReadAsStringAsync());
    }

    private async Task<bool> EmailConfirmedAsync(ForumClient client) =>
        (await client.GetJsonAsync("/api/account/me"))["emailConfirmed"]!.GetValue<bool>();

    [Fact]
    public async Task A_registration_on_the_page_sends_a_link_whose_page_confirms_the_address_and_lets_the_account_post()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var email = NewEmail("newcomer");
        using var browser = Forms.NewBrowser(app);
        await Forms.RegisterAndLogInAsync(browser, "en", email, Demo.Password);
        var api = await app.Anonymous().LoginAsync(email, Demo.Password);

        var message = await app.Smtp.WaitForAsync(email);
        message.Subject.Should().Be("Confirm your address for Forum");
        var link = LinkIn(message, "confirm");
        link.Should().StartWith("/en/account/confirm?userId=");

        var refused = await api.PostAsync($"/api/phases/{phase}/contributions", new { language = "en", title = "Too soon", body = "Before confirming." });
        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "account.email-unconfirmed");
        (await browser.GetStringAsync(link)).Should().Contain("Confirm");
        (await EmailConfirmedAsync(api)).Should().BeFalse("opening the link (as a mail scanner would) confirms nothing");

        (await ConfirmThroughPageAsync(browser, link)).Should().Contain("Your address is confirmed.");

        (await EmailConfirmedAsync(api)).Should().BeTrue();
        await api.PostContributionAsync(phase, "en", "In time", "After confirming.");
        // A link used once does not work again.
        var again = await Forms.SubmitAsync(browser, link, "/en/account/confirm", QueryOf(link));
        again.StatusCode.Should().Be(HttpStatusCode.OK, "confirming an address already confirmed is harmless");
    }

    [Fact]
    public async Task An_unconfirmed_account_posting_on_the_page_is_told_to_confirm_and_offered_the_link_again()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        using var browser = Forms.NewBrowser(app);
        await Forms.RegisterAndLogInAsync(browser, "fr", NewEmail("pressed"), Demo.Password);

        var refused = await Forms.SubmitAsync(browser, $"/fr/phases/{phase}", $"/fr/phases/{phase}?handler=Post",
            new() { ["Post.Language"] = "fr", ["Post.Title"] = "Trop tôt", ["Post.Body"] = "Avant la confirmation." });

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var html = await refused.Content.ReadAsStringAsync();
        Forms.Text(html).Should().Contain("Confirmez d’abord votre adresse électronique");
        html.Should().Contain("href=\"/fr/account/resend-confirmation\"");
    }

    [Fact]
    public async Task A_password_reset_through_the_pages_refuses_the_old_password_and_ends_the_open_sessions()
    {
        var email = NewEmail("forgetful");
        await app.Anonymous().RegisterAsync(email, Demo.Password);
        await app.ConfirmAddressAsync(email);
        using var session = Forms.NewBrowser(app);
        var signedIn = await Forms.SubmitAsync(session, "/en/account/login", "/en/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = Demo.Password });
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await session.GetAsync("/en/account")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var browser = Forms.NewBrowser(app);
        var asked = await Forms.SubmitAsync(browser, "/en/account/forgot-password", "/en/account/forgot-password", new() { ["Email"] = email });
        asked.StatusCode.Should().Be(HttpStatusCode.OK);
        var message = await app.Smtp.WaitForAsync(email, m => m.Subject?.StartsWith("A new password") == true);
        var link = LinkIn(message, "reset");
        var fields = QueryOf(link);
        fields["Password"] = "Quiet-Meadow-Lantern-7";
        var reset = await Forms.SubmitAsync(browser, link, "/en/account/reset", fields);
        reset.StatusCode.Should().Be(HttpStatusCode.Redirect, await reset.Content.ReadAsStringAsync());
        reset.Headers.Location!.OriginalString.Should().Be("/en/account/login");

        (await app.Anonymous().PostAsync("/api/account/login", new { email, password = Demo.Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await app.Anonymous().LoginAsync(email, "Quiet-Meadow-Lantern-7");
        (await session.GetAsync("/en/account")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the session opened before the reset has ended");
        var reused = await Forms.SubmitAsync(browser, link, "/en/account/reset", new(fields) { ["Password"] = "Another-Quiet-Lantern-8" });
        reused.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a reset link works once");
        Forms.Text(await reused.Content.ReadAsStringAsync()).Should().Contain("This link does not work");
    }

    [Fact]
    public async Task The_reset_page_holds_a_new_password_to_the_registration_rules()
    {
        var email = NewEmail("weak");
        await app.Anonymous().RegisterAsync(email, Demo.Password);
        await app.ConfirmAddressAsync(email);
        (await app.Anonymous().PostAsync("/api/account/forgotPassword", new { email })).StatusCode.Should().Be(HttpStatusCode.OK);
        var link = LinkIn(await app.Smtp.WaitForAsync(email, m => m.Subject?.StartsWith("A new password") == true), "reset");
        using var browser = Forms.NewBrowser(app);

        var refused = await Forms.SubmitAsync(browser, link, "/en/account/reset", new(QueryOf(link)) { ["Password"] = "Short-1" });
        var common = await Forms.SubmitAsync(browser, link, "/en/account/reset", new(QueryOf(link)) { ["Password"] = "password123" });

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Forms.Text(await refused.Content.ReadAsStringAsync()).Should().Contain("Choose a password of at least 10 characters");
        Forms.Text(await common.Content.ReadAsStringAsync()).Should().Contain("This password is among the most common ones");
        await app.Anonymous().LoginAsync(email, Demo.Password);
    }

    [Fact]
    public async Task The_API_answers_forgotten_passwords_and_resends_alike_for_known_and_unknown_addresses_and_mails_only_the_known()
    {
        var known = NewEmail("known");
        var unknown = NewEmail("unknown");
        await app.Anonymous().RegisterAsync(known, Demo.Password);
        await app.ConfirmAddressAsync(known);
        await app.Smtp.WaitForAsync(known);
        var before = app.Smtp.To(known).Count();
        var anonymous = app.Anonymous();

        foreach (var endpoint in new[] { "/api/account/forgotPassword", "/api/account/resendConfirmationEmail" })
        {
            var forKnown = await anonymous.PostAsync(endpoint, new { email = known });
            var forUnknown = await anonymous.PostAsync(endpoint, new { email = unknown });
            forKnown.StatusCode.Should().Be(HttpStatusCode.OK, endpoint);
            (forUnknown.StatusCode, await forUnknown.Content.ReadAsStringAsync(), forUnknown.Content.Headers.ContentType?.MediaType)
                .Should().Be((forKnown.StatusCode, await forKnown.Content.ReadAsStringAsync(), forKnown.Content.Headers.ContentType?.MediaType), endpoint);
        }

        var reset = await app.Smtp.WaitForAsync(known, m => m.Subject?.StartsWith("A new password") == true);
        reset.TextBody!.Should().Contain(QueryOf(LinkIn(reset, "reset"))["code"], "API clients read the code in the message");
        await app.Smtp.WaitForAsync(known, m => m.Subject?.StartsWith("Confirm your address") == true && app.Smtp.To(known).Count() >= before + 2);
        await app.MailSenderSettledAsync();
        app.Smtp.To(unknown).Should().BeEmpty();
    }

    [Fact]
    public async Task Asking_again_and_again_for_links_to_one_address_sends_it_five_in_a_day_with_the_same_answer()
    {
        var email = NewEmail("flooded");
        await app.Anonymous().RegisterAsync(email, Demo.Password);
        await app.ConfirmAddressAsync(email);

        for (var i = 0; i < 4; i++)
        {
            (await app.Anonymous().PostAsync("/api/account/forgotPassword", new { email })).StatusCode.Should().Be(HttpStatusCode.OK);
            (await app.Anonymous().PostAsync("/api/account/resendConfirmationEmail", new { email })).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await app.MailSenderSettledAsync();
        app.Smtp.To(email).Should().HaveCount(Forum.Core.Mail.LinkRequests.PerDay, "the registration's link and four more; the rest were dropped");
    }

    [Fact]
    public async Task The_reset_code_of_the_message_sets_a_new_password_through_the_API()
    {
        var email = NewEmail("api-reset");
        await app.Anonymous().RegisterAsync(email, Demo.Password);
        await app.ConfirmAddressAsync(email);
        (await app.Anonymous().PostAsync("/api/account/forgotPassword", new { email })).StatusCode.Should().Be(HttpStatusCode.OK);
        var code = QueryOf(LinkIn(await app.Smtp.WaitForAsync(email, m => m.Subject?.StartsWith("A new password") == true), "reset"))["code"];

        (await app.Anonymous().PostAsync("/api/account/resetPassword", new { email, resetCode = code, newPassword = "Quiet-Meadow-Lantern-7" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        await app.Anonymous().LoginAsync(email, "Quiet-Meadow-Lantern-7");
    }

    [Fact]
    public async Task Registering_a_taken_address_tells_its_owner_in_their_language_and_sends_no_link()
    {
        var email = NewEmail("owner");
        using (var browser = Forms.NewBrowser(app))
        {
            await Forms.RegisterAndLogInAsync(browser, "es", email, Demo.Password);
        }
        await app.Smtp.WaitForAsync(email);

        (await app.Anonymous().PostAsync("/api/account/register", new { email, password = "Someone-else-entirely-1" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var notice = await app.Smtp.WaitForAsync(email, m => m.Subject == "Tu correo en Foro");
        notice.TextBody!.Should().Contain("ya pertenece a tu cuenta").And.NotContain("/account/confirm");
    }

    [Fact]
    public async Task A_change_of_address_tells_the_old_address_and_takes_effect_once_the_new_one_is_confirmed()
    {
        var old = NewEmail("moving");
        var next = NewEmail("moved");
        using var browser = Forms.NewBrowser(app);
        await Forms.RegisterAndLogInAsync(browser, "en", old, Demo.Password);

        var wrong = await Forms.SubmitAsync(browser, "/en/account/email", "/en/account/email", new() { ["Address.Email"] = next, ["Address.Password"] = "Not-my-password-1" });
        wrong.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        Forms.Text(await wrong.Content.ReadAsStringAsync()).Should().Contain("your address was not changed");
        var asked = await Forms.SubmitAsync(browser, "/en/account/email", "/en/account/email", new() { ["Address.Email"] = next, ["Address.Password"] = Demo.Password });
        asked.StatusCode.Should().Be(HttpStatusCode.Redirect, await asked.Content.ReadAsStringAsync());

        var notice = await app.Smtp.WaitForAsync(old, m => m.Subject?.Contains("being changed") == true);
        notice.TextBody!.Should().Contain(next);
        var link = LinkIn(await app.Smtp.WaitForAsync(next), "confirm");
        link.Should().Contain("changedEmail=");
        (await app.Anonymous().PostAsync("/api/account/login", new { email = next, password = Demo.Password })).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "the address changes only once confirmed");

        using var mailbox = Forms.NewBrowser(app);
        (await ConfirmThroughPageAsync(mailbox, link)).Should().Contain($"Your account’s address is now {next}");

        var moved = await app.Anonymous().LoginAsync(next, Demo.Password);
        (await moved.GetJsonAsync("/api/account/me"))["email"]!.GetValue<string>().Should().Be(next);
        (await app.Anonymous().PostAsync("/api/account/login", new { email = old, password = Demo.Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_French_registrant_gets_French_messages_and_may_choose_another_language()
    {
        var email = NewEmail("francophone");
        using var browser = Forms.NewBrowser(app);
        await Forms.RegisterAndLogInAsync(browser, "fr", email, Demo.Password);

        var message = await app.Smtp.WaitForAsync(email);
        message.Subject.Should().Be("Confirmez votre adresse pour Forum");
        message.TextBody!.Should().Contain("Le lien fonctionne pendant 24 heures");
        message.Body!.Headers["Content-Language"].Should().Be("fr");
        LinkIn(message, "confirm").Should().StartWith("/fr/account/confirm?");
        var api = await app.Anonymous().LoginAsync(email, Demo.Password);
        (await api.GetJsonAsync("/api/account/me"))["preferredLanguage"]!.GetValue<string>().Should().Be("fr");
        Forms.Text(await browser.GetStringAsync("/fr/account")).Should().Contain("n’est pas encore confirmée");

        await (await api.PutAsync("/api/account/profile", new { preferredLanguage = "de" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "language.unknown");
        var changed = await api.PutAsync("/api/account/profile", new { preferredLanguage = "es" });
        changed.StatusCode.Should().Be(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        (await changed.Content.ReadFromJsonAsync<JsonObject>())!["preferredLanguage"]!.GetValue<string>().Should().Be("es");
        (await app.Anonymous().PostAsync("/api/account/resendConfirmationEmail", new { email })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.Smtp.WaitForAsync(email, m => m.Subject == "Confirma tu correo en Foro")).TextBody!.Should().Contain("/es/account/confirm?");
    }

    [Fact]
    public async Task The_account_page_changes_the_language_of_the_messages()
    {
        var email = NewEmail("switcher");
        using var browser = Forms.NewBrowser(app);
        await Forms.RegisterAndLogInAsync(browser, "en", email, Demo.Password);

        var saved = await Forms.SubmitAsync(browser, "/en/account", "/en/account/language", new() { ["PreferredLanguage"] = "fr" });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.GetStringAsync("/en/account")).Should().Contain("<option value=\"fr\" selected=\"selected\">");

        var refused = await Forms.SubmitAsync(browser, "/en/account", "/en/account/language", new() { ["PreferredLanguage"] = "xx" });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_registration_through_the_API_takes_the_language_the_request_prefers()
    {
        var email = NewEmail("hispanophone");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/register") { Content = JsonContent.Create(new { email, password = Demo.Password }) };
        request.Headers.AcceptLanguage.ParseAdd("es-MX, en;q=0.5");

        (await app.Anonymous().Http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await app.Smtp.WaitForAsync(email)).Subject.Should().Be("Confirma tu correo en Foro");
    }

    [Fact]
    public async Task The_forgotten_password_page_answers_the_same_for_a_known_and_an_unknown_address()
    {
        var known = NewEmail("page-known");
        await app.Anonymous().RegisterAsync(known, Demo.Password);
        await app.ConfirmAddressAsync(known);
        using var browser = Forms.NewBrowser(app);

        var forKnown = await Forms.SubmitAsync(browser, "/fr/account/forgot-password", "/fr/account/forgot-password", new() { ["Email"] = known });
        var forUnknown = await Forms.SubmitAsync(browser, "/fr/account/forgot-password", "/fr/account/forgot-password", new() { ["Email"] = "nobody@tests.localhost" });

        forUnknown.StatusCode.Should().Be(forKnown.StatusCode);
        Forms.Text(await forUnknown.Content.ReadAsStringAsync()).Replace("nobody@tests.localhost", "@")
            .Should().Be(Forms.Text(await forKnown.Content.ReadAsStringAsync()).Replace(known, "@"));
        // In the account's language (English: registered through the API without a preference), not the page's.
        (await app.Smtp.WaitForAsync(known, m => m.Subject == "A new password for Forum")).TextBody!.Should().Contain("/en/account/reset?");
    }

    [Fact]
    public async Task Moving_an_account_to_a_taken_address_through_the_API_answers_as_for_a_free_one_and_only_tells_the_owner()
    {
        var owner = NewEmail("owner-of-it");
        await app.Anonymous().RegisterAsync(owner, Demo.Password);
        await app.Smtp.WaitForAsync(owner);
        var free = NewEmail("free");
        var first = await app.ParticipantAsync("first");
        var second = await app.ParticipantAsync("second");

        var toTaken = await first.PostAsync("/api/account/manage/info", new { newEmail = owner });
        var toFree = await second.PostAsync("/api/account/manage/info", new { newEmail = free });

        toTaken.StatusCode.Should().Be(HttpStatusCode.OK);
        toFree.StatusCode.Should().Be(HttpStatusCode.OK);
        var shape = (JsonObject answer) => string.Join(",", answer.Select(p => p.Key));
        shape((await toTaken.Content.ReadFromJsonAsync<JsonObject>())!).Should().Be(shape((await toFree.Content.ReadFromJsonAsync<JsonObject>())!));
        LinkIn(await app.Smtp.WaitForAsync(free), "confirm").Should().Contain("changedEmail=");
        var notice = await app.Smtp.WaitForAsync(owner, m => m.Subject == "Your address on Forum");
        notice.TextBody!.Should().NotContain("/account/confirm");
    }

    [Fact]
    public void Reset_links_expire_sooner_than_confirmation_links_by_the_settings()
    {
        // Identity's token providers read the system clock, not the forum's, so the tests check the wiring, not the wait.
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<IOptions<IdentityOptions>>().Value.Tokens.PasswordResetTokenProvider.Should().Be(PasswordResetTokenProvider.ProviderName);
        services.GetRequiredService<IOptions<PasswordResetTokenOptions>>().Value.TokenLifespan.Should().Be(TimeSpan.FromHours(2));
        services.GetRequiredService<IOptions<DataProtectionTokenProviderOptions>>().Value.TokenLifespan.Should().Be(TimeSpan.FromHours(24));
    }
}
