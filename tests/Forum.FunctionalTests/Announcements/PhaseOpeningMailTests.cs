using System.Net;
using FluentAssertions;
using Forum.FunctionalTests.Infrastructure;
using MimeKit;

namespace Forum.FunctionalTests.Announcements;

/// <summary>
/// The whole path of a phase opening on its date: the watcher announces it at its instant, the notification worker
/// hands the announcement to the theme's followers, and the mail sender delivers it to a real SMTP server, each
/// person in their own language. Moves the clock, so it has an app of its own.
/// </summary>
public sealed class PhaseOpeningMailTests(MailForumApp app) : IClassFixture<MailForumApp>
{
    private sealed record Follower(string Language, string Email);

    private async Task<Follower> FollowerAsync(int themeId, string language)
    {
        var client = await app.ParticipantAsync($"follower-{language}");
        (await client.PutAsync("/api/account/profile", new { preferredLanguage = language })).EnsureSuccessStatusCode();
        (await client.PutAsync($"/api/themes/{themeId}/follow", new { })).EnsureSuccessStatusCode();
        var me = await client.GetJsonAsync("/api/account/me");
        me["preferredLanguage"]!.GetValue<string>().Should().Be(language);
        return new Follower(language, me["email"]!.GetValue<string>());
    }

    private static string Text(MimeMessage message) => message.TextBody!.Replace("\r\n", "\n");

    [Fact]
    public async Task Followers_in_three_languages_receive_the_announcement_of_a_phase_the_watcher_opens_at_its_instant()
    {
        var moderator = await app.ModeratorAsync();
        var theme = await moderator.CreateThemeAsync();
        var slug = theme["slug"]!.GetValue<string>();
        var themeId = theme["id"]!.GetValue<int>();
        var first = (await moderator.CreatePhaseAsync(slug, 1, "2026-08-25T09:00", "2026-09-08T23:59"))["id"]!.GetValue<int>();
        var second = (await moderator.PostOkAsync($"/api/themes/{slug}/phases", new
        {
            number = 2,
            originalLanguage = "en",
            opensAt = "2026-09-09T09:00",
            closesAt = "2026-09-21T23:59",
            texts = new Dictionary<string, object>
            {
                ["en"] = new { title = "Local money", question = "How can local money help?" },
                ["fr"] = new { title = "Monnaie locale", question = "Comment la monnaie locale peut-elle aider ?", announcementNote = "Apportez vos exemples <b>concrets</b>." },
                ["es"] = new { title = "Moneda local", question = "¿Cómo puede ayudar la moneda local?" },
            },
        }, HttpStatusCode.Created))["id"]!.GetValue<int>();
        var writer = await app.ParticipantAsync();
        await writer.PostContributionAsync(first, "en", "Savings", "Local savings fund projects.");
        await writer.PostContributionAsync(first, "fr", "Épargne", "L’épargne locale finance des projets.");
        await writer.PostContributionAsync(first, "es", "Ahorro", "El ahorro local financia proyectos.");
        var followers = new List<Follower>();
        foreach (var language in new[] { "en", "fr", "es" })
        {
            followers.Add(await FollowerAsync(themeId, language));
        }
        await app.NotificationsSettledAsync();

        // 09:00 in Paris on 9 September is 07:00 UTC.
        app.Time.Advance(new DateTimeOffset(2026, 9, 9, 7, 0, 0, TimeSpan.Zero) - app.Time.GetUtcNow());
        await app.SettleAsync(async () => (await app.AnnouncementsAsync(second)).Count > 0);

        var expected = new Dictionary<string, (string Subject, string Opening, string Figures)>
        {
            ["en"] = ("Phase 2 is open: Local money", "Phase 2 of “Territories” is open from 9 to 21 September.",
                "Phase 1 in figures — 3 contributions in total: 1 in English only, 1 in French only, 1 in Spanish only."),
            ["fr"] = ("La phase 2 est ouverte\u00a0: Monnaie locale", "La phase 2 de «\u00a0Territoires\u00a0» est ouverte du 9 au 21 septembre.",
                "La phase 1 en chiffres — 3 contributions au total\u00a0: 1 en anglais uniquement, 1 en français uniquement, 1 en espagnol uniquement."),
            ["es"] = ("La fase 2 está abierta: Moneda local", "La fase 2 de «Territories» está abierta del 9 al 21 de septiembre.",
                "La fase 1 en cifras — 3 contribuciones en total: 1 solo en inglés, 1 solo en francés, 1 solo en español."),
        };
        foreach (var follower in followers)
        {
            var (subject, opening, figures) = expected[follower.Language];
            var message = await app.Smtp.WaitForAsync(follower.Email, m => m.Subject == subject, TimeSpan.FromSeconds(30));
            message.Body!.Headers["Content-Language"].Should().Be(follower.Language);
            message.Headers["List-Unsubscribe"].Should().Contain($"/{follower.Language}/unsubscribe?token=");
            Text(message).Should().StartWith(opening, follower.Language).And.Contain(figures, follower.Language)
                .And.Contain($"/{follower.Language}/phases/{second}");
            WebUtility.HtmlDecode(message.HtmlBody).Should().Contain(opening).And.Contain(figures);
        }
        var french = Text(await app.Smtp.WaitForAsync(followers[1].Email, m => m.Subject == expected["fr"].Subject));
        french.Should().Contain("Apportez vos exemples <b>concrets</b>.", "the note is plain text in the text part");
        (await app.Smtp.WaitForAsync(followers[1].Email, m => m.Subject == expected["fr"].Subject)).HtmlBody
            .Should().Contain("Apportez vos exemples &lt;b&gt;concrets&lt;/b&gt;.").And.NotContain("<b>concrets</b>", "the note is escaped in HTML");
        Text(await app.Smtp.WaitForAsync(followers[0].Email, m => m.Subject == expected["en"].Subject)).Should().NotContain("exemples", "the note was written in French only");

        await app.NotificationsSettledAsync();
        foreach (var follower in followers)
        {
            app.Smtp.Notices(follower.Email).Count(m => m.Subject == expected[follower.Language].Subject)
                .Should().Be(1, "the opening is sent once to {0}", follower.Language);
        }
    }
}
