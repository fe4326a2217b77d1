using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Translation;

public class TranslationDeskApiTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static object Claim(long id, string language = "es", string item = "contribution") => new { item, id, language };

    private static object Spanish(string title = "Las AMAP", string body = "Un contrato de **confianza** entre campesinos y consumidores.") =>
        new { title, body };

    private async Task<(int Phase, long Contribution)> FrenchOnlyAsync()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var posted = await author.PostContributionAsync(phase, "fr", "Les AMAP", "Un contrat de **confiance** entre paysans et mangeurs.");
        return (phase, posted["id"]!.GetValue<long>());
    }

    private static async Task<JsonArray> ClaimsOnAsync(ForumClient client, long id) =>
        new((await client.GetJsonAsync("/api/translation/claims")).AsArray()
            .Where(c => c!["id"]!.GetValue<long>() == id).Select(c => c!.DeepClone()).ToArray());

    [Fact]
    public async Task Two_volunteers_claiming_at_once_get_one_claim_and_one_clear_conflict()
    {
        var (_, contribution) = await FrenchOnlyAsync();
        var ana = await app.ParticipantAsync("ana");
        var ben = await app.ParticipantAsync("ben");

        var answers = await Task.WhenAll(
            ana.PostAsync("/api/translation/claims", Claim(contribution)),
            ben.PostAsync("/api/translation/claims", Claim(contribution)));

        answers.Select(a => a.StatusCode).Should().BeEquivalentTo([HttpStatusCode.Created, HttpStatusCode.Conflict]);
        var winner = answers.Single(a => a.StatusCode == HttpStatusCode.Created);
        var holder = (await winner.Content.ReadFromJsonAsync<JsonNode>())!["holderName"]!.GetValue<string>();
        var problem = await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBeProblemAsync(HttpStatusCode.Conflict, "translation.claimed");
        problem["detail"]!.GetValue<string>().Should().Contain(holder, "the refusal names who is translating");
        (await ClaimsOnAsync(ana, contribution)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_claim_lapses_after_the_claim_time_on_the_forum_clock()
    {
        var (_, contribution) = await FrenchOnlyAsync();
        var ana = await app.ParticipantAsync("ana");
        var ben = await app.ParticipantAsync("ben");
        var claimed = await ana.PostOkAsync("/api/translation/claims", Claim(contribution), HttpStatusCode.Created);
        claimed["mine"]!.GetValue<bool>().Should().BeTrue();

        app.Time.Advance(TimeSpan.FromMinutes(29));
        (await ben.PostAsync("/api/translation/claims", Claim(contribution))).StatusCode.Should().Be(HttpStatusCode.Conflict);

        app.Time.Advance(TimeSpan.FromMinutes(1));
        (await ClaimsOnAsync(ben, contribution)).Should().BeEmpty("a lapsed claim is nobody's");
        var taken = await ben.PostOkAsync("/api/translation/claims", Claim(contribution), HttpStatusCode.Created);
        taken["holderName"]!.GetValue<string>().Should().StartWith("ben-");
        await (await ana.Http.DeleteAsync($"/api/translation/claims/contribution/{contribution}/es"))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "translation.claim-not-yours");
    }

    [Fact]
    public async Task Saving_through_the_desk_adds_the_version_and_releases_the_claim()
    {
        var (phase, contribution) = await FrenchOnlyAsync();
        var ana = await app.ParticipantAsync("ana");
        await ana.PostOkAsync("/api/translation/claims", Claim(contribution), HttpStatusCode.Created);

        var saved = await ana.PostOkAsync($"/api/translation/contribution/{contribution}/es", Spanish(), HttpStatusCode.Created);

        saved["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Should().BeEquivalentTo(["fr", "es"]);
        saved["versions"]!.AsArray().Single(v => v!["language"]!.GetValue<string>() == "es")!["bodyHtml"]!.GetValue<string>()
            .Should().Contain("<strong>confianza</strong>", "the same renderer and sanitizer as any version");
        (await ClaimsOnAsync(ana, contribution)).Should().BeEmpty();
        var desk = await ana.GetJsonAsync($"/api/translation/desk?phaseId={phase}&pair=fr-es");
        desk["items"]!.AsArray().Should().BeEmpty("the text is readable in Spanish now");
    }

    [Fact]
    public async Task Someone_elses_live_claim_refuses_a_desk_save_and_keeps_nothing_until_they_cancel()
    {
        var (_, contribution) = await FrenchOnlyAsync();
        var ana = await app.ParticipantAsync("ana");
        var ben = await app.ParticipantAsync("ben");
        await ana.PostOkAsync("/api/translation/claims", Claim(contribution), HttpStatusCode.Created);

        await (await ben.PostAsync($"/api/translation/contribution/{contribution}/es", Spanish())).ShouldBeProblemAsync(HttpStatusCode.Conflict, "translation.claimed");

        (await ana.Http.DeleteAsync($"/api/translation/claims/contribution/{contribution}/es")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ClaimsOnAsync(ben, contribution)).Should().BeEmpty("cancelling releases the claim");
        await ben.PostOkAsync($"/api/translation/contribution/{contribution}/es", Spanish(), HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_existing_translation_api_still_works_without_a_claim()
    {
        var (_, contribution) = await FrenchOnlyAsync();
        var ana = await app.ParticipantAsync("ana");

        await ana.PostOkAsync($"/api/contributions/{contribution}/translations", new { language = "es", title = "Las AMAP", body = "Un contrato." }, HttpStatusCode.Created);

        await (await ana.PostAsync("/api/translation/claims", Claim(contribution))).ShouldBeProblemAsync(HttpStatusCode.Conflict, "version.language-taken");
    }

    [Fact]
    public async Task A_claim_whose_language_was_added_from_the_contributions_page_is_shown_to_nobody()
    {
        var (_, contribution) = await FrenchOnlyAsync();
        var ana = await app.ParticipantAsync("ana");
        var ben = await app.ParticipantAsync("ben");
        await ana.PostOkAsync("/api/translation/claims", Claim(contribution), HttpStatusCode.Created);

        // Ben translates through the contribution's own form, which knows nothing of claims.
        await ben.PostOkAsync($"/api/contributions/{contribution}/translations", new { language = "es", title = "Las AMAP", body = "Un contrato." }, HttpStatusCode.Created);

        (await ana.GetJsonAsync("/api/translation/claims?mine=true")).AsArray().Should().NotContain(c => c!["id"]!.GetValue<long>() == contribution,
            "nothing is left to translate there");
        (await ClaimsOnAsync(ben, contribution)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_participant_translates_a_published_synthesis_into_a_language_it_lacks_but_not_a_draft_or_a_language_it_has()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var draft = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses",
            new { versions = new[] { new { language = "fr", title = "Première synthèse", body = "Les contributions parlent de **coopératives**." } } }, HttpStatusCode.Created);
        var id = draft["id"]!.GetValue<long>();
        var ana = await app.ParticipantAsync("ana");

        (await ana.PostAsync($"/api/translation/synthesis/{id}/es", Spanish())).StatusCode.Should().Be(HttpStatusCode.NotFound, "a draft is not there for readers");
        await (await moderator.PostAsync($"/api/translation/synthesis/{id}/es", Spanish())).ShouldBeProblemAsync(HttpStatusCode.Conflict, "synthesis.not-published");

        await moderator.PostOkAsync($"/api/syntheses/{id}/publish", new { version = draft["version"]!.GetValue<Guid>() });
        await ana.PostOkAsync("/api/translation/claims", Claim(id, item: "synthesis"), HttpStatusCode.Created);
        var saved = await ana.PostOkAsync($"/api/translation/synthesis/{id}/es", Spanish("Primera síntesis"), HttpStatusCode.Created);

        saved["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("es", "fr");
        var read = await app.Anonymous().GetJsonAsync($"/api/syntheses/{id}?lang=es");
        read["shown"]!["title"]!.GetValue<string>().Should().Be("Primera síntesis");
        (await ClaimsOnAsync(ana, id)).Should().BeEmpty();
        await (await ana.PostAsync($"/api/translation/synthesis/{id}/fr", Spanish())).ShouldBeProblemAsync(HttpStatusCode.Conflict, "synthesis.language-taken");
        await (await ana.PostAsync($"/api/translation/synthesis/{id}/es", Spanish())).ShouldBeProblemAsync(HttpStatusCode.Conflict, "synthesis.language-taken");
    }

    [Fact]
    public async Task The_desk_lists_what_the_persons_pairs_need_oldest_first_with_the_phases_synthesis_first_and_counts_per_pair()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var older = (await author.PostContributionAsync(phase, "fr", "Les AMAP", "Un contrat de confiance."))["id"]!.GetValue<long>();
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await author.PostContributionAsync(phase, "en", "Markets", "Public markets as meeting points.");
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var both = (await author.PostContributionAsync(phase, "fr", "Les marchés", "Des lieux de rencontre."))["id"]!.GetValue<long>();
        await author.PostOkAsync($"/api/contributions/{both}/translations", new { language = "es", title = "Los mercados", body = "Lugares de encuentro." }, HttpStatusCode.Created);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var newer = (await author.PostContributionAsync(phase, "es", "Las ferias", "Ferias campesinas."))["id"]!.GetValue<long>();
        var synthesis = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses",
            new { versions = new[] { new { language = "fr", title = "Synthèse", body = "En bref." } } }, HttpStatusCode.Created);
        await moderator.PostOkAsync($"/api/syntheses/{synthesis["id"]}/publish", new { version = synthesis["version"]!.GetValue<Guid>() });

        var ana = await app.ParticipantAsync("ana");
        (await ana.PutAsync("/api/account/languages", new { languages = new[] { "es", "fr" } })).StatusCode.Should().Be(HttpStatusCode.OK);
        var desk = await ana.GetJsonAsync($"/api/translation/desk?phaseId={phase}");

        desk["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("fr", "es");
        desk["pairs"]!.AsArray().Select(p => $"{p!["from"]}-{p["to"]}:{p["count"]}").Should().Equal("fr-es:2", "es-fr:1");
        desk["syntheses"]!.AsArray().Single()!["id"]!.GetValue<long>().Should().Be(synthesis["id"]!.GetValue<long>());
        desk["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).Should().Equal([older, newer], "oldest first; the English-only one needs none of her pairs");
        desk["items"]![0]!["missing"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("es");

        var paged = await ana.GetJsonAsync($"/api/translation/desk?phaseId={phase}&limit=1");
        paged["items"]!.AsArray().Single()!["id"]!.GetValue<long>().Should().Be(older);
        var next = await ana.GetJsonAsync($"/api/translation/desk?phaseId={phase}&limit=1&cursor={Uri.EscapeDataString(paged["nextCursor"]!.GetValue<string>())}");
        next["items"]!.AsArray().Single()!["id"]!.GetValue<long>().Should().Be(newer);
        next["syntheses"]!.AsArray().Should().BeEmpty("syntheses come on the first page only");

        var english = await ana.GetJsonAsync($"/api/translation/desk?phaseId={phase}&pair=fr-en");
        english["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).Should().Equal(older, both);
    }

    [Fact]
    public async Task The_desk_and_claims_refuse_bad_input_with_a_rule_and_visitors_with_401()
    {
        var (phase, contribution) = await FrenchOnlyAsync();
        var ana = await app.ParticipantAsync("ana");

        await (await ana.Http.GetAsync($"/api/translation/desk?phaseId={phase}&pair=fr-fr")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "translation.pair-unknown");
        await (await ana.Http.GetAsync("/api/translation/desk?phaseId=987654")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "phase.not-found");
        await (await ana.PostAsync("/api/translation/claims", Claim(contribution, item: "theme"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "translation.item-unknown");
        await (await ana.PostAsync("/api/translation/claims", Claim(contribution, language: "de"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await ana.PostAsync("/api/translation/claims", Claim(contribution, language: "fr"))).ShouldBeProblemAsync(HttpStatusCode.Conflict, "version.language-taken");
        await (await ana.PostAsync("/api/translation/claims", Claim(987654))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await ana.Http.DeleteAsync($"/api/translation/claims/contribution/{contribution}/es")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "translation.claim-not-found");
        await (await ana.PutAsync("/api/account/languages", new { languages = new[] { "fr", "de" } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await app.Anonymous().Http.GetAsync("/api/translation/desk")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_hidden_contribution_is_never_on_the_desk_nor_claimed()
    {
        var (phase, contribution) = await FrenchOnlyAsync();
        var moderator = await app.ModeratorAsync();
        var read = await moderator.GetJsonAsync($"/api/contributions/{contribution}");
        await moderator.PostOkAsync($"/api/contributions/{contribution}/hide", new { reason = "Off topic", version = read["version"]!.GetValue<Guid>() });
        var ana = await app.ParticipantAsync("ana");

        (await ana.GetJsonAsync($"/api/translation/desk?phaseId={phase}"))["items"]!.AsArray().Should().BeEmpty();
        (await ana.PostAsync("/api/translation/claims", Claim(contribution))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_persons_languages_are_kept_in_the_forums_order_and_in_their_data_export()
    {
        var ana = await app.ParticipantAsync("ana");

        var set = await ana.GetJsonAsync("/api/account/languages");
        set["languages"]!.AsArray().Should().BeEmpty();
        (await ana.PutAsync("/api/account/languages", new { languages = new[] { "es", "en" } })).StatusCode.Should().Be(HttpStatusCode.OK);

        (await ana.GetJsonAsync("/api/account/languages"))["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("en", "es");
        var data = JsonNode.Parse(await ana.Http.GetStringAsync("/api/account/data"))!;
        data["account"]!["translationLanguages"]!.GetValue<string>().Should().Be("en,es");
    }
}
