using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Forum.Core.Notifications;
using Forum.Data;
using Forum.FunctionalTests.Infrastructure;
using Forum.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Forum.FunctionalTests.Notifications;

/// <summary>Replies, translations and syntheses told by e-mail, the daily digest, following and one-click unsubscribing, against a real SMTP server.</summary>
public sealed class NotificationTests(MailForumApp app) : IClassFixture<MailForumApp>
{
    private sealed record Person(ForumClient Client, string Id, string Email);

    private async Task<Person> PersonAsync(string language, string name)
    {
        var client = await app.ParticipantAsync("notified");
        (await client.PutAsync("/api/account/profile", new { displayName = name })).EnsureSuccessStatusCode();
        var me = await client.GetJsonAsync("/api/account/me");
        var person = new Person(client, me["id"]!.GetValue<string>(), me["email"]!.GetValue<string>());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
        await db.Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredLanguage, language));
        return person;
    }

    /// <summary>Waits until every happening so far is handled and what it queued is sent.</summary>
    private Task SettledAsync() => app.NotificationsSettledAsync();

    /// <summary>
    /// Waits until the new phase's opening has been told (to no one yet): the watcher records it a moment after the
    /// phase is saved, and on the tests' frozen clock someone following in the meantime would count as a follower then.
    /// </summary>
    private async Task OpeningToldAsync(int phase)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
            if (await db.Happenings.AnyAsync(h => h.PhaseId == phase && h.Kind == NotificationKind.PhaseOpened && h.HandledAt != null))
            {
                break;
            }
            await Task.Delay(20);
        }
        await SettledAsync();
    }

    private static async Task<long> ReplyAsync(Person who, long to, string body) =>
        (await who.Client.PostOkAsync($"/api/contributions/{to}/replies", new { language = "en", body }, HttpStatusCode.Created))["id"]!.GetValue<long>();

    private async Task<(int Phase, long Contribution)> ContributionOfAsync(Person author, string language = "fr")
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        await OpeningToldAsync(phase);
        var contribution = await author.Client.PostContributionAsync(phase, language, "Les bibliothèques", "Ouvrir les bibliothèques le dimanche.");
        return (phase, contribution["id"]!.GetValue<long>());
    }

    private static string Text(MimeMessage message) => message.TextBody!.Replace("\r\n", "\n");

    [Fact]
    public async Task A_reply_tells_the_author_in_the_authors_language_and_not_the_replier()
    {
        var author = await PersonAsync("fr", "Camille");
        var replier = await PersonAsync("es", "Lucía");
        var (_, contribution) = await ContributionOfAsync(author);

        var reply = await ReplyAsync(replier, contribution, "I agree entirely.\nSecond line of the reply.");

        var message = await app.Smtp.WaitForAsync(author.Email, SmtpListener.IsNotice);
        message.Subject.Should().Be("Lucía a répondu à votre contribution");
        Text(message).Should().Contain("> I agree entirely.\n> Second line of the reply.").And.Contain($"/fr/contributions/{reply}");
        message.Body!.Headers["Content-Language"].Should().Be("fr");
        message.Headers["List-Unsubscribe"].Should().Contain("/fr/unsubscribe?token=");
        await SettledAsync();
        app.Smtp.Notices(replier.Email).Should().BeEmpty("no one is told of their own reply");
        app.Smtp.Notices(author.Email).Should().HaveCount(1);
    }

    [Fact]
    public async Task Markup_and_direction_overrides_in_a_name_and_a_reply_are_shown_as_text_and_cannot_turn_the_message_around()
    {
        var author = await PersonAsync("en", "Reader");
        var replier = await PersonAsync("en", "Eve <img src=x onerror=alert(1)> \u202Eevil");
        var (_, contribution) = await ContributionOfAsync(author, "en");

        await ReplyAsync(replier, contribution, "Look \u2067here\u2069 <script>alert(2)</script>");

        var message = await app.Smtp.WaitForAsync(author.Email, SmtpListener.IsNotice);
        message.Subject.Should().Be("Eve <img src=x onerror=alert(1)> evil replied to your contribution");
        message.HtmlBody.Should().Contain("Eve &lt;img src=x onerror=alert(1)&gt; evil").And.Contain("&lt;script&gt;alert(2)&lt;/script&gt;")
            .And.NotContain("<img").And.NotContain("<script").And.NotContain("\u202E").And.NotContain("\u2067");
        Text(message).Should().Contain("> Look here <script>alert(2)</script>").And.NotContain("\u202E");
    }

    [Fact]
    public async Task Replying_to_ones_own_contribution_tells_no_one()
    {
        var author = await PersonAsync("en", "Solo");
        var (_, contribution) = await ContributionOfAsync(author);

        await ReplyAsync(author, contribution, "A note to myself.");

        await SettledAsync();
        app.Smtp.Notices(author.Email).Should().BeEmpty();
    }

    [Fact]
    public async Task A_translation_tells_the_author()
    {
        var author = await PersonAsync("fr", "Noé");
        var translator = await PersonAsync("en", "Trans");
        (await author.Client.PutAsync("/api/account/notifications", new Dictionary<string, string> { ["translation"] = "immediately" })).EnsureSuccessStatusCode();
        var (_, contribution) = await ContributionOfAsync(author);

        await translator.Client.PostOkAsync($"/api/contributions/{contribution}/translations",
            new { language = "en", title = "Libraries", body = "Open the libraries on Sundays." }, HttpStatusCode.Created);

        var message = await app.Smtp.WaitForAsync(author.Email, SmtpListener.IsNotice);
        message.Subject.Should().Be("Votre contribution a été traduite en anglais");
        Text(message).Should().Contain("Trans a ajouté une version en anglais de votre contribution").And.Contain($"/fr/contributions/{contribution}?lang=en");
    }

    [Fact]
    public async Task A_published_synthesis_tells_the_phases_followers_with_its_languages_but_not_the_moderator_who_published_it()
    {
        var follower = await PersonAsync("fr", "Suiveuse");
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        await OpeningToldAsync(phase);
        (await follower.Client.PutAsync($"/api/phases/{phase}/follow", new { })).EnsureSuccessStatusCode();
        (await moderator.PutAsync($"/api/phases/{phase}/follow", new { })).EnsureSuccessStatusCode();
        var moderatorEmail = (await moderator.GetJsonAsync("/api/account/me"))["email"]!.GetValue<string>();
        var synthesis = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses",
            new { versions = new[] { new { language = "fr", title = "Ce que nous avons entendu", body = "Le texte." } } }, HttpStatusCode.Created);

        await moderator.PostOkAsync($"/api/syntheses/{synthesis["id"]}/publish", new { });

        var message = await app.Smtp.WaitForAsync(follower.Email, SmtpListener.IsNotice);
        message.Subject.Should().Be("Synthèse n°\u00a01 publiée\u00a0: Ce que nous avons entendu");
        Text(message).Should().Contain("Disponible uniquement en français").And.Contain($"/fr/phases/{phase}#synthesis-");
        await SettledAsync();
        app.Smtp.Notices(moderatorEmail).Should().BeEmpty("the moderator published it");
    }

    [Fact]
    public async Task The_daily_digest_at_its_hour_holds_the_days_replies_and_nothing_hidden_and_none_is_sent_when_nothing_is_left()
    {
        var author = await PersonAsync("en", "Digester");
        var quiet = await PersonAsync("en", "Quiet");
        var replier = await PersonAsync("en", "Chatty");
        foreach (var person in new[] { author, quiet })
        {
            (await person.Client.PutAsync("/api/account/notifications", new Dictionary<string, string> { ["reply"] = "dailyDigest" })).EnsureSuccessStatusCode();
        }
        var (_, contribution) = await ContributionOfAsync(author);
        var (_, quietContribution) = await ContributionOfAsync(quiet);
        await ReplyAsync(replier, contribution, "Kept reply about opening hours.");
        var hidden = await ReplyAsync(replier, contribution, "Reply that will be hidden.");
        var quietHidden = await ReplyAsync(replier, quietContribution, "The only reply, hidden later.");
        await SettledAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
            (await db.DigestEntries.CountAsync(d => d.UserId == author.Id && d.SentAt == null)).Should().Be(2, "both replies were queued for the digest");
        }
        app.Smtp.Notices(author.Email).Should().BeEmpty("a digest waits for its hour");
        var moderator = await app.ModeratorAsync();
        foreach (var id in new[] { hidden, quietHidden })
        {
            await moderator.PostOkAsync($"/api/contributions/{id}/hide", new { reason = "Off topic." });
        }

        app.Time.Advance(UntilNextSeven());

        var digest = await app.Smtp.WaitForAsync(author.Email, SmtpListener.IsNotice);
        digest.Subject.Should().Be("Your daily digest from the forum");
        Text(digest).Should().Contain("Chatty replied to your contribution").And.Contain("Kept reply about opening hours.")
            .And.NotContain("Reply that will be hidden.");
        digest.Headers["List-Unsubscribe"].Should().NotBeNull();
        await WaitForDigestWorkerAsync();
        await app.MailSenderSettledAsync();
        app.Smtp.Notices(author.Email).Should().HaveCount(1);
        app.Smtp.Notices(quiet.Email).Should().BeEmpty("nothing was left to tell");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
            (await db.DigestEntries.AnyAsync(d => (d.UserId == author.Id || d.UserId == quiet.Id) && d.SentAt == null)).Should().BeFalse();
        }
    }

    private TimeSpan UntilNextSeven()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var now = app.Time.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var seven = new DateTime(local.Year, local.Month, local.Day, 7, 0, 0, DateTimeKind.Unspecified);
        var next = TimeZoneInfo.ConvertTimeToUtc(seven, zone);
        if (next <= now.UtcDateTime)
        {
            next = TimeZoneInfo.ConvertTimeToUtc(seven.AddDays(1), zone);
        }
        return next - now.UtcDateTime + TimeSpan.FromSeconds(1);
    }

    private async Task WaitForDigestWorkerAsync()
    {
        var worker = app.Services.GetRequiredService<DigestWorker>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!worker.IsIdle && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task One_click_unsubscribe_by_post_without_logging_in_stops_that_kind()
    {
        var author = await PersonAsync("fr", "Partante");
        var replier = await PersonAsync("en", "Talker");
        var (_, contribution) = await ContributionOfAsync(author);
        await ReplyAsync(replier, contribution, "First reply.");
        var message = await app.Smtp.WaitForAsync(author.Email, SmtpListener.IsNotice);
        message.Headers["List-Unsubscribe-Post"].Should().Be("List-Unsubscribe=One-Click");
        var link = new Uri(message.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        var anonymous = new HttpClient { BaseAddress = app.CreateClient().BaseAddress };
        var path = link.PathAndQuery;

        var asked = await app.CreateClient().GetAsync(path);
        asked.StatusCode.Should().Be(HttpStatusCode.OK);
        (await asked.Content.ReadAsStringAsync()).Should().Contain("Ne plus recevoir les messages de ce type");
        (await author.Client.GetJsonAsync("/api/account/notifications"))["reply"]!.GetValue<string>().Should().Be("immediately", "opening the link changes nothing");

        var oneClick = await app.CreateClient().PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));

        oneClick.StatusCode.Should().Be(HttpStatusCode.OK, await oneClick.Content.ReadAsStringAsync());
        (await author.Client.GetJsonAsync("/api/account/notifications"))["reply"]!.GetValue<string>().Should().Be("never");
        await ReplyAsync(replier, contribution, "Second reply.");
        await SettledAsync();
        app.Smtp.Notices(author.Email).Should().HaveCount(1, "replies are no longer told");
        anonymous.Dispose();
    }

    [Fact]
    public async Task A_tampered_unsubscribe_token_is_refused_with_400()
    {
        var tokens = app.Services.GetRequiredService<UnsubscribeTokens>();
        var token = tokens.Create("someone", NotificationKind.Reply);
        var tampered = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];

        var post = await app.CreateClient().PostAsync($"/en/unsubscribe?token={Uri.EscapeDataString(tampered)}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        var get = await app.CreateClient().GetAsync("/en/unsubscribe?token=garbage");

        post.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await post.Content.ReadAsStringAsync()).Should().Contain("This link is not valid");
        get.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Following_and_unfollowing_a_theme_and_a_phase_by_the_api()
    {
        var person = await PersonAsync("en", "Follower");
        var moderator = await app.ModeratorAsync();
        var theme = await moderator.CreateThemeAsync();
        var phase = (await moderator.CreatePhaseAsync(theme["slug"]!.GetValue<string>(), 1, "2026-08-25T09:00", "2026-09-21T23:59"))["id"]!.GetValue<int>();
        var themeId = theme["id"]!.GetValue<int>();

        (await person.Client.PutAsync($"/api/themes/{themeId}/follow", new { })).EnsureSuccessStatusCode();
        (await person.Client.PutAsync($"/api/phases/{phase}/follow", new { })).EnsureSuccessStatusCode();
        var follows = (await person.Client.GetJsonAsync("/api/account/follows"))["follows"]!.AsArray();
        follows.Select(f => $"{f!["target"]}:{f["id"]}").Should().BeEquivalentTo([$"theme:{themeId}", $"phase:{phase}"]);

        (await person.Client.Http.DeleteAsync($"/api/themes/{themeId}/follow")).EnsureSuccessStatusCode();
        follows = (await person.Client.GetJsonAsync("/api/account/follows"))["follows"]!.AsArray();
        follows.Select(f => $"{f!["target"]}:{f["id"]}").Should().BeEquivalentTo([$"phase:{phase}"]);

        await (await person.Client.PutAsync("/api/phases/999999/follow", new { })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await person.Client.PutAsync("/api/account/notifications", new Dictionary<string, string> { ["reply"] = "weekly" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "notifications.delivery-unknown");
        (await app.Anonymous().PutAsync($"/api/phases/{phase}/follow", new { })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Undoing_the_automatic_follow_survives_writing_again()
    {
        var writer = await PersonAsync("en", "Writer");
        var (phase, contribution) = await ContributionOfAsync(writer, "en");
        (await writer.Client.GetJsonAsync("/api/account/follows"))["follows"]!.AsArray().Select(f => (int)f!["id"]!).Should().Equal(phase);

        (await writer.Client.Http.DeleteAsync($"/api/phases/{phase}/follow")).EnsureSuccessStatusCode();
        await writer.Client.PostContributionAsync(phase, "en", "Another one", "Written after unfollowing.");
        await ReplyAsync(writer, contribution, "And a reply too.");

        (await writer.Client.GetJsonAsync("/api/account/follows"))["follows"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task The_phase_pages_button_follows_and_unfollows()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var browser = Forms.NewBrowser(app);
        var email = $"button-{Guid.NewGuid():N}@tests.localhost";
        await Forms.RegisterAndLogInAsync(browser, "fr", email, "Lilac-Harbour-42");

        var page = await browser.GetStringAsync($"/fr/phases/{phase}");
        page.Should().Contain("Suivre cette phase");
        var followed = await Forms.SubmitAsync(browser, $"/fr/phases/{phase}", $"/fr/follow/phase/{phase}", new() { ["back"] = $"/fr/phases/{phase}" });

        followed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        followed.Headers.Location!.OriginalString.Should().Be($"/fr/phases/{phase}");
        page = await browser.GetStringAsync($"/fr/phases/{phase}");
        page.Should().Contain("Ne plus suivre cette phase");
        var account = Forms.Text(await browser.GetStringAsync("/fr/account"));
        account.Should().Contain("Ce que vous suivez").And.Contain("Phase 1 :");

        var stopped = await Forms.SubmitAsync(browser, $"/fr/phases/{phase}", $"/fr/follow/phase/{phase}?handler=Stop", new() { ["back"] = $"/fr/phases/{phase}" });
        stopped.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.GetStringAsync($"/fr/phases/{phase}")).Should().Contain("Suivre cette phase").And.NotContain("Ne plus suivre cette phase");

        var anonymousPage = await app.CreateClient().GetStringAsync($"/fr/phases/{phase}");
        anonymousPage.Should().Contain("Connectez-vous pour suivre");
        // Without the form's antiforgery token the button does nothing, even for the signed-in person.
        await browser.PostAsync($"/fr/follow/phase/{phase}", new FormUrlEncodedContent(new Dictionary<string, string> { ["back"] = $"/fr/phases/{phase}" }));
        (await browser.GetStringAsync($"/fr/phases/{phase}")).Should().Contain("Suivre cette phase").And.NotContain("Ne plus suivre cette phase");
    }

    [Fact]
    public async Task A_phase_opening_recorded_with_its_announcement_reaches_the_themes_followers_each_in_their_language()
    {
        var french = await PersonAsync("fr", "Lectrice");
        var spanish = await PersonAsync("es", "Lector");
        var moderator = await app.ModeratorAsync();
        var theme = await moderator.CreateThemeAsync();
        var themeId = theme["id"]!.GetValue<int>();
        var phase = (await moderator.CreatePhaseAsync(theme["slug"]!.GetValue<string>(), 1, "2026-08-25T09:00", "2026-09-21T23:59"))["id"]!.GetValue<int>();
        foreach (var person in new[] { french, spanish })
        {
            (await person.Client.PutAsync($"/api/themes/{themeId}/follow", new { })).EnsureSuccessStatusCode();
        }

        // As the phase announcer records it: the announcement in every language and its happening, in one save.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
            var announcement = new Forum.Core.Phases.OpeningAnnouncement
            {
                ThemeId = themeId, PhaseId = phase, Kind = Forum.Core.Phases.AnnouncementKind.Opened, At = app.Time.GetUtcNow().UtcDateTime,
                Texts =
                [
                    new() { Language = "en", Title = "Phase 1 is open", Body = "From 9 to 21 September.\n\nWelcome." },
                    new() { Language = "fr", Title = "La phase 1 est ouverte", Body = "Du 9 au 21 septembre.\n\nBienvenue." },
                    new() { Language = "es", Title = "La fase 1 está abierta", Body = "Del 9 al 21 de septiembre.\n\nBienvenida." },
                ],
            };
            db.OpeningAnnouncements.Add(announcement);
            await db.SaveChangesAsync();
            db.Happenings.Add(new Happening { Kind = NotificationKind.PhaseOpened, ThemeId = themeId, PhaseId = phase, AnnouncementId = announcement.Id, At = announcement.At });
            db.PendingEvents.Raise(new Forum.Core.Events.HappeningRecorded());
            await db.SaveChangesAsync();
        }

        var inFrench = await app.Smtp.WaitForAsync(french.Email, m => m.Subject == "La phase 1 est ouverte");
        var inSpanish = await app.Smtp.WaitForAsync(spanish.Email, m => m.Subject == "La fase 1 está abierta");
        inFrench.Subject.Should().Be("La phase 1 est ouverte");
        Text(inFrench).Should().Contain("Du 9 au 21 septembre.\n\nBienvenue.").And.Contain($"/fr/phases/{phase}");
        inSpanish.Subject.Should().Be("La fase 1 está abierta");
        Text(inSpanish).Should().Contain("Del 9 al 21 de septiembre.");
    }
}
