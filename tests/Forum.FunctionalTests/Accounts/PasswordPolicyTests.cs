using System.Net;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Accounts;

/// <summary>
/// Issue 10: passwords of ten characters at least, no composition rules, none from the list of common passwords (NIST SP
/// 800-63B). The later probe: nothing repetitive or sequential, no common password dressed up with digits, symbols or
/// capitals, no context word (the e-mail address, the name, the forum's own name), and length counted in characters as
/// people see them, not UTF-16 units.
/// </summary>
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
    [InlineData("aaaaaaaaaa", "account.password-repetitive")]
    [InlineData("abababababab", "account.password-repetitive")]
    [InlineData("abcdefghij", "account.password-repetitive")]
    [InlineData("9876543210", "account.password-repetitive")]
    [InlineData("Password123!", "account.password-common")]
    [InlineData("P@ssword2024", "account.password-common")]
    [InlineData("!!Sunshine!!2024", "account.password-common")]
    [InlineData("8302749165", "account.password-predictable")]
    [InlineData("2024-06-15!", "account.password-predictable")]
    [InlineData("forum12345", "account.password-context")]
    [InlineData("FORUM-2026!", "account.password-context")]
    [InlineData("foro2026!!", "account.password-context")]
    [InlineData("😀😃😄😁😆", "account.password-too-short")]
    [InlineData("👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦", "account.password-too-short")]
    [InlineData("Lilac-Harbour-42\u0000", "account.password-control-character")]
    [InlineData("Lilac-\uFFFE-Harbour-42", "account.password-control-character")]
    [InlineData("Lilac-Harbour-42\u0007", "account.password-control-character")]
    public async Task The_API_refuses_repetitive_dressed_up_and_context_passwords(string password, string rule)
    {
        var refused = await app.Anonymous().PostAsync("/api/account/register", new { email = NewEmail(), password });
        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest, rule);
        problem["field"]!.GetValue<string>().Should().Be("password");
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("{0}!")]
    [InlineData("{1}")]
    [InlineData("{1}2024")]
    [InlineData("{2}")]
    public async Task The_API_refuses_the_accounts_own_address_as_its_password(string pattern)
    {
        // {0} the address, {1} its local part in capitals, {2} the probe's own example, registered for itself.
        var local = $"p9-{Guid.NewGuid():N}";
        var email = pattern == "{2}" ? "p9@example.org" : $"{local}@example.org";
        var password = string.Format(pattern, email, local.ToUpperInvariant(), "p9@example.org");
        var refused = await app.Anonymous().PostAsync("/api/account/register", new { email, password });
        await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "account.password-context");
    }

    [Fact]
    public async Task A_new_password_cannot_be_the_accounts_address()
    {
        var email = NewEmail();
        await app.Anonymous().RegisterAsync(email, Demo.Password);
        var signedIn = await app.Anonymous().LoginAsync(email, Demo.Password);
        await (await signedIn.PostAsync("/api/account/manage/info", new { newPassword = email, oldPassword = Demo.Password }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "account.password-context");
    }

    [Theory]
    [InlineData("lilac harbour evening")]
    [InlineData("onlylowercaseletters")]
    [InlineData(Demo.Password)]
    [InlineData("Tromsø-Nordlys-2025")]
    [InlineData("correct horse battery staple")]
    [InlineData("my forum, my rules 42")]
    [InlineData("🍋🌊🦉🎻🚲🌵🧭🪁🍄🎈")]
    [InlineData("x7#Qm!2pLz")]
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
    [InlineData("en", "aaaaaaaaaa", "This password repeats a few characters or follows a sequence")]
    [InlineData("fr", "aaaaaaaaaa", "Ce mot de passe répète quelques caractères ou suit une séquence")]
    [InlineData("es", "abcdefghij", "Esta contraseña repite unos pocos caracteres o sigue una secuencia")]
    [InlineData("en", "Password123!", "This password is among the most common ones")]
    [InlineData("es", "P@ssword2024", "Esta contraseña es de las más comunes")]
    [InlineData("fr", "8302749165", "Ce mot de passe n’est guère que chiffres et symboles")]
    [InlineData("en", "forum12345", "This password is made of your address, your name or the forum’s name")]
    [InlineData("fr", "forum12345", "Ce mot de passe reprend votre adresse, votre nom ou le nom du forum")]
    [InlineData("es", "Foro-2026!", "Esta contraseña repite tu dirección, tu nombre o el nombre del foro")]
    [InlineData("fr", "😀😃😄😁😆", "Choisissez un mot de passe d’au moins 10 caractères")]
    public async Task The_registration_page_says_why_in_its_language(string culture, string password, string message)
    {
        using var browser = Forms.NewBrowser(app);
        var refused = await Forms.SubmitAsync(browser, $"/{culture}/account/register", $"/{culture}/account/register",
            new() { ["Input.Email"] = NewEmail(), ["Input.Password"] = password });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Forms.Text(await refused.Content.ReadAsStringAsync()).Should().Contain(message);
    }

    [Theory]
    [InlineData("en", "{0}", "This password is made of your address, your name or the forum’s name")]
    [InlineData("fr", "{1}", "Ce mot de passe reprend votre adresse, votre nom ou le nom du forum")]
    [InlineData("es", "{2}2024", "Esta contraseña repite tu dirección, tu nombre o el nombre del foro")]
    public async Task The_registration_page_refuses_the_address_and_the_name_in_its_language(string culture, string pattern, string message)
    {
        // {0} the address, {1} its local part, {2} the display name chosen on the same form.
        var local = $"p9-{Guid.NewGuid():N}";
        var email = $"{local}@example.org";
        const string name = "Marguerite Duras";
        using var browser = Forms.NewBrowser(app);
        var refused = await Forms.SubmitAsync(browser, $"/{culture}/account/register", $"/{culture}/account/register",
            new() { ["Input.Email"] = email, ["Input.DisplayName"] = name, ["Input.Password"] = string.Format(pattern, email, local, name) });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Forms.Text(await refused.Content.ReadAsStringAsync()).Should().Contain(message);
    }
}
