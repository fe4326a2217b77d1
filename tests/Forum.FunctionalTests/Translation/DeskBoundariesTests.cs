using System.Net;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Translation;

/// <summary>The desk's edges an outside probe found: hidden texts, too many claims, codes as typed, pages' wording.</summary>
public class DeskBoundariesTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static object Claim(long id, string language = "es", string item = "contribution") => new { item, id, language };

    private async Task<(int Phase, long Id)> FrenchOnlyAsync()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var posted = await (await app.ParticipantAsync("author")).PostContributionAsync(phase, "fr", "Les AMAP", "Un contrat de **confiance**.");
        return (phase, posted["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_hidden_contribution_s_claims_do_not_show_it_exists_to_participants()
    {
        var (_, id) = await FrenchOnlyAsync();
        var carla = await app.ParticipantAsync("carla");
        var bob = await app.ParticipantAsync("bob");
        await carla.PostOkAsync("/api/translation/claims", Claim(id), HttpStatusCode.Created);
        (await (await app.ModeratorAsync()).PostAsync($"/api/contributions/{id}/hide", new { reason = "abuse" })).EnsureSuccessStatusCode();

        await (await bob.PostAsync($"/api/translation/contribution/{id}/es", new { title = "Las AMAP", body = "Un contrato." }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "contribution.not-found");
        await (await bob.Http.DeleteAsync($"/api/translation/claims/contribution/{id}/es")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "contribution.not-found");
        (await bob.GetJsonAsync("/api/translation/claims")).AsArray().Should().NotContain(c => c!["id"]!.GetValue<long>() == id);
        (await carla.GetJsonAsync("/api/translation/claims?mine=true")).AsArray().Should().BeEmpty("the text left the desk");
    }

    [Fact]
    public async Task One_person_may_hold_a_limited_number_of_claims_and_renewing_one_is_not_another()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var ids = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await author.PostContributionAsync(phase, "fr", $"Texte {i}", "Un texte en français."))["id"]!.GetValue<long>());
        }
        var bob = await app.ParticipantAsync("bob");
        var claims = ids.SelectMany(id => new[] { Claim(id, "en"), Claim(id, "es") }).ToList();
        foreach (var claim in claims.Take(10))
        {
            (await bob.PostAsync("/api/translation/claims", claim)).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var refused = await (await bob.PostAsync("/api/translation/claims", claims[10])).ShouldBeProblemAsync(HttpStatusCode.Conflict, "translation.too-many-claims");
        refused["detail"]!.GetValue<string>().Should().Contain("10");
        (await bob.PostAsync("/api/translation/claims", claims[0])).StatusCode.Should().Be(HttpStatusCode.Created, "renewing a claim one holds is allowed");

        (await bob.Http.DeleteAsync($"/api/translation/claims/contribution/{ids[0]}/en")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await bob.PostAsync("/api/translation/claims", claims[10])).StatusCode.Should().Be(HttpStatusCode.Created, "one released makes room");
    }

    [Fact]
    public async Task Language_codes_are_taken_as_people_type_them()
    {
        var (phase, id) = await FrenchOnlyAsync();
        var ana = await app.ParticipantAsync("ana");

        var claimed = await ana.PostOkAsync("/api/translation/claims", Claim(id, "ES"), HttpStatusCode.Created);

        claimed["language"]!.GetValue<string>().Should().Be("es");
        var desk = await ana.GetJsonAsync($"/api/translation/desk?phaseId={phase}&pair=FR-ES");
        desk["pair"]!.GetValue<string>().Should().Be("fr-es");
        (await ana.PostAsync($"/api/translation/contribution/{id}/Es", new { title = "Las AMAP", body = "Un contrato de **confianza**." }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_pages_say_a_missing_synthesis_or_phase_in_the_reader_s_language_and_only_the_holder_is_offered_to_release()
    {
        var (phase, id) = await FrenchOnlyAsync();
        using var lucia = Forms.NewBrowser(app);
        await Forms.RegisterAndLogInAsync(lucia, "fr", $"{Guid.NewGuid():N}@tests.localhost", "Lilac-Harbour-42", $"Lucía {Random.Shared.Next(1000, 9999)}");
        using var mateo = Forms.NewBrowser(app);
        await Forms.RegisterAndLogInAsync(mateo, "fr", $"{Guid.NewGuid():N}@tests.localhost", "Lilac-Harbour-42", $"Mateo {Random.Shared.Next(1000, 9999)}");

        var missing = await Forms.SubmitAsync(lucia, "/fr/translate", "/fr/translate?handler=Claim",
            new() { ["item"] = "synthesis", ["id"] = "987654", ["language"] = "es" });
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Forms.Text(await missing.Content.ReadAsStringAsync()).Should().Contain("Cette synthèse est introuvable.").And.NotContain("No synthesis");

        var typo = await lucia.GetAsync("/fr/translate?phase=abc");
        typo.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Forms.Text(await typo.Content.ReadAsStringAsync()).Should().Contain("Cette phase est introuvable.")
            .And.Contain("Ce filtre n’a pas pu être appliqué").And.NotContain("formulaire", "a filter in the address is no form sent");

        (await Forms.SubmitAsync(lucia, $"/fr/translate?phase={phase}", "/fr/translate?handler=Claim",
            new() { ["item"] = "contribution", ["id"] = id.ToString(), ["language"] = "es" })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var editor = $"/fr/translate/contribution/{id}/es";
        (await lucia.GetStringAsync(editor)).Should().Contain("id=\"translation-cancel\"");
        (await lucia.GetStringAsync($"/fr/translate/Contribution/{id}/ES")).Should().Contain("data-claim=\"mine\"", "an address typed in capitals is the same editor");
        var others = await mateo.GetStringAsync(editor);
        others.Should().Contain("data-claim=\"other\"").And.NotContain("id=\"translation-cancel\"", "only the holder has a claim to give back")
            .And.Contain("id=\"translation-leave\"");
    }
    [Fact]
    public async Task Claims_on_a_theme_withdrawn_from_readers_are_listed_to_nobody()
    {
        var moderator = await app.ModeratorAsync();
        var slug = (await moderator.CreateThemeAsync())["slug"]!.GetValue<string>();
        var phase = (await moderator.CreatePhaseAsync(slug, 1, "2026-08-25T09:00", "2026-09-21T23:59"))["id"]!.GetValue<int>();
        var id = (await (await app.ParticipantAsync("author")).PostContributionAsync(phase, "fr", "Les AMAP", "Un contrat."))["id"]!.GetValue<long>();
        var bob = await app.ParticipantAsync("bob");
        await bob.PostOkAsync("/api/translation/claims", Claim(id), HttpStatusCode.Created);

        var current = await moderator.GetJsonAsync($"/api/themes/{slug}");
        (await moderator.PutAsync($"/api/themes/{slug}", new
        {
            slug, position = 1, published = false, originalLanguage = "en", version = current["version"]!.GetValue<string>(),
            texts = new Dictionary<string, object> { ["en"] = new { title = "Territories", description = "Withdrawn." } },
        })).StatusCode.Should().Be(HttpStatusCode.OK);

        (await bob.GetJsonAsync("/api/translation/claims?mine=true")).AsArray().Should().BeEmpty();
        (await (await app.ParticipantAsync("ana")).GetJsonAsync("/api/translation/claims")).AsArray()
            .Should().NotContain(c => c!["id"]!.GetValue<long>() == id);
    }

    [Fact]
    public async Task Claims_sent_at_once_never_take_a_person_past_the_cap()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("author");
        var ids = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add((await author.PostContributionAsync(phase, "fr", $"Texte {i}", "Un texte en français."))["id"]!.GetValue<long>());
        }
        var bob = await app.ParticipantAsync("bob");

        var answers = await Task.WhenAll(ids.SelectMany(id => new[] { Claim(id, "en"), Claim(id, "es") })
            .Select(claim => bob.PostAsync("/api/translation/claims", claim)));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().Be(10);
        answers.Where(a => a.StatusCode != HttpStatusCode.Created).Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Conflict);
        (await bob.GetJsonAsync("/api/translation/claims?mine=true")).AsArray().Should().HaveCount(10);
    }
}

