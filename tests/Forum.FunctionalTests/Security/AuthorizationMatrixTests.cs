using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Forum.FunctionalTests.Security;

/// <summary>
/// Every way to change data, read from the running app's own endpoint, page and hub metadata, is
/// tried by a visitor and by a signed-in user of too low a role: each must be refused and the
/// database must not move. Anything that changes data without naming a policy fails here.
/// </summary>
public sealed class AuthorizationMatrixTests(ForumApp app, ITestOutputHelper output) : IClassFixture<ForumApp>
{
    /// <summary>Writing endpoints meant for visitors: signing up and signing in. Nothing else may be open.</summary>
    private static readonly HashSet<string> OpenApiOperations =
    [
        "POST /api/account/register", "POST /api/account/login", "POST /api/account/refresh",
        "POST /api/account/resendConfirmationEmail", "POST /api/account/forgotPassword", "POST /api/account/resetPassword",
    ];

    [Fact]
    public async Task The_database_watch_sees_a_write_so_its_silence_below_means_nothing_was_written()
    {
        var participant = await app.ParticipantAsync();
        var phase = await (await app.AdminAsync()).CreateOpenPhaseAsync();
        await using var watch = await app.QuietDatabaseWatchAsync();

        await participant.PostContributionAsync(phase, "en", "Seen", "A write the watch must notice.");

        (await watch.ChangedAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task Every_operation_that_changes_data_declares_who_may_call_it()
    {
        var api = AppSurface.ApiOperations(app.Services);
        var pages = await AppSurface.PageHandlersAsync(app.Services);
        var hub = AppSurface.HubOperations(app.Services);
        output.WriteLine($"{api.Count} API operations, {pages.Count} page handlers, {hub.Count} hub methods");
        foreach (var line in api.Select(o => $"{o} -> {o.Access}").Concat(pages.Select(h => $"{h} -> {h.Access}")).Concat(hub.Select(h => $"{h} -> {h.Access}")))
        {
            output.WriteLine(line);
        }

        // Sanity: the enumeration sees the app (so a broken enumeration cannot pass as "nothing to check").
        api.Select(o => o.ToString()).Should().Contain(["POST /api/phases/{phaseId:int}/contributions", "POST /api/contributions/{id:long}/hide"]);
        pages.Should().Contain(h => h.MethodInfo.DeclaringType!.Name == "PhaseModel");
        hub.Should().Contain(h => h.Method.Name == "WatchPhase");

        // Identity's own sign-up and sign-in endpoints carry no metadata at all: they are the only ones allowed to.
        api.Where(o => o.Access == Access.Undeclared && !OpenApiOperations.Contains(o.ToString())).Select(o => o.ToString())
            .Should().BeEmpty("every writing endpoint names a policy");
        api.Where(o => o.Access == Access.Visitors).Select(o => o.ToString()).Should().BeSubsetOf(OpenApiOperations, "only signing up and in are open to visitors");
        pages.Where(h => h.Access == Access.Undeclared).Select(h => h.ToString()).Should().BeEmpty("every page form handler has [HandlerPolicy], [OpenToVisitors] or a folder policy");
        pages.Where(h => h.Access == Access.Visitors).Select(h => h.MethodInfo.DeclaringType!.Name).Distinct()
            // The unsubscribe link works without logging in: its signed token names the person and the kind (RFC 8058).
            .Should().BeSubsetOf(["LoginModel", "RegisterModel", "LogoutModel", "ConfirmModel", "ResendConfirmationModel", "ForgotPasswordModel", "ResetModel", "UnsubscribeModel"]);
        hub.Where(h => h.Access == Access.Undeclared).Select(h => h.ToString()).Should().BeEmpty("every hub method has [Authorize] or [AllowAnonymous]");
    }

    [Fact]
    public async Task Visitors_and_users_of_too_low_a_role_are_refused_by_every_writing_endpoint_and_nothing_changes()
    {
        var participant = await app.ParticipantAsync();
        var moderator = await app.ModeratorAsync();
        using var anonymous = new HttpClient { BaseAddress = app.CreateClient().BaseAddress };
        var refusals = 0;

        await using var watch = await app.QuietDatabaseWatchAsync();
        foreach (var operation in AppSurface.ApiOperations(app.Services).Where(o => o.Access is not Access.Visitors && !OpenApiOperations.Contains(o.ToString())))
        {
            var url = AppSurface.Url(operation.Route);
            (await SendAsync(anonymous, operation.Method, url)).Should().Be(HttpStatusCode.Unauthorized, $"a visitor calls {operation}");
            refusals++;
            if (operation.Access >= Access.Moderator)
            {
                (await SendAsync(participant.Http, operation.Method, url)).Should().Be(HttpStatusCode.Forbidden, $"a participant calls {operation}");
                refusals++;
            }
            if (operation.Access >= Access.Admin)
            {
                (await SendAsync(moderator.Http, operation.Method, url)).Should().Be(HttpStatusCode.Forbidden, $"a moderator calls {operation}");
                refusals++;
            }
            (await watch.ChangedAsync()).Should().BeFalse($"refused calls of {operation} write nothing");
        }
        output.WriteLine($"{refusals} API refusals checked");
        refusals.Should().BeGreaterThan(20);
    }

    [Fact]
    public async Task Visitors_and_users_of_too_low_a_role_are_refused_by_every_page_form_and_nothing_changes()
    {
        var moderatorEmail = await RegisterAsync();
        (await (await app.AdminAsync()).PutAsync($"/api/users/{moderatorEmail}/roles", new { roles = new[] { "participant", "moderator" } })).EnsureSuccessStatusCode();
        using var visitor = Forms.NewBrowser(app);
        using var participant = await SignedInBrowserAsync(await RegisterAsync());
        using var moderator = await SignedInBrowserAsync(moderatorEmail);
        var refusals = 0;

        await using var watch = await app.QuietDatabaseWatchAsync();
        foreach (var handler in await AppSurface.PageHandlersAsync(app.Services))
        {
            if (handler.Access is Access.Visitors)
            {
                continue;
            }
            var url = AppSurface.Url(handler.Route) + (handler.Handler is null ? "" : $"?handler={handler.Handler}");
            var refused = await SubmitAsync(visitor, handler.Method, url);
            refused.StatusCode.Should().Be(HttpStatusCode.Redirect, $"a visitor submits {handler}");
            refused.Headers.Location!.OriginalString.Should().StartWith("/en/account/login?returnUrl=", $"a visitor submitting {handler} is asked to sign in");
            refusals++;
            if (handler.Access >= Access.Moderator)
            {
                (await SubmitAsync(participant, handler.Method, url)).StatusCode.Should().Be(HttpStatusCode.Forbidden, $"a participant submits {handler}");
                refusals++;
            }
            if (handler.Access >= Access.Admin)
            {
                (await SubmitAsync(moderator, handler.Method, url)).StatusCode.Should().Be(HttpStatusCode.Forbidden, $"a moderator submits {handler}");
                refusals++;
            }
            (await watch.ChangedAsync()).Should().BeFalse($"refused submissions of {handler} write nothing");
        }
        output.WriteLine($"{refusals} page refusals checked");
        refusals.Should().BeGreaterThan(10);
    }

    [Fact]
    public async Task Hub_methods_that_require_a_policy_refuse_visitors()
    {
        var operations = AppSurface.HubOperations(app.Services);
        foreach (var operation in operations.Where(o => o.Access is not Access.Visitors))
        {
            await using var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(app.CreateClient().BaseAddress!, operation.Path))
                .Build();
            await connection.StartAsync();
            var arguments = operation.Method.GetParameters().Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null).ToArray();
            var call = () => connection.InvokeCoreAsync(operation.Method.Name, arguments);
            await call.Should().ThrowAsync<HubException>($"a visitor calls {operation}");
        }
        // Reading methods stay open to visitors: a reader of a public phase watches it without an account.
        operations.Where(o => o.Access is Access.Visitors).Select(o => o.Method.Name).Should().BeEquivalentTo("WatchPhase", "UnwatchPhase");
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Submits a form with a valid antiforgery token of this browser, so that only authorization can refuse it.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string method, string url)
    {
        var token = await TokenAsync(browser);
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Reason"] = "matrix", ["Body"] = "matrix" }),
        };
        return await browser.SendAsync(request);
    }

    // A visitor's token from the log-in form; a signed-in person's from the header's log-out form (log-in sends them on).
    private static async Task<string> TokenAsync(HttpClient browser)
    {
        using var login = await browser.GetAsync("/en/account/login");
        return Forms.Token(login.StatusCode == System.Net.HttpStatusCode.Found ? await browser.GetStringAsync("/en") : await login.Content.ReadAsStringAsync());
    }

    private async Task<string> RegisterAsync()
    {
        var email = $"matrix-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, "Lilac-Harbour-42");
        return email;
    }

    private async Task<HttpClient> SignedInBrowserAsync(string email)
    {
        var browser = Forms.NewBrowser(app);
        var token = await TokenAsync(browser);
        var login = await browser.PostAsync("/en/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = "Lilac-Harbour-42",
        }));
        login.StatusCode.Should().Be(HttpStatusCode.Redirect, "the test's user signs in");
        return browser;
    }
}

public sealed class WithdrawnRoleTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task A_moderator_whose_role_is_withdrawn_loses_the_report_queue_at_once_and_signs_in_again_as_a_participant()
    {
        var email = $"demoted-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(email, "Lilac-Harbour-42");
        var admin = await app.AdminAsync();
        (await admin.PutAsync($"/api/users/{email}/roles", new { roles = new[] { "participant", "moderator" } })).EnsureSuccessStatusCode();
        var moderator = await app.Anonymous().LoginAsync(email, "Lilac-Harbour-42");
        (await moderator.Http.GetAsync("/api/reports")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await admin.PutAsync($"/api/users/{email}/roles", new { roles = new[] { "participant" } })).EnsureSuccessStatusCode();
        (await moderator.Http.GetAsync("/api/reports")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the token issued before the change no longer counts");

        var again = await app.Anonymous().LoginAsync(email, "Lilac-Harbour-42");
        (await again.Http.GetAsync("/api/reports")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await again.Http.GetAsync("/api/account/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
