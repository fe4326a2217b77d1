using System.Net;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Accounts;

/// <summary>Without an SMTP server (the demo): the messages land as .eml files, and an unconfirmed account may post at once.</summary>
public sealed class AccountMailWithoutServerTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task Without_a_mail_server_an_unconfirmed_account_posts_at_once_and_its_link_waits_in_a_file()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var email = $"demo-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, Demo.Password);
        var participant = await app.Anonymous().LoginAsync(email, Demo.Password);

        await participant.PostContributionAsync(phase, "en", "At once", "No mail server, no confirmation needed.");

        (await participant.GetJsonAsync("/api/account/me"))["emailConfirmed"]!.GetValue<bool>().Should().BeFalse();
        await app.MailSenderSettledAsync();
        // The address's confirmation; the phase's opening notice may also reach it, depending on when its worker runs.
        var file = Directory.EnumerateFiles(app.MailFolder, "*.eml").Select(File.ReadAllText)
            .Where(text => text.Contains(email) && text.Contains("Subject: Confirm your address")).Should().ContainSingle().Subject;
        file.Should().Contain("/en/account/confirm?userId=");
    }
}
