using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Accounts;

public sealed class ProfileTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task A_new_display_name_shows_at_once_in_cached_lists_and_pages()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("renamed");
        await author.PostContributionAsync(phase, "en", "Cooperatives", "Cooperatives keep jobs local.");
        var reader = app.Anonymous();
        // Read twice so that the list and the page are in the output cache.
        for (var i = 0; i < 2; i++)
        {
            await reader.GetJsonAsync($"/api/phases/{phase}/contributions");
            await reader.Http.GetStringAsync($"/en/phases/{phase}");
        }

        (await author.PutAsync("/api/account/profile", new { displayName = "Camille Dupont" })).EnsureSuccessStatusCode();

        (await reader.GetJsonAsync($"/api/phases/{phase}/contributions"))["items"]![0]!["author"]!["name"]!.GetValue<string>().Should().Be("Camille Dupont");
        (await reader.Http.GetStringAsync($"/en/phases/{phase}")).Should().Contain("Camille Dupont");
    }
}
