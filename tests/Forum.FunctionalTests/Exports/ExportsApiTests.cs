using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CsvHelper;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Exports;

public class ExportsApiTests(ForumApp app) : IClassFixture<ForumApp>
{
    private async Task<(ForumClient Moderator, int Phase, long Tricky, long Plain, long Hidden)> PhaseWithContributionsAsync()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync("elodie");
        (await author.PutAsync("/api/account/profile", new { displayName = "Élodie Martín" })).EnsureSuccessStatusCode();
        var tricky = (await author.PostContributionAsync(phase, "fr", "Prix, \"juste\" et local", "=SUM(A1:A9) n'est pas une formule ici.\n\nDeuxième paragraphe, avec virgule ; et « guillemets »."))["id"]!.GetValue<long>();
        await (await app.ParticipantAsync("traductora")).PostOkAsync($"/api/contributions/{tricky}/translations",
            new { language = "es", title = "Precio justo", body = "Texto traducido." }, HttpStatusCode.Created);
        var plain = (await author.PostContributionAsync(phase, "en", "Plain", "A plain contribution."))["id"]!.GetValue<long>();
        var hidden = (await author.PostContributionAsync(phase, "en", "Spam", "Buy now."))["id"]!.GetValue<long>();
        await moderator.PostOkAsync($"/api/contributions/{hidden}/hide", new { reason = "Advertising." });
        return (moderator, phase, tricky, plain, hidden);
    }

    [Fact]
    public async Task Csv_opens_in_a_spreadsheet_with_every_version_and_no_formula()
    {
        var (moderator, phase, tricky, plain, hidden) = await PhaseWithContributionsAsync();
        var response = await moderator.Http.GetAsync($"/api/phases/{phase}/export/contributions.csv");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/csv; charset=utf-8");
        response.Content.Headers.ContentDisposition!.FileName.Should().Contain($"phase-{phase}-contributions.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);

        using var csv = new CsvReader(new StringReader(System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF')), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        rows.Select(r => ((string)r["contribution_id"], (string)r["language"], (string)r["is_original"])).Should().Equal(
            (tricky.ToString(), "fr", "yes"), (tricky.ToString(), "es", "no"), (plain.ToString(), "en", "yes"));
        rows.Should().NotContain(r => (string)r["contribution_id"] == hidden.ToString());
        var french = rows[0];
        ((string)french["title"]).Should().Be("Prix, \"juste\" et local");
        ((string)french["body"]).Should().StartWith("'=SUM(A1:A9)", "a cell starting like a formula is escaped for spreadsheets")
            .And.Contain("\r\n\r\nDeuxième paragraphe, avec virgule ; et « guillemets ».", "line breaks inside a cell are written CRLF");
        ((string)french["author"]).Should().Be("Élodie Martín");
        ((string)rows[1]["version_author"]).Should().StartWith("traductora");
        ((string)french["languages"]).Should().Be("es fr");
        ((string)french["posted_at"]).Should().MatchRegex(@"^2026-09-01T12:00:00\+02:00$");
    }

    [Fact]
    public async Task Json_and_markdown_group_versions_under_their_contribution()
    {
        var (moderator, phase, tricky, plain, _) = await PhaseWithContributionsAsync();
        var json = await moderator.GetJsonAsync($"/api/phases/{phase}/export/contributions.json");
        json["phaseId"]!.GetValue<int>().Should().Be(phase);
        var contributions = json["contributions"]!.AsArray();
        contributions.Select(c => c!["id"]!.GetValue<long>()).Should().Equal(tricky, plain);
        contributions[0]!["versions"]!.AsArray().Select(v => v!["language"]!.GetValue<string>()).Should().Equal("fr", "es");
        contributions[0]!["versions"]![0]!["body"]!.GetValue<string>().Should().StartWith("=SUM(A1:A9)");

        var markdown = await moderator.Http.GetStringAsync($"/api/phases/{phase}/export/contributions.md");
        markdown.Should().Contain($"## Contribution {tricky}").And.Contain("### fr (original)").And.Contain("### es (translation by traductora")
            .And.Contain("**Prix, \"juste\" et local**").And.NotContain("Buy now.");
    }

    [Fact]
    public async Task Exports_are_for_the_moderation_team_and_formats_are_checked()
    {
        var (_, phase, _, _, _) = await PhaseWithContributionsAsync();
        (await app.Anonymous().Http.GetAsync($"/api/phases/{phase}/export/contributions.csv")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await (await app.ParticipantAsync()).Http.GetAsync($"/api/phases/{phase}/export/contributions.csv")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var moderator = await app.ModeratorAsync();
        await (await moderator.Http.GetAsync($"/api/phases/{phase}/export/contributions.xlsx")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "export.format-unknown");
        await (await moderator.Http.GetAsync("/api/phases/424242/export/contributions.csv")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
