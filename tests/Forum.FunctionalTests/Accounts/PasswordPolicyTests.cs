using System.Net;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Accounts;

/// <summary>Issue 10: passwords of ten characters at least, no composition rules, none from the list of common passwords (NIST SP 800-63B).</summary>
public sealed class PasswordPolicyTests(ForumApp app) : IClassFixture<ForumApp>
{
    private static string NewEmail() => $"policy-{Guid.NewGuid():N}@tests.localhost";

    [Theory]
    [InlineData("Aa1!aa", "account.password-too-short")]
    [InlineData("Passw0rd!", "account.password-too-short")]
    [InlineData("1234567890", "account.password-common")]
    [InlineData("QwertyUiop", "account.password-common")]
    public async Task The_API_refuses_short_and_common_passwords_with_a_problem(string password, string rule)
    {
        var refused = await app.Anonymous().PostAsync("/api/account/register", new { email = NewEmail(), password });
        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest, rule);
        problem["field"]!.GetValue<string>().Should().Be("password");
    }

    [Theory]
    [InlineData("lilac harbour evening")]
    [InlineData("onlylowercaseletters")]
    public async Task Long_uncommon_passwords_need_no_digits_capitals_or_symbols(string password)
    {
        var email = NewEmail();
        await app.Anonymous().RegisterAsync(email, password);
        await app.Anonymous().LoginAsync(email, password);
    }

    [Fact]
    public async Task A_new_password_follows_the_same_policy()
    {
        var email = NewEmail();
        await app.Anonymous().RegisterAsync(email, Demo.Password);
        var signedIn = await app.Anonymous().LoginAsync(email, Demo.Password);
        await (await signedIn.PostAsync("/api/account/manage/info", new { newPassword = "1234567890", oldPassword = Demo.Password }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "account.password-common");
    }

    [Theory]
    [InlineData("fr", "Aa1!aa", "Choisissez un mot de passe d’au moins 10 caractères")]
    [InlineData("fr", "1234567890", "Ce mot de passe est parmi les plus courants")]
    [InlineData("es", "1234567890", "Esta contraseña es de las más comunes")]
    [InlineData("en", "Aa1!aa", "Choose a password of at least 10 characters")]
    public async Task The_registration_page_says_why_in_its_language(string culture, string password, string message)
    {
        using var browser = Forms.NewBrowser(app);
        var refused = await Forms.SubmitAsync(browser, $"/{culture}/account/register", $"/{culture}/account/register",
            new() { ["Input.Email"] = NewEmail(), ["Input.Password"] = password });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Forms.Text(await refused.Content.ReadAsStringAsync()).Should().Contain(message);
    }
}
