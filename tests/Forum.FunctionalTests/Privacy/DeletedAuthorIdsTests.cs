using System.Net;
using System.Text.Json.Nodes;
using Forum.Data.Accounts;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Privacy;

/// <summary>With Anonymize, nothing a reader gets may tie a deleted account's posts to one another.</summary>
public sealed class DeletedAuthorIdsTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task Each_text_of_a_deleted_account_has_an_author_id_of_its_own()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var (alice, _) = await app.RegisteredAsync("alice");
        var aliceId = (await alice.GetJsonAsync("/api/account/me"))["id"]!.GetValue<string>();
        var (bob, _) = await app.RegisteredAsync("bob");
        var first = (await alice.PostContributionAsync(phase, "en", "First", "One."))["id"]!.GetValue<long>();
        var second = (await alice.PostContributionAsync(phase, "en", "Second", "Two."))["id"]!.GetValue<long>();
        var bobs = (await bob.PostContributionAsync(phase, "en", "Bob's", "Three."))["id"]!.GetValue<long>();
        var reply = (await alice.PostOkAsync($"/api/contributions/{bobs}/replies", new { language = "en", body = "A reply." }, HttpStatusCode.Created))["id"]!.GetValue<long>();
        await alice.PostOkAsync($"/api/contributions/{bobs}/translations", new { language = "fr", title = "De Bob", body = "Trois." }, HttpStatusCode.Created);
        await alice.PostOkAsync($"/api/contributions/{first}/translations", new { language = "fr", title = "Premier", body = "Un." }, HttpStatusCode.Created);
        await bob.PostOkAsync($"/api/contributions/{first}/reports", new { reason = "spam" }, HttpStatusCode.Created);

        (await alice.DeleteAccountAsync(PrivacyHelpers.Password)).StatusCode.Should().Be(HttpStatusCode.OK);

        var reader = app.Anonymous();
        var list = (await reader.GetJsonAsync($"/api/phases/{phase}/contributions"))["items"]!.AsArray();
        string ListAuthor(long id) => list.Single(i => i!["id"]!.GetValue<long>() == id)!["author"]!["id"]!.GetValue<string>();
        var firstView = await reader.GetJsonAsync($"/api/contributions/{first}");
        var secondView = await reader.GetJsonAsync($"/api/contributions/{second}");
        var bobsView = await reader.GetJsonAsync($"/api/contributions/{bobs}");
        var ids = new[]
        {
            firstView["author"]!["id"]!.GetValue<string>(),
            secondView["author"]!["id"]!.GetValue<string>(),
            bobsView["replies"]!.AsArray().Single(r => r!["id"]!.GetValue<long>() == reply)!["author"]!["id"]!.GetValue<string>(),
            bobsView["versions"]!.AsArray().Single(v => v!["language"]!.GetValue<string>() == "fr")!["author"]!["id"]!.GetValue<string>(),
            firstView["versions"]!.AsArray().Single(v => v!["language"]!.GetValue<string>() == "fr")!["author"]!["id"]!.GetValue<string>(),
        };
        ids.Should().OnlyHaveUniqueItems("two texts of a deleted account must not be linkable").And.NotContain(id => id.Contains(aliceId));
        ListAuthor(first).Should().Be(ids[0], "the list and the contribution name the same author the same way");
        ListAuthor(second).Should().Be(ids[1]);
        firstView["versions"]!.AsArray().Single(v => v!["isOriginal"]!.GetValue<bool>())!["author"]!["id"]!.GetValue<string>().Should().Be(ids[0],
            "the original is by the contribution's author by definition");
        (await reader.GetJsonAsync($"/api/contributions/{first}"))["author"]!["id"]!.GetValue<string>().Should().Be(ids[0], "the same on every read");
        firstView["author"]!["name"]!.GetValue<string>().Should().Be(ForumUser.DeletedName);
        bobsView["author"]!["id"]!.GetValue<string>().Should().NotStartWith("deleted", "live accounts keep their id");

        // Moderators' views, pages, feeds and exports carry no trace of the account's id either.
        var queue = (await moderator.GetJsonAsync("/api/reports"))["items"]!.AsArray().Single(r => r!["contribution"]!["id"]!.GetValue<long>() == first)!;
        queue["contribution"]!["author"]!["id"]!.GetValue<string>().Should().Be(ids[0]);
        var everything = new List<string> { queue.ToJsonString(), (await moderator.GetJsonAsync($"/api/contributions/{first}/versions/en/history")).ToJsonString() };
        foreach (var url in new[]
        {
            $"/en/phases/{phase}", $"/fr/contributions/{first}", $"/en/contributions/{bobs}", $"/en/phases/{phase}/feed.atom",
        })
        {
            everything.Add(await reader.Http.GetStringAsync(url));
        }
        foreach (var format in new[] { "csv", "json", "md" })
        {
            everything.Add(await moderator.Http.GetStringAsync($"/api/phases/{phase}/export/contributions.{format}"));
        }
        everything.Should().NotContain(text => text.Contains(aliceId, StringComparison.OrdinalIgnoreCase));
    }
}
