using System.Net;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Contributions;

/// <summary>The language check through the API: every written version, the confirmation, and the mark only moderators see.</summary>
public class LanguageCheckApiTests(LanguageCheckApp app) : IClassFixture<LanguageCheckApp>
{
    internal const string English =
        "Cooperatives in our region sell directly to their neighbours at producer markets, with fair prices for those who grow the food and those who buy it.";

    internal const string French =
        "Les coopératives de notre région vendent directement à leurs voisins sur les marchés de producteurs, avec des prix justes pour ceux qui cultivent et ceux qui achètent.";

    internal const string Spanish =
        "Las cooperativas de nuestra región venden directamente a sus vecinos en los mercados de productores, con precios justos para quien cultiva y para quien compra.";

    private static async Task ShouldBeMismatchAsync(HttpResponseMessage response, string heard)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "language.mismatch");
        problem["detectedLanguage"]!.GetValue<string>().Should().Be(heard);
        problem["field"]!.GetValue<string>().Should().Be("language");
        problem["detail"]!.GetValue<string>().Should().Contain($"'{heard}'");
    }

    [Fact]
    public async Task A_contribution_that_reads_as_another_language_is_refused_naming_it_and_nothing_is_stored()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();

        await ShouldBeMismatchAsync(await author.PostAsync($"/api/phases/{phase}/contributions", new { language = "fr", title = "Marchés de producteurs", body = English }), "en");

        (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions"))["items"]!.AsArray().Should().BeEmpty();
        (await author.PostContributionAsync(phase, "en", "Producer markets", English))["originalLanguage"]!.GetValue<string>().Should().Be("en");
    }

    [Fact]
    public async Task A_confirmed_contribution_is_posted_and_marked_for_moderators_only()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();

        var created = await author.PostOkAsync($"/api/phases/{phase}/contributions",
            new { language = "fr", title = "Marchés de producteurs", body = English, languageConfirmed = true }, HttpStatusCode.Created);
        var id = created["id"]!.GetValue<long>();

        created["originalLanguage"]!.GetValue<string>().Should().Be("fr", "the writer's word is kept");
        DetectedOf(created).Should().BeNull("the author is not told again, let alone accused");
        DetectedOf(await moderator.GetJsonAsync($"/api/contributions/{id}")).Should().Be("en");
        DetectedOf(await author.GetJsonAsync($"/api/contributions/{id}")).Should().BeNull();
        DetectedOf(await app.Anonymous().GetJsonAsync($"/api/contributions/{id}")).Should().BeNull();
        (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions"))["items"]!.AsArray().Should().ContainSingle();
    }

    private static string? DetectedOf(JsonNode contribution) => contribution["versions"]![0]!["detectedLanguage"]?.GetValue<string>();

    [Fact]
    public async Task Replies_translations_and_edits_are_checked_too()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var contribution = await author.PostContributionAsync(phase, "en", "Producer markets", English);
        var id = contribution["id"]!.GetValue<long>();

        await ShouldBeMismatchAsync(await author.PostAsync($"/api/contributions/{id}/replies", new { language = "en", body = French }), "fr");
        await ShouldBeMismatchAsync(await author.PostAsync($"/api/phases/{phase}/contributions", new { language = "en", body = Spanish, replyTo = id }), "es");
        await ShouldBeMismatchAsync(await author.PostAsync($"/api/contributions/{id}/translations", new { language = "es", title = "Mercados", body = French }), "fr");
        await ShouldBeMismatchAsync(await author.PutAsync($"/api/contributions/{id}/versions/en",
            new { title = "Producer markets", body = French, version = contribution["version"]!.GetValue<Guid>() }), "fr");

        var read = await app.Anonymous().GetJsonAsync($"/api/contributions/{id}");
        read["replies"]!.AsArray().Should().BeEmpty();
        read["versions"]!.AsArray().Should().ContainSingle().Which!["body"]!.GetValue<string>().Should().Be(English);

        (await author.PostOkAsync($"/api/contributions/{id}/translations", new { language = "es", title = "Mercados", body = Spanish }, HttpStatusCode.Created))
            ["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Should().BeEquivalentTo("en", "es");
        var edited = await author.PutAsync($"/api/contributions/{id}/versions/en",
            new { title = "Producer markets", body = French, version = (await author.GetJsonAsync($"/api/contributions/{id}"))["version"]!.GetValue<Guid>(), languageConfirmed = true });
        edited.StatusCode.Should().Be(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        DetectedOf(await moderator.GetJsonAsync($"/api/contributions/{id}")).Should().Be("fr", "an edit confirmed against the check is marked as well");
    }

    [Fact]
    public async Task A_synthesis_text_is_checked_and_may_be_confirmed()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();

        await ShouldBeMismatchAsync(await moderator.PostAsync($"/api/phases/{phase}/syntheses",
            new { versions = new[] { new { language = "es", title = "Síntesis", body = French } } }), "fr");
        (await moderator.GetJsonAsync($"/api/phases/{phase}/syntheses?includeDrafts=true")).AsArray().Should().BeEmpty();

        var created = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses",
            new { versions = new[] { new { language = "es", title = "Síntesis", body = French, languageConfirmed = (bool?)true } } }, HttpStatusCode.Created);
        created["versions"]![0]!["detectedLanguage"]!.GetValue<string>().Should().Be("fr");
        var written = await moderator.PutAsync($"/api/syntheses/{created["id"]}/versions/en",
            new { title = "Synthesis", body = Spanish, version = created["version"]!.GetValue<Guid>() });
        await ShouldBeMismatchAsync(written, "es");

        await moderator.PostOkAsync($"/api/syntheses/{created["id"]}/publish", new { version = created["version"]!.GetValue<Guid>() });
        (await app.Anonymous().GetJsonAsync($"/api/syntheses/{created["id"]}"))["versions"]![0]!["detectedLanguage"]?.GetValue<string>()
            .Should().BeNull("readers are never told");
        (await moderator.GetJsonAsync($"/api/syntheses/{created["id"]}"))["versions"]![0]!["detectedLanguage"]!.GetValue<string>().Should().Be("fr");
    }

    [Fact]
    public async Task Only_moderators_see_the_phase_s_texts_declared_against_the_check()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        await author.PostOkAsync($"/api/phases/{phase}/contributions",
            new { language = "es", title = "Mercados de productores", body = English, languageConfirmed = true }, HttpStatusCode.Created);
        await author.PostContributionAsync(phase, "fr", "Marchés de producteurs", French);

        using var browser = Forms.NewBrowser(app);
        (await Forms.SubmitAsync(browser, "/en/account/login", "/en/account/login", new() { ["Input.Email"] = ForumApp.AdminEmail, ["Input.Password"] = ForumApp.AdminPassword }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var marks = Forms.Text(await browser.GetStringAsync($"/en/moderation/phases/{phase}?languageMarks=true"));
        marks.Should().Contain("Declared Spanish; the language check read English").And.NotContain("Marchés de producteurs");
        var unfiltered = await browser.GetStringAsync($"/en/moderation/phases/{phase}");
        unfiltered.Should().Contain("Marchés de producteurs").And.NotContain("id=\"language-marks\"");
        var id = (await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions?order=oldest"))["items"]![0]!["id"]!.GetValue<long>();
        Forms.Text(await browser.GetStringAsync($"/en/contributions/{id}")).Should().Contain("Declared Spanish; the language check read English");

        Forms.Text(await app.Anonymous().Http.GetStringAsync($"/en/contributions/{id}")).Should().Contain("Mercados de productores").And.NotContain("language check");
        using var participant = Forms.NewBrowser(app);
        (await participant.GetAsync($"/en/moderation/phases/{phase}?languageMarks=true")).StatusCode.Should().Be(HttpStatusCode.Redirect, "moderation pages ask for a moderator");
    }
}
