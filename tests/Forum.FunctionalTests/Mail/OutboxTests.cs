using System.Net;
using FluentAssertions;
using Forum.Core.Mail;
using Forum.Data;
using Forum.FunctionalTests.Infrastructure;
using Forum.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.FunctionalTests.Mail;

/// <summary>The outbox and its sender against a real SMTP server: delivered once, retried after refusals, given up on for good refusals.</summary>
public sealed class OutboxTests(MailForumApp app) : IClassFixture<MailForumApp>
{
    private async Task<OutboxMessage> QueueAsync(string recipient, string subject)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
        return await outbox.SendAsync(new Letter("test.note", "fr", subject,
            [new LetterHeading("Thème <b>gras</b>"), new LetterParagraph("Une ligne & une autre"), new LetterAction("Ouvrir", new Uri("https://example.org/fr"))]), recipient, null);
    }

    private async Task<OutboxMessage> StoredAsync(long id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ForumDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task A_queued_message_is_delivered_once_with_its_html_and_text_parts_escaped()
    {
        var to = $"reader-{Guid.NewGuid():N}@tests.localhost";
        var queued = await QueueAsync(to, "Bonjour <script>");

        var received = await app.Smtp.WaitForAsync(to);
        received.MessageId.Should().Be(queued.MessageId);
        received.Subject.Should().Be("Bonjour <script>");
        received.HtmlBody.Should().Contain("Thème &lt;b&gt;gras&lt;/b&gt;").And.Contain("Une ligne &amp; une autre").And.NotContain("<img");
        received.TextBody.Should().Contain("Thème <b>gras</b>").And.Contain("https://example.org/fr");
        received.Body!.Headers["Content-Language"].Should().Be("fr");
        received.Headers["List-Unsubscribe"].Should().BeNull("account-like messages carry no unsubscribe link");
        await app.MailSenderSettledAsync();
        app.Smtp.To(to).Should().HaveCount(1);
        (await StoredAsync(queued.Id)).SentAt.Should().NotBeNull();
    }

    [Fact]
    public async Task A_server_refusing_for_a_while_gets_the_message_once_it_accepts_again()
    {
        var to = $"later-{Guid.NewGuid():N}@tests.localhost";
        app.Smtp.RefuseWith = 451;
        OutboxMessage queued;
        try
        {
            queued = await QueueAsync(to, "Plus tard");
            await WaitUntilAsync(async () => (await StoredAsync(queued.Id)).Attempts >= 1);
            var afterFirst = await StoredAsync(queued.Id);
            afterFirst.SentAt.Should().BeNull();
            afterFirst.LastError.Should().StartWith("451");
            // Refused again at the next attempt, half a minute later on the forum's clock.
            app.Time.Advance(OutboxMessage.DelayAfter(1));
            await WaitUntilAsync(async () => (await StoredAsync(queued.Id)).Attempts >= 2);
        }
        finally
        {
            app.Smtp.RefuseWith = null;
        }
        app.Time.Advance(OutboxMessage.DelayAfter(2));
        await app.Smtp.WaitForAsync(to);
        await app.MailSenderSettledAsync();
        app.Smtp.To(to).Should().HaveCount(1);
        var sent = await StoredAsync(queued.Id);
        sent.Attempts.Should().Be(3);
        sent.SentAt.Should().NotBeNull();
    }

    [Fact]
    public async Task A_message_refused_for_good_is_kept_with_its_error_and_not_tried_again()
    {
        var to = $"never-{Guid.NewGuid():N}@tests.localhost";
        app.Smtp.RefuseWith = 550;
        try
        {
            var queued = await QueueAsync(to, "Jamais");
            await WaitUntilAsync(async () => (await StoredAsync(queued.Id)).GaveUpAt is not null);
            var stored = await StoredAsync(queued.Id);
            stored.LastError.Should().StartWith("550");
            stored.Attempts.Should().Be(1);
        }
        finally
        {
            app.Smtp.RefuseWith = null;
        }
        app.Time.Advance(TimeSpan.FromHours(5));
        await Task.Delay(500);
        await app.MailSenderSettledAsync();
        app.Smtp.To(to).Should().BeEmpty();
    }

    [Fact]
    public async Task Moderators_see_the_undeliverable_messages_on_their_dashboard_and_send_one_again()
    {
        var to = $"bounced-{Guid.NewGuid():N}@tests.localhost";
        app.Smtp.RefuseWith = 550;
        OutboxMessage queued;
        try
        {
            queued = await QueueAsync(to, "Refusé");
            await WaitUntilAsync(async () => (await StoredAsync(queued.Id)).GaveUpAt is not null);
        }
        finally
        {
            app.Smtp.RefuseWith = null;
        }

        var participant = await app.ParticipantAsync();
        (await participant.Http.GetAsync("/api/mail/undeliverable")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var moderator = await app.ModeratorAsync();
        var list = await moderator.GetJsonAsync("/api/mail/undeliverable");
        list["count"]!.GetValue<int>().Should().BeGreaterThan(0);
        var listed = list["messages"]!.AsArray().Single(m => m!["id"]!.GetValue<long>() == queued.Id)!;
        listed["recipient"]!.GetValue<string>().Should().Be(to);
        listed["error"]!.GetValue<string>().Should().StartWith("550");

        var browser = Forms.NewBrowser(app);
        var email = $"mod-{Guid.NewGuid():N}@tests.localhost";
        await Forms.RegisterAndLogInAsync(browser, "fr", email, "Lilac-Harbour-42");
        var admin = await app.AdminAsync();
        (await admin.PutAsync($"/api/users/{email}/roles", new { roles = new[] { "participant", "moderator" } })).EnsureSuccessStatusCode();
        browser = Forms.NewBrowser(app);
        (await Forms.SubmitAsync(browser, "/fr/account/login", "/fr/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = "Lilac-Harbour-42" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var dashboard = Forms.Text(await browser.GetStringAsync("/fr/moderation"));
        dashboard.Should().MatchRegex(@"Courriels non remis : \d+");
        var page = await browser.GetStringAsync("/fr/moderation/mail");
        Forms.Text(page).Should().Contain(to).And.Contain("Refusé").And.Contain("550");

        var retried = await Forms.SubmitAsync(browser, "/fr/moderation/mail", "/fr/moderation/mail?handler=Retry", new() { ["MessageId"] = queued.Id.ToString() });
        retried.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await app.Smtp.WaitForAsync(to);
        await app.MailSenderSettledAsync();
        app.Smtp.To(to).Should().HaveCount(1);
        (await StoredAsync(queued.Id)).SentAt.Should().NotBeNull();
        (await moderator.PostAsync($"/api/mail/undeliverable/{queued.Id}/retry", new { })).StatusCode.Should().Be(HttpStatusCode.Conflict, "a sent message is not sent again");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The outbox did not reach the state awaited.");
            }
            await Task.Delay(50);
        }
    }
}
