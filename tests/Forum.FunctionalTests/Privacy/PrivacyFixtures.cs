using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Forum.Data;
using Forum.Data.Accounts;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.FunctionalTests.Privacy;

/// <summary>The forum configured to remove a deleted account's contributions.</summary>
public sealed class RemovingForumApp : ForumApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Forum:Privacy:DeletedAccountContributions", "Remove");
    }
}

/// <summary>A browser without script: a cookie jar, forms posted with the antiforgery token of their page.</summary>
public sealed class PageBrowser(Uri baseAddress) : IDisposable
{
    public HttpClient Http { get; } = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    public async Task<HttpResponseMessage> SubmitAsync(string path, Dictionary<string, string> fields, string? action = null)
    {
        var html = await (await Http.GetAsync(path)).Content.ReadAsStringAsync();
        var token = Forms.Token(html);
        token.Should().NotBeEmpty("every form carries an antiforgery token: " + html);
        fields["__RequestVerificationToken"] = token;
        return await Http.PostAsync(action ?? path, new FormUrlEncodedContent(fields));
    }

    public async Task<HttpResponseMessage> LogInAsync(string email, string password, string culture = "en") =>
        await SubmitAsync($"/{culture}/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    public static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " "));

    public void Dispose() => Http.Dispose();
}

public static class PrivacyHelpers
{
    public const string Password = "Lilac-Harbour-42";

    /// <summary>A newly registered participant with a known e-mail address, signed in.</summary>
    public static async Task<(ForumClient Client, string Email)> RegisteredAsync(this ForumApp app, string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@tests.localhost";
        var anonymous = app.Anonymous();
        await anonymous.RegisterAsync(email, Password);
        return (await anonymous.LoginAsync(email, Password), email);
    }

    public static async Task<HttpResponseMessage> DeleteAccountAsync(this ForumClient client, string? password) =>
        await client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/account") { Content = JsonContent.Create(new { password }) });

    public static async Task<T> WithDbAsync<T>(this ForumApp app, Func<ForumDbContext, Task<T>> read)
    {
        using var scope = app.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<ForumDbContext>());
    }

    public static Task<ForumUser> UserAsync(this ForumApp app, string id) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
}
