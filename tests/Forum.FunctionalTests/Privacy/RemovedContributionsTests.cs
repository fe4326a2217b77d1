using System.Net;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forum.FunctionalTests.Privacy;

/// <summary>Deleting an account with "Forum:Privacy:DeletedAccountContributions" = Remove.</summary>
public sealed class RemovedContributionsTests(RemovingForumApp app) : IClassFixture<RemovingForumApp>
{
    [Fact]
    public async Task The_accounts_contributions_replies_and_translations_go_others_replies_stay_and_statistics_match_a_recount()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var (alice, _) = await app.RegisteredAsync("alice");
        var aliceId = (await alice.GetJsonAsync("/api/account/me"))["id"]!.GetValue<string>();
        var (bob, _) = await app.RegisteredAsync("bob");

        var alone = (await alice.PostContributionAsync(phase, "fr", "Seule", "Personne n'a répondu."))["id"]!.GetValue<long>();
        var answered = (await alice.PostContributionAsync(phase, "en", "Answered", "Bob answered this one."))["id"]!.GetValue<long>();
        var hidden = (await alice.PostContributionAsync(phase, "en", "Hidden", "A moderator hid this one."))["id"]!.GetValue<long>();
        await moderator.PostOkAsync($"/api/contributions/{hidden}/hide", new { reason = "Off topic" });
        await alice.PostOkAsync($"/api/contributions/{answered}/translations", new { language = "fr", title = "Répondue", body = "Bob a répondu à celle-ci." }, HttpStatusCode.Created);
        await alice.PostOkAsync($"/api/contributions/{answered}/replies", new { language = "en", body = "Alice answers herself." }, HttpStatusCode.Created);
        var bobsReply = (await bob.PostOkAsync($"/api/contributions/{answered}/replies", new { language = "en", body = "Bob's reply stays." }, HttpStatusCode.Created))["id"]!.GetValue<long>();
        var bobs = (await bob.PostContributionAsync(phase, "en", "Bob's", "Bob's own contribution."))["id"]!.GetValue<long>();
        await alice.PostOkAsync($"/api/contributions/{bobs}/translations", new { language = "es", title = "La de Bob", body = "Traducción de Alice." }, HttpStatusCode.Created);
        await alice.PostOkAsync($"/api/contributions/{bobs}/replies", new { language = "en", body = "Alice's reply to Bob goes." }, HttpStatusCode.Created);
        (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions"))["items"]!.AsArray().Should().HaveCount(3, "two of Alice's and Bob's, the hidden one left out");
        // Reports and edit history point at what goes: neither may stop the deletion nor keep Alice's words.
        await bob.PostOkAsync($"/api/contributions/{alone}/reports", new { reason = "spam", comment = "Bob thinks this is spam." }, HttpStatusCode.Created);
        await bob.PostOkAsync($"/api/contributions/{answered}/reports", new { reason = "other" }, HttpStatusCode.Created);
        await alice.PostOkAsync($"/api/contributions/{bobs}/reports", new { reason = "abuse", comment = "Alice's own words about Bob." }, HttpStatusCode.Created);
        var read = (await alice.GetJsonAsync($"/api/contributions/{answered}"))["version"]!.GetValue<Guid>();
        (await alice.PutAsync($"/api/contributions/{answered}/versions/en", new { title = "Answered", body = "Bob answered this one, edited.", version = read })).EnsureSuccessStatusCode();
        (await app.WithDbAsync(db => db.VersionRevisions.CountAsync())).Should().Be(1);

        var response = await alice.DeleteAccountAsync(PrivacyHelpers.Password);
        var outcome = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, outcome);
        outcome.Should().Contain("\"contributionsRemoved\":4").And.Contain("\"contributionsKept\":1").And.Contain("\"translationsRemoved\":1");

        var anonymous = app.Anonymous();
        var list = await anonymous.GetJsonAsync($"/api/phases/{phase}/contributions");
        list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).Should().Equal(bobs);
        list["items"]![0]!["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("en");
        list["items"]![0]!["replyCount"]!.GetValue<int>().Should().Be(0, "Alice's reply to Bob went");
        foreach (var gone in new[] { alone, answered, hidden })
        {
            (await anonymous.Http.GetAsync($"/api/contributions/{gone}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        var reply = await anonymous.GetJsonAsync($"/api/contributions/{bobsReply}");
        reply["versions"]![0]!["body"]!.GetValue<string>().Should().Be("Bob's reply stays.");
        reply["parentId"]!.GetValue<long>().Should().Be(answered);

        var tombstone = await moderator.GetJsonAsync($"/api/contributions/{answered}");
        tombstone["hidden"].Should().NotBeNull("what is left of a contribution others answered is hidden");
        tombstone["versions"]!.AsArray().Select(v => v!["body"]!.GetValue<string>()).Should().OnlyContain(b => b == "");
        tombstone["replies"]!.AsArray().Select(r => r!["id"]!.GetValue<long>()).Should().Equal(bobsReply);
        (await app.WithDbAsync(db => db.ContributionVersions.Where(v => v.AuthorId == aliceId).Select(v => v.Body).ToListAsync()))
            .Should().OnlyContain(b => b == "", "no text Alice wrote remains");
        (await app.WithDbAsync(db => db.Contributions.CountAsync(c => c.AuthorId == aliceId))).Should().Be(1);
        (await app.WithDbAsync(db => db.VersionRevisions.CountAsync())).Should().Be(0, "the earlier text of the blanked version went too");
        (await app.WithDbAsync(db => db.Reports.Select(r => new { r.ContributionId, r.Comment }).ToListAsync()))
            .Should().BeEquivalentTo([new { ContributionId = answered, Comment = (string?)null }, new { ContributionId = bobs, Comment = (string?)null }],
                "reports on removed contributions went; the tombstone's stays; Alice's comment is erased");

        var live = (await anonymous.GetJsonAsync($"/api/phases/{phase}/statistics")).ToJsonString();
        live.Should().Contain("\"contributions\":1").And.Contain("\"replies\":1");
        (await (await app.AdminAsync()).PostAsync("/api/admin/statistics/rebuild", new { })).EnsureSuccessStatusCode();
        (await anonymous.GetJsonAsync($"/api/phases/{phase}/statistics")).ToJsonString().Should().Be(live, "the tallies kept during the deletion equal a recount");
    }
}
