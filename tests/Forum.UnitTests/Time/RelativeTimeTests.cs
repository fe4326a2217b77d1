using System.Globalization;
using Forum.Core;
using Forum.Core.Languages;
using Forum.Core.Time;
using Forum.Web.Pages;

namespace Forum.UnitTests.Time;

/// <summary>"closes in …": how far an instant is, in whole units, at the edges where the unit changes, in the three languages.</summary>
public class RelativeTimeTests
{
    [Theory]
    [InlineData(0, 0, 0, 30, "1 minute", "1 minute", "1 minuto")]
    [InlineData(0, 0, 59, 0, "59 minutes", "59 minutes", "59 minutos")]
    [InlineData(0, 1, 59, 0, "119 minutes", "119 minutes", "119 minutos")]
    [InlineData(0, 2, 0, 0, "2 hours", "2 heures", "2 horas")]
    [InlineData(0, 23, 59, 0, "23 hours", "23 heures", "23 horas")]
    [InlineData(1, 0, 0, 0, "24 hours", "24 heures", "24 horas")]
    [InlineData(2, 0, 0, 0, "2 days", "2 jours", "2 días")]
    [InlineData(6, 23, 0, 0, "6 days", "6 jours", "6 días")]
    [InlineData(7, 0, 0, 0, "7 days", "7 jours", "7 días")]
    [InlineData(13, 23, 0, 0, "13 days", "13 jours", "13 días")]
    [InlineData(13, 23, 59, 59, "13 days", "13 jours", "13 días")]
    [InlineData(14, 0, 0, 0, "2 weeks", "2 semaines", "2 semanas")]
    [InlineData(29, 0, 0, 0, "4 weeks", "4 semaines", "4 semanas")]
    [InlineData(30, 0, 0, 0, "4 weeks", "4 semaines", "4 semanas")]
    [InlineData(31, 0, 0, 0, "4 weeks", "4 semaines", "4 semanas")]
    [InlineData(60, 0, 0, 0, "8 weeks", "8 semaines", "8 semanas")]
    [InlineData(61, 0, 0, 0, "2 months", "2 mois", "2 meses")]
    [InlineData(329, 0, 0, 0, "10 months", "10 mois", "10 meses")]
    public void A_span_is_said_in_the_largest_unit_it_holds_twice_rounded_down_before_or_after_now(
        int days, int hours, int minutes, int seconds, string english, string french, string spanish)
    {
        var span = new TimeSpan(days, hours, minutes, seconds);
        foreach (var (culture, expected) in new[] { ("en-GB", english), ("fr-FR", french), ("es-ES", spanish) })
        {
            var info = CultureInfo.GetCultureInfo(culture);
            SpanWords.Of(RoughSpan.Of(span), info).Should().Be(expected, $"{span} ahead in {culture}");
            SpanWords.Of(RoughSpan.Of(-span), info).Should().Be(expected, $"{span} ago in {culture}");
        }
    }

    [Fact]
    public void Each_forum_language_formats_with_its_configured_culture_and_24_hour_times_by_default()
    {
        var options = new ForumOptions();
        var languages = new ForumLanguages(options.Languages, options.Cultures);
        var closing = new DateTimeOffset(2026, 10, 26, 18, 30, 0, TimeSpan.FromHours(1));
        languages.CultureOf("en").Name.Should().Be("en-GB");
        closing.ToString("f", languages.CultureOf("en")).Should().Contain("26 October 2026").And.Contain("18:30").And.NotContain("PM");
        closing.ToString("f", languages.CultureOf("fr")).Should().Contain("26 octobre 2026").And.Contain("18:30");
        closing.ToString("f", languages.CultureOf("es")).Should().Contain("26 de octubre de 2026").And.Contain("18:30");

        var american = new ForumLanguages(["en", "fr"], new Dictionary<string, string> { ["en"] = "en-US" });
        closing.ToString("f", american.CultureOf("en")).Should().Contain("October 26, 2026").And.Contain("6:30");
        american.CultureOf("fr").Name.Should().Be("fr-FR", "a language without a setting uses its usual culture");
    }

    [Theory]
    [InlineData("en", "en-GB", true)]
    [InlineData("en", "en-US", true)]
    [InlineData("en", "fr-FR", false)]
    [InlineData("es", "xx-QQ", false)]
    public void A_culture_setting_must_name_a_known_culture_of_its_language(string language, string culture, bool valid)
    {
        var problem = ForumLanguages.CultureProblem(new Dictionary<string, string> { [language] = culture });
        (problem is null).Should().Be(valid, problem);
        var options = new ForumOptions { Cultures = new() { [language] = culture } };
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), [], validateAllProperties: true)
            .Should().Be(valid, "the forum refuses to start with it");
    }
}
