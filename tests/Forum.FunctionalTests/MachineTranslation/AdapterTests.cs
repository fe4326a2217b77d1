using System.Diagnostics;
using Forum.Web.MachineTranslation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Forum.FunctionalTests.MachineTranslation;

/// <summary>
/// Each adapter, built as the forum builds it (typed client, timeouts, retries), against a local service answering as
/// the provider's documented API does: its success in HTML mode and each of its refusals.
/// </summary>
public abstract class AdapterTests : IAsyncLifetime
{
    protected FakeTranslationService Fake { get; } = FakeTranslationService.Start();

    private ServiceProvider? services;

    protected abstract string Provider { get; }

    protected virtual string? ApiKey => "test-key";

    protected IMachineTranslator Translator(int retries = 1, int timeoutSeconds = 1)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Forum:MachineTranslation:Provider"] = Provider,
            ["Forum:MachineTranslation:Url"] = Fake.Url,
            ["Forum:MachineTranslation:ApiKey"] = ApiKey,
            ["Forum:MachineTranslation:TimeoutSeconds"] = timeoutSeconds.ToString(),
            ["Forum:MachineTranslation:Retries"] = retries.ToString(),
            ["Forum:MachineTranslation:RetryDelayMilliseconds"] = "10",
        }).Build();
        var collection = new ServiceCollection().AddLogging(logging => logging.ClearProviders());
        collection.AddOptions<MachineTranslationOptions>().Bind(configuration.GetSection(MachineTranslationOptions.SectionName));
        collection.AddForumMachineTranslation(configuration);
        services = collection.BuildServiceProvider();
        return services.GetRequiredService<IMachineTranslator>();
    }

    protected const string Html = "<p>Les monnaies <strong>locales</strong> &amp; <a href=\"https://example.org/monnaies\" rel=\"nofollow ugc noopener\">le réseau</a></p>";

    [Fact]
    public async Task A_translation_keeps_the_HTML_and_translates_the_text_between_tags()
    {
        var translated = await Translator().TranslateHtmlAsync([Html, "Titre"], "fr", "es", default);

        translated.Should().Equal(
            "<p>LES MONNAIES <strong>LOCALES</strong> &amp; <a href=\"https://example.org/monnaies\" rel=\"nofollow ugc noopener\">LE RÉSEAU</a></p>", "TITRE");
        Fake.Calls.Should().Be(1, "several texts go in one request");
    }

    [Fact]
    public async Task An_unsupported_language_pair_is_told_apart_and_not_retried()
    {
        Fake.Answer = FakeAnswer.UnsupportedLanguage;

        var failure = await Translator(retries: 2).Invoking(t => t.TranslateHtmlAsync([Html], "fr", "es", default)).Should().ThrowAsync<MachineTranslationFailure>();

        failure.Which.Kind.Should().Be(MachineTranslationFailureKind.UnsupportedPair);
        Fake.Calls.Should().Be(1);
    }

    [Fact]
    public async Task A_refused_key_is_unavailability_and_not_retried()
    {
        Fake.Answer = FakeAnswer.BadKey;

        var failure = await Translator(retries: 2).Invoking(t => t.TranslateHtmlAsync([Html], "fr", "es", default)).Should().ThrowAsync<MachineTranslationFailure>();

        failure.Which.Kind.Should().Be(MachineTranslationFailureKind.Unavailable);
        Fake.Calls.Should().Be(1, "the same key would be refused again");
    }

    [Fact]
    public async Task A_service_down_is_tried_again_then_unavailable()
    {
        Fake.Answer = FakeAnswer.Down;

        var failure = await Translator(retries: 2).Invoking(t => t.TranslateHtmlAsync([Html], "fr", "es", default)).Should().ThrowAsync<MachineTranslationFailure>();

        failure.Which.Kind.Should().Be(MachineTranslationFailureKind.Unavailable);
        Fake.Calls.Should().Be(3, "a 503 is transient: two retries after the first attempt");
    }

    [Fact]
    public async Task A_busy_service_is_tried_again()
    {
        Fake.Answer = FakeAnswer.Busy;

        await Translator(retries: 1).Invoking(t => t.TranslateHtmlAsync([Html], "fr", "es", default)).Should().ThrowAsync<MachineTranslationFailure>();

        Fake.Calls.Should().Be(2);
    }

    [Fact]
    public async Task A_slow_answer_times_out_each_attempt_and_is_unavailable()
    {
        Fake.Answer = FakeAnswer.Slow;
        Fake.SlowDelay = TimeSpan.FromSeconds(10);
        var watch = Stopwatch.StartNew();

        var failure = await Translator(retries: 1, timeoutSeconds: 1).Invoking(t => t.TranslateHtmlAsync([Html], "fr", "es", default))
            .Should().ThrowAsync<MachineTranslationFailure>();

        failure.Which.Kind.Should().Be(MachineTranslationFailureKind.Unavailable);
        Fake.Calls.Should().Be(2, "a timed-out attempt is tried once more");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(6), "each attempt stops after its second, not after the service's ten");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }
        await Fake.DisposeAsync();
    }
}

public sealed class LibreTranslateAdapterTests : AdapterTests
{
    protected override string Provider => "LibreTranslate";

    [Fact]
    public async Task It_sends_the_texts_in_HTML_mode_with_the_languages_and_the_key()
    {
        await Translator().TranslateHtmlAsync([Html], "fr", "es", default);

        Fake.LastContentLength.Should().BePositive("the body goes whole, not chunked");
        Fake.LastRequest!["format"]!.GetValue<string>().Should().Be("html");
        Fake.LastRequest["source"]!.GetValue<string>().Should().Be("fr");
        Fake.LastRequest["target"]!.GetValue<string>().Should().Be("es");
        Fake.LastRequest["api_key"]!.GetValue<string>().Should().Be("test-key");
        Fake.LastRequest["q"]!.AsArray().Select(q => q!.GetValue<string>()).Should().Equal(Html);
    }
}

public sealed class LibreTranslateWithoutKeyAdapterTests : AdapterTests
{
    protected override string Provider => "LibreTranslate";

    protected override string? ApiKey => null;

    [Fact]
    public async Task A_server_without_keys_is_sent_none()
    {
        await Translator().TranslateHtmlAsync([Html], "fr", "es", default);

        Fake.LastRequest!.AsObject().ContainsKey("api_key").Should().BeFalse();
    }
}

public sealed class DeepLAdapterTests : AdapterTests
{
    protected override string Provider => "DeepL";

    [Fact]
    public async Task It_sends_the_key_in_its_header_and_the_texts_with_HTML_tag_handling()
    {
        await Translator().TranslateHtmlAsync([Html], "fr", "en", default);

        Fake.LastAuthorization.Should().Be("DeepL-Auth-Key test-key");
        Fake.LastContentLength.Should().BePositive("the body goes whole, not chunked");
        Fake.LastRequest!["tag_handling"]!.GetValue<string>().Should().Be("html");
        Fake.LastRequest["source_lang"]!.GetValue<string>().Should().Be("FR");
        Fake.LastRequest["target_lang"]!.GetValue<string>().Should().Be("EN-GB", "DeepL wants a variant of English as a target");
        Fake.LastRequest["text"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal(Html);
    }

    [Fact]
    public async Task A_used_up_quota_is_told_apart_and_not_retried()
    {
        Fake.Answer = FakeAnswer.QuotaExceeded;

        var failure = await Translator(retries: 2).Invoking(t => t.TranslateHtmlAsync([Html], "fr", "es", default)).Should().ThrowAsync<MachineTranslationFailure>();

        failure.Which.Kind.Should().Be(MachineTranslationFailureKind.Quota);
        Fake.Calls.Should().Be(1, "asking again would not give more characters");
    }
}

public class DeepLAddressTests
{
    [Theory]
    [InlineData("0a1b2c3d:fx", null, "https://api-free.deepl.com/")]
    [InlineData("0a1b2c3d", null, "https://api.deepl.com/")]
    [InlineData("0a1b2c3d:fx", "http://127.0.0.1:9/", "http://127.0.0.1:9/")]
    public void A_free_key_goes_to_the_free_API_a_paid_one_to_the_paid_one_unless_a_URL_is_set(string key, string? url, string expected) =>
        new MachineTranslationOptions { Provider = MachineTranslationProvider.DeepL, ApiKey = key, Url = url }.DeepLBaseAddress.ToString().Should().Be(expected);
}
