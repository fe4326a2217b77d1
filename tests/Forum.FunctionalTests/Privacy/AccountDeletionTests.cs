using System.Net;
using Forum.Data.Accounts;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forum.FunctionalTests.Privacy;

/// <summary>Deleting an account with the default setting: contributions stay, shown as by a deleted user.</summary>
public sealed class AccountDeletionTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task A_wrong_or_missing_password_deletes_nothing()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var (alice, email) = await app.RegisteredAsync("alice");
        var post = await alice.PostContributionAsync(phase, "en", "Kept", "Still mine.");

        await (await alice.DeleteAccountAsync("Not-my-passw0rd!")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "account.password-wrong");
        await (await alice.DeleteAccountAsync(null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "account.password-required");

        (await alice.GetJsonAsync("/api/account/me"))["email"]!.GetValue<string>().Should().Be(email);
        (await app.Anonymous().GetJsonAsync($"/api/contributions/{post["id"]}"))["author"]!["name"]!.GetValue<string>().Should().Be(email.Split('@')[0]);
        await app.Anonymous().LoginAsync(email, PrivacyHelpers.Password);
    }

    [Fact]
    public async Task A_deleted_account_keeps_its_contributions_as_by_a_deleted_user_and_loses_everything_personal()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var (alice, email) = await app.RegisteredAsync("alice");
        (await alice.PutAsync("/api/account/profile", new { displayName = "Alice Martin" })).EnsureSuccessStatusCode();
        var aliceId = (await alice.GetJsonAsync("/api/account/me"))["id"]!.GetValue<string>();
        var post = await alice.PostContributionAsync(phase, "fr", "Monnaies locales", "Les monnaies locales relocalisent l'économie.");
        var postId = post["id"]!.GetValue<long>();
        var (bob, _) = await app.RegisteredAsync("bob");
        await bob.PostOkAsync($"/api/contributions/{postId}/replies", new { language = "fr", body = "D'accord avec Alice." }, HttpStatusCode.Created);
        using var browser = new PageBrowser(app.CreateClient().BaseAddress!);
        (await browser.LogInAsync(email, PrivacyHelpers.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.Http.GetAsync("/en/account")).StatusCode.Should().Be(HttpStatusCode.OK);
        var statisticsBefore = (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/statistics")).ToJsonString();
        (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions"))["items"]![0]!["author"]!["name"]!.GetValue<string>()
            .Should().Be("Alice Martin", "the list is now in the output cache");

        (await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.RecipientUserId == aliceId))).Should().BePositive("her confirmation link was e-mailed");
        (await app.WithDbAsync(db => db.Follows.CountAsync(f => f.UserId == aliceId))).Should().BePositive("writing followed the phase");

        var deleted = await alice.DeleteAccountAsync(PrivacyHelpers.Password);
        deleted.StatusCode.Should().Be(HttpStatusCode.OK, await deleted.Content.ReadAsStringAsync());

        var read = await app.Anonymous().GetJsonAsync($"/api/contributions/{postId}");
        read["versions"]![0]!["body"]!.GetValue<string>().Should().Be("Les monnaies locales relocalisent l'économie.");
        read["author"]!["name"]!.GetValue<string>().Should().Be(ForumUser.DeletedName);
        read["author"]!["id"]!.GetValue<string>().Should().NotContain("alice");
        read["replies"]![0]!["versions"]![0]!["body"]!.GetValue<string>().Should().Be("D'accord avec Alice.");
        (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions"))["items"]![0]!["author"]!["name"]!.GetValue<string>()
            .Should().Be(ForumUser.DeletedName, "the cached list was evicted");
        var page = PageBrowser.Text(await app.Anonymous().Http.GetStringAsync($"/fr/contributions/{postId}"));
        page.Should().Contain("utilisateur supprimé").And.NotContain("Alice Martin");
        (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/statistics")).ToJsonString().Should().Be(statisticsBefore);

        var stored = await app.UserAsync(aliceId);
        stored.Email.Should().BeNull();
        stored.NormalizedEmail.Should().BeNull();
        stored.UserName.Should().NotContain("alice").And.NotContain("@");
        stored.DisplayName.Should().Be(ForumUser.DeletedName);
        stored.PasswordHash.Should().BeNull();
        stored.PhoneNumber.Should().BeNull();
        stored.DeletedAt.Should().NotBeNull();
        (await app.WithDbAsync(db => db.UserRoles.CountAsync(r => r.UserId == aliceId))).Should().Be(0);
        (await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.RecipientUserId == aliceId))).Should().Be(0, "no e-mail to her, with her address, is kept");
        (await app.WithDbAsync(db => db.Follows.CountAsync(f => f.UserId == aliceId))).Should().Be(0);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.ActorId == aliceId && a.Action == "account.delete"));
        audit.Details.Should().NotContain("alice").And.Contain("1 kept");

        (await app.Anonymous().PostAsync("/api/account/login", new { email, password = PrivacyHelpers.Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await alice.Http.GetAsync("/api/account/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the token issued before the deletion no longer works");
        (await alice.PostAsync($"/api/phases/{phase}/contributions", new { language = "en", title = "Ghost", body = "Still here?" })).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized);
        var withCookie = await browser.Http.GetAsync("/en/account");
        withCookie.StatusCode.Should().Be(HttpStatusCode.Redirect, "the browser's cookie no longer signs anyone in");
        withCookie.Headers.Location!.OriginalString.Should().StartWith("/en/account/login");

        await app.Anonymous().RegisterAsync(email, "An0ther-passw0rd!");
        var again = await app.Anonymous().LoginAsync(email, "An0ther-passw0rd!");
        (await again.GetJsonAsync("/api/account/me"))["id"]!.GetValue<string>().Should().NotBe(aliceId, "a new account, not the old one back");
        (await app.Anonymous().GetJsonAsync($"/api/contributions/{postId}"))["author"]!["name"]!.GetValue<string>().Should().Be(ForumUser.DeletedName);
    }

    [Fact]
    public async Task The_last_administrator_cannot_delete_their_account()
    {
        var admin = await app.AdminAsync();
        await (await admin.DeleteAccountAsync(ForumApp.AdminPassword)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "account.last-admin");
        (await admin.GetJsonAsync("/api/account/me"))["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Contain("admin");

        var (second, email) = await app.RegisteredAsync("second-admin");
        (await admin.PutAsync($"/api/users/{email}/roles", new { roles = new[] { "participant", "admin" } })).EnsureSuccessStatusCode();
        second = await app.Anonymous().LoginAsync(email, PrivacyHelpers.Password);
        (await second.DeleteAccountAsync(PrivacyHelpers.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "another administrator remains");
        await (await admin.DeleteAccountAsync(ForumApp.AdminPassword)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "account.last-admin");
    }

    [Fact]
    public async Task The_name_that_marks_deleted_accounts_cannot_be_taken()
    {
        var (carol, _) = await app.RegisteredAsync("carol");
        await (await carol.PutAsync("/api/account/profile", new { displayName = ForumUser.DeletedName })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "account.name-reserved");
    }

    [Fact]
    public async Task The_account_page_offers_the_download_and_deletes_only_with_the_box_ticked_and_the_password()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var (dora, email) = await app.RegisteredAsync("dora");
        var post = await dora.PostContributionAsync(phase, "es", "Monedas locales", "Las monedas locales relocalizan la economía.");
        using var browser = new PageBrowser(app.CreateClient().BaseAddress!);
        (await browser.Http.GetAsync("/es/account")).Headers.Location!.OriginalString.Should().StartWith("/es/account/login", "visitors are sent to log in");
        (await browser.LogInAsync(email, PrivacyHelpers.Password, "es")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var page = await browser.Http.GetStringAsync("/es/account");
        page.Should().Contain("href=\"/api/account/data\"").And.Contain(email);
        PageBrowser.Text(page).Should().Contain("Descargar mis datos").And.Contain("Eliminar mi cuenta");
        var download = await browser.Http.GetAsync("/api/account/data");
        download.StatusCode.Should().Be(HttpStatusCode.OK, "the page's link works with the browser's cookie");
        (await download.Content.ReadAsStringAsync()).Should().Contain("Las monedas locales relocalizan la economía.");

        var unticked = await browser.SubmitAsync("/es/account", new() { ["Input.Password"] = PrivacyHelpers.Password }, "/es/account?handler=Delete");
        unticked.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        PageBrowser.Text(await unticked.Content.ReadAsStringAsync()).Should().Contain("Marca la casilla para confirmar");
        var wrong = await browser.SubmitAsync("/es/account", new() { ["Input.Password"] = "Wrong-passw0rd!", ["Input.Confirm"] = "true" }, "/es/account?handler=Delete");
        wrong.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the same status as the API for a wrong password");
        PageBrowser.Text(await wrong.Content.ReadAsStringAsync()).Should().Contain("Esa no es tu contraseña");
        (await app.Anonymous().GetJsonAsync($"/api/contributions/{post["id"]}"))["author"]!["name"]!.GetValue<string>().Should().Be(email.Split('@')[0]);

        var done = await browser.SubmitAsync("/es/account", new() { ["Input.Password"] = PrivacyHelpers.Password, ["Input.Confirm"] = "true" }, "/es/account?handler=Delete");
        done.StatusCode.Should().Be(HttpStatusCode.OK);
        PageBrowser.Text(await done.Content.ReadAsStringAsync()).Should().Contain("Tu cuenta ha sido eliminada");
        (await browser.Http.GetAsync("/es/account")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        PageBrowser.Text(await app.Anonymous().Http.GetStringAsync($"/es/phases/{phase}")).Should().Contain("usuario eliminado");
    }

    [Fact]
    public async Task Deleting_twice_with_the_same_token_finds_no_account()
    {
        var (erin, _) = await app.RegisteredAsync("erin");
        (await erin.DeleteAccountAsync(PrivacyHelpers.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await erin.DeleteAccountAsync(PrivacyHelpers.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
    [Fact]
    public async Task A_refresh_token_issued_before_the_deletion_gets_no_new_token()
    {
        var email = $"frank-{Guid.NewGuid():N}@tests.localhost";
        var anonymous = app.Anonymous();
        await anonymous.RegisterAsync(email, PrivacyHelpers.Password);
        var login = await anonymous.PostOkAsync("/api/account/login", new { email, password = PrivacyHelpers.Password });
        var refreshToken = login["refreshToken"]!.GetValue<string>();
        (await anonymous.PostAsync("/api/account/refresh", new { refreshToken })).StatusCode.Should().Be(HttpStatusCode.OK, "it works while the account exists");

        var frank = await anonymous.LoginAsync(email, PrivacyHelpers.Password);
        (await frank.DeleteAccountAsync(PrivacyHelpers.Password)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await anonymous.PostAsync("/api/account/refresh", new { refreshToken })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
