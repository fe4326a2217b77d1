using System.Net;
using System.Text;
using Forum.FunctionalTests.Infrastructure;
using Forum.FunctionalTests.Security;
using static Forum.FunctionalTests.Infrastructure.Forms;

namespace Forum.FunctionalTests.Pages;

/// <summary>
/// What a person meets when a page refuses: an HTML page with the site's header and footer, in the address's language,
/// with the refusal's status and a way back; a form whose token expired comes back with what was typed.
/// The API, feeds and static files keep their ProblemDetails.
/// </summary>
public sealed class ErrorPagesTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static async Task<string> ShouldBeErrorPageAsync(HttpResponseMessage response, HttpStatusCode status, string culture, string title)
    {
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, html);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
        html.Should().Contain($"<html lang=\"{culture}\">").And.Contain("<header class=\"site\">").And.Contain("<footer class=\"site\">");
        html.Should().Contain($"<h1>{title}</h1>").And.Contain($"<a href=\"/{culture}\" id=\"error-home\">");
        return html;
    }

    [Theory]
    [InlineData("/fr/nulle-part", "fr", "Page introuvable")]
    [InlineData("/es/phases/999999", "es", "Página no encontrada")]
    [InlineData("/en/themes/no-such-theme", "en", "Page not found")]
    [InlineData("/fr/contributions/999999", "fr", "Page introuvable")]
    public async Task Unknown_pages_phases_themes_and_contributions_answer_a_404_page_in_the_language_of_the_address(string path, string culture, string title)
    {
        var html = await ShouldBeErrorPageAsync(await app.CreateClient().GetAsync(path), HttpStatusCode.NotFound, culture, title);

        html.Should().NotContain("\"rule\"", "a person gets a page, not the API's ProblemDetails");
    }

    [Fact]
    public async Task An_address_without_a_language_answers_in_the_browsers_language()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/nulle-part");
        request.Headers.AcceptLanguage.ParseAdd("es-ES,es;q=0.9");

        await ShouldBeErrorPageAsync(await app.CreateClient().SendAsync(request), HttpStatusCode.NotFound, "es", "Página no encontrada");
    }

    [Fact]
    public async Task A_participant_opening_the_moderation_pages_gets_a_French_403_page()
    {
        using var browser = NewBrowser(app);
        await RegisterAndLogInAsync(browser, "fr", $"curious-{Guid.NewGuid():N}@tests.localhost", "Lilac-Harbour-42");

        await ShouldBeErrorPageAsync(await browser.GetAsync("/fr/moderation"), HttpStatusCode.Forbidden, "fr", "Accès refusé");
    }

    [Fact]
    public async Task A_method_an_address_does_not_take_answers_a_405_page()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("") };
        request.Headers.AcceptLanguage.ParseAdd("fr");

        await ShouldBeErrorPageAsync(await app.CreateClient().SendAsync(request), HttpStatusCode.MethodNotAllowed, "fr", "Cette page ne permet pas cela");
    }

    [Fact]
    public async Task A_method_a_page_has_no_handler_for_answers_a_405_page_not_an_expired_form()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        using var browser = NewBrowser(app);
        var token = Token(await browser.GetStringAsync("/es/account/login"));

        await ShouldBeErrorPageAsync(await browser.DeleteAsync($"/es/phases/{phase}"), HttpStatusCode.MethodNotAllowed, "es", "Esta página no permite eso");
        var post = await browser.PostAsync("/fr", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        await ShouldBeErrorPageAsync(post, HttpStatusCode.MethodNotAllowed, "fr", "Cette page ne permet pas cela");
        post.Content.Headers.Allow.Should().Contain("GET");
    }

    [Fact]
    public async Task A_form_larger_than_the_forum_takes_answers_a_413_page_not_an_expired_form()
    {
        using var browser = NewBrowser(app);
        var token = Token(await browser.GetStringAsync("/es/account/login"));
        var body = $"__RequestVerificationToken={token}&Input.Email={new string('a', 1_050_000)}";
        // Chunked, as the API tests' JSON is: with its length announced, the server refuses before reading and may cut the upload short.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/es/account/login") { Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded") };
        request.Headers.TransferEncodingChunked = true;

        var response = await browser.SendAsync(request);

        await ShouldBeErrorPageAsync(response, HttpStatusCode.RequestEntityTooLarge, "es", "Demasiados datos enviados a la vez");
    }

    [Fact]
    public async Task The_api_feeds_and_static_files_keep_their_problem_details()
    {
        var participant = await app.ParticipantAsync();
        var huge = new string('a', 1_100_000);

        await (await app.CreateClient().GetAsync("/api/no-such-thing")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "request.not-found");
        await (await participant.PostAsync("/api/themes", new { slug = "x" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await app.CreateClient().DeleteAsync("/api/themes")).ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "request.method-not-allowed");
        var moderator = await app.ModeratorAsync();
        await (await moderator.PostRawAsync("/api/themes", $"{{\"slug\":\"{huge}\"}}")).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too-large");
        (await app.CreateClient().GetAsync("/fr/phases/999999/feed.atom")).Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        (await app.CreateClient().GetAsync("/css/no-such-file.css")).Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_log_in_form_sent_after_logging_in_from_another_tab_goes_on_to_where_the_person_was_heading()
    {
        var email = $"two-tabs-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, "Lilac-Harbour-42");
        using var browser = NewBrowser(app);
        var firstTab = Token(await browser.GetStringAsync("/fr/account/login?returnUrl=%2Ffr%2Fphases%2F1"));
        var secondTab = await SubmitAsync(browser, "/fr/account/login", "/fr/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = "Lilac-Harbour-42" });
        secondTab.StatusCode.Should().Be(HttpStatusCode.Redirect);

        // The first tab's token is stale (it was made before the sign-in), but the person is signed in now: asking
        // again, with an empty password field and "here is what you typed", would only confuse (an outside probe).
        var stale = await browser.PostAsync("/fr/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = firstTab, ["Input.Email"] = email, ["Input.Password"] = "Lilac-Harbour-42", ["ReturnUrl"] = "/fr/phases/1",
        }));

        stale.StatusCode.Should().Be(HttpStatusCode.Redirect, await stale.Content.ReadAsStringAsync());
        stale.Headers.Location!.OriginalString.Should().Be("/fr/phases/1");
        (await browser.GetAsync("/fr/account/register")).Headers.Location!.OriginalString.Should().Be("/fr", "a signed-in person is not offered a second account");
    }

    [Fact]
    public async Task Logging_out_in_a_second_tab_after_the_first_logged_out_lands_home_logged_out()
    {
        using var browser = NewBrowser(app);
        await RegisterAndLogInAsync(browser, "es", $"leaving-{Guid.NewGuid():N}@tests.localhost", "Lilac-Harbour-42");
        var secondTab = Token(await browser.GetStringAsync("/es"));
        (await SubmitAsync(browser, "/es", "/es/account/logout", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var again = await browser.PostAsync("/es/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = secondTab }));

        again.StatusCode.Should().Be(HttpStatusCode.Redirect, await again.Content.ReadAsStringAsync());
        again.Headers.Location!.OriginalString.Should().Be("/es");
        Text(await browser.GetStringAsync("/es")).Should().Contain("Iniciar sesión").And.NotContain("Cerrar sesión");
    }

    [Fact]
    public async Task A_contribution_sent_with_an_expired_token_keeps_its_text_and_publishes_nothing()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        using var browser = NewBrowser(app);
        await RegisterAndLogInAsync(browser, "en", $"slow-{Guid.NewGuid():N}@tests.localhost", "Lilac-Harbour-42");
        using var other = NewBrowser(app);
        var notThisSessions = Token(await other.GetStringAsync($"/en/phases/{phase}"));

        var response = await browser.PostAsync($"/en/phases/{phase}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = notThisSessions, ["Post.Language"] = "en", ["Post.Title"] = "Kept title", ["Post.Body"] = "A long text written offline.",
        }));

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, html);
        html.Should().Contain("value=\"Kept title\"").And.Contain("A long text written offline.</textarea>").And.Contain("id=\"form-expired\"");
        var list = await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions");
        list["items"]!.AsArray().Should().BeEmpty("the form's handler did not run");
    }
}

/// <summary>On a forum of its own with low limits: a page past its limit answers the 429 page, Retry-After kept.</summary>
public sealed class RateLimitedPageTests(LowLimitsForumApp app) : IClassFixture<LowLimitsForumApp>
{
    [Fact]
    public async Task Log_in_attempts_past_the_limit_answer_a_French_429_page_with_retry_after()
    {
        using var browser = NewBrowser(app);
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 12 && refused is null; i++)
        {
            var response = await SubmitAsync(browser, "/fr/account/login", "/fr/account/login", new() { ["Input.Email"] = "nobody@tests.localhost", ["Input.Password"] = "wrong" });
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
        }

        refused.Should().NotBeNull("8 attempts a minute from one address");
        var html = await refused!.Content.ReadAsStringAsync();
        refused.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
        var seconds = int.Parse(refused.Headers.GetValues("Retry-After").Single());
        seconds.Should().BeInRange(1, 60);
        html.Should().Contain("<h1>Trop de requêtes</h1>").And.Contain("<header class=\"site\">");
        Text(html).Should().Contain($"Vous pourrez réessayer dans {seconds} secondes.");
        await (await app.Anonymous().PostAsync("/api/account/login", new { email = "nobody@tests.localhost", password = "wrong" }))
            .ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate.limited");
    }
}

/// <summary>A forum whose themes cannot be read: every page and API call that lists them fails unexpectedly.</summary>
public sealed class BrokenThemesForumApp : ForumApp
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
            Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddScoped<Forum.Web.Themes.ThemeService>(
                services, _ => throw new InvalidOperationException("Themes are broken for this test.")));
    }
}

public sealed class ServerErrorPageTests(BrokenThemesForumApp app) : IClassFixture<BrokenThemesForumApp>
{
    [Fact]
    public async Task An_unexpected_failure_answers_a_500_page_to_people_and_problem_details_to_the_api()
    {
        var page = await app.CreateClient().GetAsync("/es");
        var html = await page.Content.ReadAsStringAsync();

        page.StatusCode.Should().Be(HttpStatusCode.InternalServerError, html);
        page.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
        html.Should().Contain("<h1>Algo ha fallado por nuestra parte</h1>").And.Contain("<header class=\"site\">").And.NotContain("Themes are broken");
        var api = await app.CreateClient().GetAsync("/api/themes");
        api.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        api.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }
}
