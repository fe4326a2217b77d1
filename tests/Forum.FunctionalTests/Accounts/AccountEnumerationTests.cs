using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Accounts;

/// <summary>
/// Issue 10: nobody may learn whether an address has an account from the answers to registering or
/// logging in, on the API or on the pages. Each test asks the same of an existing and an unknown
/// address and compares what comes back. (Timing is measured apart, in bench/account-timing.sh.)
/// </summary>
public sealed class AccountEnumerationTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static string NewEmail(string name) => $"{name}-{Guid.NewGuid():N}@tests.localhost";

    /// <summary>Status, media type and body; the trace id is the only thing allowed to differ.</summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length > 0 && JsonNode.Parse(text) is JsonObject json)
        {
            json.Remove("traceId");
            text = json.ToJsonString();
        }
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {text}";
    }

    [Fact]
    public async Task Registering_an_existing_address_answers_as_registering_a_new_one_and_changes_nothing()
    {
        var existing = NewEmail("owner");
        var anonymous = app.Anonymous();
        await anonymous.RegisterAsync(existing, Demo.Password);

        var again = await anonymous.PostAsync("/api/account/register", new { email = existing, password = "Someone-else-entirely-1" });
        var fresh = await anonymous.PostAsync("/api/account/register", new { email = NewEmail("fresh"), password = "Someone-else-entirely-1" });

        (await AnswerAsync(again)).Should().Be(await AnswerAsync(fresh));
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        await anonymous.LoginAsync(existing, Demo.Password);
        (await anonymous.PostAsync("/api/account/login", new { email = existing, password = "Someone-else-entirely-1" })).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "the owner's account is untouched");
    }

    [Fact]
    public async Task Wrong_passwords_on_the_API_answer_the_same_for_an_existing_and_an_unknown_address()
    {
        var existing = NewEmail("known");
        var unknown = NewEmail("unknown");
        var anonymous = app.Anonymous();
        await anonymous.RegisterAsync(existing, Demo.Password);

        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var known = await anonymous.PostAsync("/api/account/login", new { email = existing, password = $"Wrong-guess-{attempt}" });
            var stranger = await anonymous.PostAsync("/api/account/login", new { email = unknown, password = $"Wrong-guess-{attempt}" });
            (await AnswerAsync(known)).Should().Be(await AnswerAsync(stranger), $"attempt {attempt}");
        }
    }

    [Fact]
    public async Task The_log_in_page_answers_the_same_for_an_existing_and_an_unknown_address()
    {
        var existing = NewEmail("known-page");
        var unknown = NewEmail("unknown-page");
        await app.Anonymous().RegisterAsync(existing, Demo.Password);
        using var browser = Forms.NewBrowser(app);

        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var fields = (string email) => new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = $"Wrong-guess-{attempt}" };
            var known = await Forms.SubmitAsync(browser, "/fr/account/login", "/fr/account/login", fields(existing));
            var stranger = await Forms.SubmitAsync(browser, "/fr/account/login", "/fr/account/login", fields(unknown));
            known.StatusCode.Should().Be(stranger.StatusCode, $"attempt {attempt}");
            Forms.Text(await known.Content.ReadAsStringAsync()).Should().Be(Forms.Text(await stranger.Content.ReadAsStringAsync()), $"attempt {attempt}");
        }
    }

    [Fact]
    public async Task The_registration_page_answers_the_same_for_an_existing_and_a_new_address()
    {
        var existing = NewEmail("known-register");
        await app.Anonymous().RegisterAsync(existing, Demo.Password);
        using var first = Forms.NewBrowser(app);
        using var second = Forms.NewBrowser(app);

        var fields = (string email) => new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "Someone-else-entirely-1" };
        var again = await Forms.SubmitAsync(first, "/es/account/register", "/es/account/register", fields(existing));
        var fresh = await Forms.SubmitAsync(second, "/es/account/register", "/es/account/register", fields(NewEmail("new-register")));

        again.StatusCode.Should().Be(fresh.StatusCode);
        again.Headers.Location?.OriginalString.Should().Be(fresh.Headers.Location?.OriginalString);
        Forms.Text(await again.Content.ReadAsStringAsync()).Should().Be(Forms.Text(await fresh.Content.ReadAsStringAsync()));
        again.Headers.Contains("Set-Cookie").Should().Be(fresh.Headers.Contains("Set-Cookie"), "neither signs anyone in");
        await app.Anonymous().LoginAsync(existing, Demo.Password);
    }

    [Fact]
    public async Task After_registering_on_the_page_the_person_logs_in_with_what_they_chose()
    {
        var email = NewEmail("page-newcomer");
        using var browser = Forms.NewBrowser(app);
        var registered = await Forms.SubmitAsync(browser, "/fr/account/register", "/fr/account/register",
            new() { ["Input.Email"] = email, ["Input.Password"] = Demo.Password, ["Input.DisplayName"] = "Noémie" });
        registered.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var login = registered.Headers.Location!.OriginalString;
        login.Should().StartWith("/fr/account/login");
        Forms.Text(await browser.GetStringAsync(login)).Should().Contain("connectez-vous");

        var signedIn = await Forms.SubmitAsync(browser, login, login, new() { ["Input.Email"] = email, ["Input.Password"] = Demo.Password });
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.GetAsync("/fr/account")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
