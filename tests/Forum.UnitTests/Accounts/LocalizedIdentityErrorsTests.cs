using System.Reflection;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Web.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Forum.UnitTests.Accounts;

/// <summary>Identity's refusals speak the language of the page that asked; the API (no culture in its address) keeps Identity's English.</summary>
public sealed class LocalizedIdentityErrorsTests
{
    private static readonly UiTexts Texts = new(Path.Combine(AppContext.BaseDirectory, "localization"));
    private static readonly ForumLanguages Languages = new(["en", "fr", "es"]);

    private static LocalizedIdentityErrors For(string? culture)
    {
        var context = new DefaultHttpContext();
        if (culture is not null)
        {
            context.Request.RouteValues["culture"] = culture;
        }
        return new LocalizedIdentityErrors(new HttpContextAccessor { HttpContext = context }, Texts, Languages);
    }

    private static IEnumerable<MethodInfo> DescriberMethods() =>
        typeof(IdentityErrorDescriber).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.ReturnType == typeof(IdentityError) && m.IsVirtual);

    private static IdentityError Call(IdentityErrorDescriber describer, MethodInfo method) =>
        (IdentityError)method.Invoke(describer, method.GetParameters().Select(p => p.ParameterType == typeof(int) ? 10 : (object)"lea@example.org").ToArray())!;

    [Fact]
    public void Every_message_of_identity_is_replaced()
    {
        var describer = typeof(LocalizedIdentityErrors);
        DescriberMethods().Select(m => m.Name)
            .Where(name => describer.GetMethod(name, BindingFlags.Public | BindingFlags.Instance)!.DeclaringType != describer)
            .Should().BeEmpty("a message Identity adds later would otherwise show in English on French pages");
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("es")]
    public void French_and_spanish_pages_get_every_message_in_their_language_with_identitys_code(string culture)
    {
        var english = new IdentityErrorDescriber();
        foreach (var method in DescriberMethods())
        {
            var localized = Call(For(culture), method);
            var original = Call(english, method);
            localized.Code.Should().Be(original.Code);
            localized.Description.Should().NotBe(original.Description, $"{method.Name} in {culture}");
        }
    }

    [Fact]
    public void A_duplicate_address_reads_in_french_with_the_address()
    {
        For("fr").DuplicateEmail("lea@example.org").Description.Should().Be("L’adresse électronique « lea@example.org » est déjà utilisée.");
        For("es").PasswordTooShort(12).Description.Should().Be("Elige una contraseña de al menos 12 caracteres.");
    }

    [Fact]
    public void Requests_without_a_culture_keep_identitys_english()
    {
        For(null).DuplicateEmail("lea@example.org").Description.Should().Be(new IdentityErrorDescriber().DuplicateEmail("lea@example.org").Description);
        For("de").PasswordTooShort(10).Description.Should().Be(new IdentityErrorDescriber().PasswordTooShort(10).Description);
    }
}
