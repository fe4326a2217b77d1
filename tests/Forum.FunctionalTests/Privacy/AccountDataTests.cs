using System.Net;
using System.Text.Json.Nodes;
using Forum.Core.Contributions;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forum.FunctionalTests.Privacy;

public sealed class AccountDataTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task My_data_holds_my_profile_contributions_replies_and_translations_and_nothing_others_wrote()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var (alice, aliceEmail) = await app.RegisteredAsync("alice");
        (await alice.PutAsync("/api/account/profile", new { displayName = "Alice Martin", preferredLanguage = "fr" })).EnsureSuccessStatusCode();
        (await alice.PutAsync("/api/account/notifications", new Dictionary<string, string> { ["phaseClosed"] = "never" })).EnsureSuccessStatusCode();
        var (bob, _) = await app.RegisteredAsync("bob");

        var mine = await alice.PostContributionAsync(phase, "fr", "Monnaies locales", "Les monnaies locales relocalisent l'économie.");
        var bobs = await bob.PostContributionAsync(phase, "en", "Bob's idea", "Bob's own words that are not Alice's.");
        var bobsId = bobs["id"]!.GetValue<long>();
        await alice.PostOkAsync($"/api/contributions/{bobsId}/replies", new { language = "en", body = "Alice agrees with Bob." }, HttpStatusCode.Created);
        await alice.PostOkAsync($"/api/contributions/{bobsId}/translations", new { language = "fr", title = "L'idée de Bob", body = "Les mots de Bob, traduits par Alice." }, HttpStatusCode.Created);
        await alice.PostOkAsync($"/api/contributions/{mine["id"]}/translations", new { language = "en", title = "Local currencies", body = "Local currencies bring the economy home." }, HttpStatusCode.Created);
        await bob.PostOkAsync($"/api/contributions/{mine["id"]}/translations", new { language = "es", title = "Monedas locales", body = "Bob's Spanish words, his own." }, HttpStatusCode.Created);
        var read = (await alice.GetJsonAsync($"/api/contributions/{mine["id"]}"))["version"]!.GetValue<Guid>();
        (await alice.PutAsync($"/api/contributions/{mine["id"]}/versions/fr", new { title = "Monnaies locales", body = "Les monnaies locales relocalisent l'économie, et vite.", version = read })).EnsureSuccessStatusCode();
        await alice.PostOkAsync($"/api/contributions/{bobsId}/reports", new { reason = "off-topic", comment = "Alice's note to the moderators." }, HttpStatusCode.Created);

        var response = await alice.Http.GetAsync("/api/account/data");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Content.Headers.ContentDisposition.FileNameStar.Should().Be("forum-my-data-2026-09-01.json", "the file is named after the day, in the forum's zone");

        var data = JsonNode.Parse(text)!;
        data["account"]!["email"]!.GetValue<string>().Should().Be(aliceEmail);
        data["account"]!["displayName"]!.GetValue<string>().Should().Be("Alice Martin");
        data["account"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("participant");
        data["account"]!["registeredAt"]!.GetValue<string>().Should().StartWith("2026-09-01T12:00:00", "registered at 10:00 UTC, noon in Paris");

        var contributions = data["contributions"]!.AsArray();
        contributions.Select(c => c!["id"]!.GetValue<long>()).Should().Equal(mine["id"]!.GetValue<long>(), contributions[1]!["id"]!.GetValue<long>());
        var original = contributions[0]!;
        original["phaseId"]!.GetValue<int>().Should().Be(phase);
        original["phaseTitle"]!.GetValue<string>().Should().Be("Phase 1");
        original["versions"]!.AsArray().Where(v => v!["writtenByYou"]!.GetValue<bool>()).Select(v => v!["body"]!.GetValue<string>())
            .Should().BeEquivalentTo("Les monnaies locales relocalisent l'économie, et vite.", "Local currencies bring the economy home.");
        original["versions"]!.AsArray().Single(v => !v!["writtenByYou"]!.GetValue<bool>())!["language"]!.GetValue<string>().Should().Be("es", "Bob's translation is named, its words left out");
        var earlier = data["earlierTexts"]!.AsArray().Single()!;
        (earlier["language"]!.GetValue<string>(), earlier["body"]!.GetValue<string>()).Should().Be(("fr", "Les monnaies locales relocalisent l'économie."));
        var report = data["reports"]!.AsArray().Single()!;
        (report["contributionId"]!.GetValue<long>(), report["reason"]!.GetValue<string>(), report["comment"]!.GetValue<string>(), report["status"]!.GetValue<string>())
            .Should().Be((bobsId, "off-topic", "Alice's note to the moderators.", "open"));
        contributions[1]!["replyTo"]!.GetValue<long>().Should().Be(bobsId);
        contributions[1]!["versions"]![0]!["body"]!.GetValue<string>().Should().Be("Alice agrees with Bob.");

        var translations = data["translations"]!.AsArray();
        translations.Should().ContainSingle();
        translations[0]!["contributionId"]!.GetValue<long>().Should().Be(bobsId);
        translations[0]!["body"]!.GetValue<string>().Should().Be("Les mots de Bob, traduits par Alice.");

        text.Should().NotContain("Bob's own words", "what others wrote is theirs, not part of my data").And.NotContain("Bob's Spanish words");
        data["moderationActions"]!.AsArray().Should().BeEmpty();

        data["account"]!["preferredLanguage"]!.GetValue<string>().Should().Be("fr");
        data["follows"]!.AsArray().Select(f => $"{f!["target"]}:{f["id"]}").Should().Equal([$"phase:{phase}"], "writing in the phase followed it");
        data["notificationChoices"]!["phaseClosed"]!.GetValue<string>().Should().Be("never");
        data["notificationChoices"]!["reply"]!.GetValue<string>().Should().Be("immediately", "every kind is listed, chosen or not");
        var emails = data["emails"]!.AsArray();
        emails.Should().NotBeEmpty("the registration sent a confirmation link");
        emails.Select(e => e!["to"]!.GetValue<string>()).Should().OnlyContain(to => to == aliceEmail);
    }

    [Fact]
    public async Task A_moderators_data_holds_their_moderation_actions_and_synthesis_texts()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var (bob, _) = await app.RegisteredAsync("bob");
        var post = await bob.PostContributionAsync(phase, "en", "Spam", "Buy now.");
        await moderator.PostOkAsync($"/api/contributions/{post["id"]}/hide", new { reason = "Advertising" });
        await moderator.PostOkAsync($"/api/phases/{phase}/syntheses", new { versions = new[] { new { language = "en", title = "What we heard", body = "Many ideas about local currencies." } } }, HttpStatusCode.Created);

        var data = JsonNode.Parse(await moderator.Http.GetStringAsync("/api/account/data"))!;
        data["moderationActions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()).Should().Contain("contribution.hide");
        data["moderationActions"]!.AsArray().Single(a => a!["action"]!.GetValue<string>() == "contribution.hide")!["reason"]!.GetValue<string>().Should().Be("Advertising");
        data["synthesisTexts"]!.AsArray().Should().ContainSingle().Which!["body"]!.GetValue<string>().Should().Be("Many ideas about local currencies.");
        data["contributions"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Visitors_get_401_for_the_data_and_for_deleting()
    {
        (await app.Anonymous().Http.GetAsync("/api/account/data")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.Anonymous().DeleteAccountAsync("x")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Three_thousand_contributions_stream_out_whole()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var (prolific, _) = await app.RegisteredAsync("prolific");
        var id = (await prolific.GetJsonAsync("/api/account/me"))["id"]!.GetValue<string>();
        await app.WithDbAsync(async db =>
        {
            var now = new DateTime(2026, 9, 1, 10, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < 3000; i++)
            {
                var body = $"Idea number {i}.";
                db.Contributions.Add(new Contribution
                {
                    PhaseId = phase, AuthorId = id, OriginalLanguage = "en", Languages = "en", CreatedAt = now,
                    Versions = [new ContributionVersion { Language = "en", Title = $"Idea {i}", Body = body, BodyHtml = $"<p>{body}</p>", AuthorId = id, CreatedAt = now, UpdatedAt = now }],
                });
            }
            return await db.SaveChangesAsync();
        });

        var data = JsonNode.Parse(await prolific.Http.GetStringAsync("/api/account/data"))!;
        var contributions = data["contributions"]!.AsArray();
        contributions.Should().HaveCount(3000);
        contributions[2999]!["versions"]![0]!["body"]!.GetValue<string>().Should().Be("Idea number 2999.");
        (await app.WithDbAsync(db => db.Contributions.CountAsync(c => c.AuthorId == id))).Should().Be(3000);
    }
}
