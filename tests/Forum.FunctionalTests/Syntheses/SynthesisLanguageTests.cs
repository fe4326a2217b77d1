using System.Net;
using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Syntheses;

/// <summary>A synthesis not written in the reader's language shows the same other language everywhere: the first in the forum's order.</summary>
public sealed class SynthesisLanguageTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task A_synthesis_in_French_and_Spanish_read_in_English_shows_French_in_the_API_the_page_and_the_feed()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var created = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses", new
        {
            versions = new[]
            {
                new { language = "es", title = "Síntesis", body = "Las contribuciones hablan de **cooperativas**." },
                new { language = "fr", title = "Synthèse", body = "Les contributions parlent de **coopératives**." },
            },
        }, HttpStatusCode.Created);
        await moderator.PostOkAsync($"/api/syntheses/{created["id"]!.GetValue<long>()}/publish", new { });

        var listed = await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/syntheses?lang=en");
        listed.AsArray().Single()!["shown"]!["language"]!.GetValue<string>().Should().Be("fr");

        var page = await app.CreateClient().GetStringAsync($"/en/phases/{phase}");
        Regex.Match(page, "<article class=\"synthesis\">.*?</article>", RegexOptions.Singleline).Value
            .Should().Contain("<div lang=\"fr\">").And.Contain("coopératives").And.NotContain("cooperativas");

        var feed = await app.CreateClient().GetStringAsync($"/en/phases/{phase}/feed.atom");
        feed.Should().Contain("Synthèse").And.NotContain("Síntesis<");
    }
}
