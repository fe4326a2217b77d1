using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Forum.Data;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.FunctionalTests.Security;

/// <summary>
/// Findings of the outside probe (issue 10): control characters in any text, Markdown nested beyond Markdig's limit
/// and Markdown that costs quadratic time or renders far larger than written are refused with 400 and a rule,
/// and the Atom feeds survive whatever is already stored.
/// </summary>
public sealed class TextSafetyTests(ForumApp app) : IClassFixture<ForumApp>
{
    private const string ControlRule = "text.control-character";

    private sealed record Target(ForumClient Admin, ForumClient Participant, ForumClient Commenter, string Slug, int Phase, long Contribution, long Synthesis, Guid SynthesisVersion, long Report);

    private async Task<Target> TargetAsync()
    {
        var admin = await app.AdminAsync();
        var participant = await app.ParticipantAsync("texts");
        var slug = (await admin.CreateThemeAsync())["slug"]!.GetValue<string>();
        var phase = (await admin.CreatePhaseAsync(slug, 1, "2026-08-25T09:00", "2026-09-21T23:59"))["id"]!.GetValue<int>();
        var contribution = (await participant.PostContributionAsync(phase, "en", "Local money", "Local currencies keep wealth in the territory."))["id"]!.GetValue<long>();
        var synthesis = await admin.PostOkAsync($"/api/phases/{phase}/syntheses", new { versions = new[] { new { language = "en", title = "Synthesis", body = "Text." } } }, HttpStatusCode.Created);
        var reporter = await app.ParticipantAsync("reporter");
        var report = await reporter.PostOkAsync($"/api/contributions/{contribution}/reports", new { reason = "spam" }, HttpStatusCode.Created);
        // Reports once, when a comment of theirs is accepted: every one sent here is refused.
        var commenter = await app.ParticipantAsync("commenter");
        return new(admin, participant, commenter, slug, phase, contribution, synthesis["id"]!.GetValue<long>(), synthesis["version"]!.GetValue<Guid>(), report["id"]!.GetValue<long>());
    }

    private static async Task<Guid> ContributionVersionAsync(ForumClient client, long id) =>
        (await client.GetJsonAsync($"/api/contributions/{id}"))["version"]!.GetValue<Guid>();

    /// <summary>Every writing request that carries a text, with <paramref name="text"/> in that text and valid values elsewhere.</summary>
    private async IAsyncEnumerable<(string What, Func<Task<HttpResponseMessage>> Send)> TextInputs(Target t, string text, bool markdownOnly)
    {
        var (admin, participant) = (t.Admin, t.Participant);
        yield return ("contribution body", () => participant.PostAsync($"/api/phases/{t.Phase}/contributions", new { language = "en", title = "A title", body = text }));
        yield return ("reply body", () => participant.PostAsync($"/api/contributions/{t.Contribution}/replies", new { language = "en", body = text }));
        yield return ("translation body", () => admin.PostAsync($"/api/contributions/{t.Contribution}/translations", new { language = "fr", title = "Un titre", body = text }));
        var version = await ContributionVersionAsync(participant, t.Contribution);
        yield return ("edit body", () => participant.PutAsync($"/api/contributions/{t.Contribution}/versions/en", new { title = "Local money", body = text, version }));
        yield return ("synthesis body", () => admin.PostAsync($"/api/phases/{t.Phase}/syntheses", new { versions = new[] { new { language = "en", title = "Synthesis", body = text } } }));
        yield return ("synthesis edit body", () => admin.PutAsync($"/api/syntheses/{t.Synthesis}/versions/en", new { title = "Synthesis", body = text, version = t.SynthesisVersion }));
        if (markdownOnly)
        {
            yield break;
        }
        yield return ("contribution title", () => participant.PostAsync($"/api/phases/{t.Phase}/contributions", new { language = "en", title = text, body = "A body." }));
        yield return ("translation title", () => admin.PostAsync($"/api/contributions/{t.Contribution}/translations", new { language = "es", title = text, body = "Un texto." }));
        yield return ("edit title", () => participant.PutAsync($"/api/contributions/{t.Contribution}/versions/en", new { title = text, body = "Local currencies.", version }));
        yield return ("synthesis title", () => admin.PostAsync($"/api/phases/{t.Phase}/syntheses", new { versions = new[] { new { language = "en", title = text, body = "Text." } } }));
        yield return ("display name", () => participant.PutAsync("/api/account/profile", new { displayName = text }));
        yield return ("report comment", () => t.Commenter.PostAsync($"/api/contributions/{t.Contribution}/reports", new { reason = "other", comment = text }));
        yield return ("resolution note", () => admin.PostAsync($"/api/reports/{t.Report}/resolve", new { action = "dismiss", note = text }));
        yield return ("theme title", () => admin.PostAsync("/api/themes", new { slug = $"t-{Guid.NewGuid():N}", position = 2, published = true, originalLanguage = "en", texts = new { en = new { title = text, description = "A theme." } } }));
        yield return ("theme description", () => admin.PostAsync("/api/themes", new { slug = $"t-{Guid.NewGuid():N}", position = 2, published = true, originalLanguage = "en", texts = new { en = new { title = "A theme", description = text } } }));
        yield return ("phase title", () => admin.PostAsync($"/api/themes/{t.Slug}/phases", new { number = 2, originalLanguage = "en", opensAt = "2026-10-01T09:00", closesAt = "2026-10-20T09:00", texts = new { en = new { title = text, question = "Why?" } } }));
        yield return ("phase question", () => admin.PostAsync($"/api/themes/{t.Slug}/phases", new { number = 2, originalLanguage = "en", opensAt = "2026-10-01T09:00", closesAt = "2026-10-20T09:00", texts = new { en = new { title = "Phase 2", question = text } } }));
        yield return ("close reason", () => admin.PostAsync($"/api/phases/{t.Phase}/close", new { reason = text }));
        yield return ("hide reason", () => admin.PostAsync($"/api/contributions/{t.Contribution}/hide", new { reason = text }));
    }

    public static TheoryData<string> ControlCharacters => new() { "\u0001", "\u0000", "\u0008", "\u000B", "\u001B", "\u001F", "\u007F", "\uFFFF", "\uFFFE" };

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public async Task Every_text_input_refuses_control_characters_with_a_rule_and_writes_nothing(string character)
    {
        var target = await TargetAsync();
        await foreach (var (what, send) in TextInputs(target, $"Before{character}after", markdownOnly: false))
        {
            await using var watch = await app.QuietDatabaseWatchAsync();
            var problem = await (await send()).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ControlRule);
            problem["field"].Should().NotBeNull(what);
            (await watch.ChangedAsync()).Should().BeFalse($"a refused {what} writes nothing");
        }
    }

    public static TheoryData<string, string, string> DeepMarkdown => new()
    {
        { "[ x 200", new string('[', 200), "body.too-deeply-nested" },
        { "> x 30,000", string.Concat(Enumerable.Repeat("> ", 30_000)), "body.too-deeply-nested" },
        { "*a x 30,000", string.Concat(Enumerable.Repeat("*a", 30_000)), "body.too-complex" },
        { "[]( to 60,000", string.Concat(Enumerable.Repeat("[](", 20_000)), "body.too-complex" },
        { "www.a.b x 7,500", string.Concat(Enumerable.Repeat("www.a.b ", 7_500)), "body.too-complex" },
        { "< x 60,000", new string('<', 60_000), "body.renders-too-large" },
    };

    [Theory]
    [MemberData(nameof(DeepMarkdown))]
    public async Task Markdown_too_deep_too_costly_or_rendering_too_large_is_refused_with_a_rule_everywhere_Markdown_is_written(string name, string body, string rule)
    {
        var target = await TargetAsync();
        await foreach (var (what, send) in TextInputs(target, body, markdownOnly: true))
        {
            var response = await send();
            (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, rule))["field"]!.GetValue<string>().Should().Be("body", $"{name} in the {what}");
        }
    }

    [Fact]
    public async Task Feeds_stay_valid_XML_when_a_stored_text_holds_control_characters()
    {
        var target = await TargetAsync();
        await target.Admin.PostOkAsync($"/api/syntheses/{target.Synthesis}/publish", new { }, HttpStatusCode.OK);
        // Written before the rule existed (or by any path around it): straight into the database.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
            var version = await db.Set<Core.Contributions.ContributionVersion>().FirstAsync(v => v.ContributionId == target.Contribution);
            version.Title = "Local\u0001money\uFFFF";
            // PostgreSQL stores no lone surrogate (its text is strict UTF-8), so none can be found there.
            var loneSurrogate = TestDatabase.Provider == DatabaseProvider.Postgres ? "" : " \ud800";
            version.BodyHtml = $"<p>Local\u0008currencies\u007F{loneSurrogate}</p>";
            var authorId = (await db.Contributions.FirstAsync(c => c.Id == target.Contribution)).AuthorId;
            var author = await db.Users.FirstAsync(u => u.Id == authorId);
            author.DisplayName = "Ann\u001Bie";
            var synthesis = await db.Set<Synthesis.Syntheses.SynthesisVersion>().FirstAsync(v => v.SynthesisId == target.Synthesis);
            synthesis.Title = "Synth\u0002esis";
            await db.SaveChangesAsync();
        }

        foreach (var url in new[] { $"/en/phases/{target.Phase}/feed.atom", $"/fr/themes/{target.Slug}/feed.atom" })
        {
            var response = await app.CreateClient().GetAsync(url);
            var xml = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.OK, xml);
            var feed = XDocument.Parse(xml);
            XNamespace atom = "http://www.w3.org/2005/Atom";
            var titles = feed.Root!.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value).ToList();
            titles.Should().Contain("Local\uFFFDmoney\uFFFD").And.Contain(t => t.EndsWith("Synth\uFFFDesis"));
            xml.Should().Contain("Ann\uFFFDie");
        }
    }

    [Theory]
    [InlineData("en", "invisible control character")]
    [InlineData("fr", "caractère de contrôle invisible")]
    [InlineData("es", "carácter de control invisible")]
    public async Task A_form_with_a_control_character_comes_back_with_a_message_in_the_pages_language(string culture, string message)
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        using var browser = Forms.NewBrowser(app);
        await Forms.RegisterAndLogInAsync(browser, culture, $"forms-{Guid.NewGuid():N}@tests.localhost", "Lilac-Harbour-42", "Ann");

        var posted = await Forms.SubmitAsync(browser, $"/{culture}/phases/{phase}", $"/{culture}/phases/{phase}", new()
        {
            ["Post.Language"] = culture, ["Post.Title"] = "Local\u0001money", ["Post.Body"] = "Local currencies.",
        });
        var page = await posted.Content.ReadAsStringAsync();
        posted.StatusCode.Should().Be(HttpStatusCode.BadRequest, page);
        Forms.Text(page).Should().Contain(message);

        var name = await Forms.SubmitAsync(Forms.NewBrowser(app), $"/{culture}/account/register", $"/{culture}/account/register", new()
        {
            ["Input.Email"] = $"forms-{Guid.NewGuid():N}@tests.localhost", ["Input.Password"] = "Lilac-Harbour-42", ["Input.DisplayName"] = "Ann\u0001",
        });
        name.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.BadRequest);
        Forms.Text(await name.Content.ReadAsStringAsync()).Should().Contain(message);
    }
}
