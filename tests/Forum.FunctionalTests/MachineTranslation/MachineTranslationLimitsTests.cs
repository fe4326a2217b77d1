using System.Net;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Forum.FunctionalTests.MachineTranslation;

/// <summary>The forum with a fake LibreTranslate and two provider calls a minute per address.</summary>
public sealed class LowMachineTranslationLimitApp : ForumApp
{
    public FakeTranslationService Service { get; } = FakeTranslationService.Start();

    protected override IEnumerable<KeyValuePair<string, string>> MoreSettings =>
    [
        new("Forum:MachineTranslation:Provider", "LibreTranslate"),
        new("Forum:MachineTranslation:Url", Service.Url),
        new("Forum:MachineTranslation:Retries", "0"),
        new("Forum:MachineTranslation:PerAddressPerMinute", "2"),
    ];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Service.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}

public class MachineTranslationLimitTests(LowMachineTranslationLimitApp app) : IClassFixture<LowMachineTranslationLimitApp>
{
    [Fact]
    public async Task Calls_to_the_provider_are_limited_per_address_and_cached_answers_are_not_counted()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var author = await app.ParticipantAsync();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await author.PostContributionAsync(phase, "fr", $"Texte {i}", $"Le texte numéro {i}."))["id"]!.GetValue<long>());
        }
        var reader = app.Anonymous();

        await reader.GetJsonAsync($"/api/contributions/{ids[0]}/machine-translation?to=es");
        await reader.GetJsonAsync($"/api/contributions/{ids[0]}/machine-translation?to=es");
        await reader.GetJsonAsync($"/api/contributions/{ids[1]}/machine-translation?to=es");
        var refused = await reader.Http.GetAsync($"/api/contributions/{ids[2]}/machine-translation?to=es");

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate.limited");
        refused.Headers.RetryAfter.Should().NotBeNull();
        app.Service.Calls.Should().Be(2);
        var page = await reader.Http.GetStringAsync($"/fr/contributions/{ids[2]}");
        page.Should().NotContain("machine-translation=1", "the French reader has the original");
        var spanish = await reader.Http.GetStringAsync($"/es/contributions/{ids[2]}?machine-translation=1");
        Forms.Text(spanish).Should().Contain("Has pedido muchas traducciones automáticas en poco tiempo");
    }
}

/// <summary>A provider chosen without what it needs stops the start, naming the setting.</summary>
public class MachineTranslationSettingsTests
{
    [Theory]
    [InlineData("LibreTranslate", null, null, "Forum:MachineTranslation:Url")]
    [InlineData("DeepL", null, null, "Forum:MachineTranslation:ApiKey")]
    [InlineData("LibreTranslate", "libretranslate:5000", null, "Forum:MachineTranslation:Url")]
    [InlineData("Google", null, null, "Forum:MachineTranslation:Provider")]
    public void A_provider_without_its_address_or_key_stops_the_start_naming_the_setting(string provider, string? url, string? key, string named)
    {
        var start = () =>
        {
            using var app = new SettingApp(provider, url, key);
        };

        start.Should().Throw<Exception>().Where(e => e is OptionsValidationException || e is InvalidOperationException)
            .Which.Message.Should().Contain(named);
    }

    [Fact]
    public void A_DeepL_key_alone_is_enough()
    {
        var start = () =>
        {
            using var app = new SettingApp("DeepL", null, "0a1b2c3d:fx");
        };

        start.Should().NotThrow();
    }

    private sealed class SettingApp(string provider, string? url, string? key) : ForumApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Forum:MachineTranslation:Provider", provider);
            if (url is not null)
            {
                builder.UseSetting("Forum:MachineTranslation:Url", url);
            }
            if (key is not null)
            {
                builder.UseSetting("Forum:MachineTranslation:ApiKey", key);
            }
        }
    }
}
