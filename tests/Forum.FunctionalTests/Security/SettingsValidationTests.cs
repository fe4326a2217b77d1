using Forum.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Forum.FunctionalTests.Security;

/// <summary>A wrong setting stops the start with a message naming it, rather than failing later on some request.</summary>
public class SettingsValidationTests
{
    [Theory]
    [InlineData("proxy.example.org")]
    [InlineData("10.0.0.300")]
    [InlineData("10.0.0.0/8")]
    public void A_trusted_proxy_that_is_not_an_IP_address_stops_the_start_naming_it(string value)
    {
        var start = () => Start("Forum:TrustedProxies:0", value);

        start.Should().Throw<OptionsValidationException>().WithMessage($"*Forum:TrustedProxies*{value}*");
    }

    [Theory]
    [InlineData("Forum:Accounts:MaxFailedLogins", "0")]
    [InlineData("Forum:Accounts:MaxFailedLoginsPerAccount", "-1")]
    [InlineData("Forum:Accounts:LockoutMinutes", "0")]
    [InlineData("Forum:RateLimits:WritesPerMinute", "0")]
    [InlineData("Forum:Limits:BodyMaxLength", "0")]
    [InlineData("Forum:Privacy:DeletedAccountContributions", "7")]
    public void An_account_or_limit_setting_out_of_range_stops_the_start_naming_it(string key, string value)
    {
        var start = () => Start(key, value);

        start.Should().Throw<OptionsValidationException>().WithMessage($"*{key}*");
    }

    [Fact]
    public void Trusted_proxies_given_as_addresses_are_accepted()
    {
        var start = () => Start("Forum:TrustedProxies:0", "10.0.0.1", ("Forum:TrustedProxies:1", "2001:db8::1"));

        start.Should().NotThrow();
    }

    private static void Start(string key, string value, params (string Key, string Value)[] more)
    {
        using var app = new SettingApp([(key, value), .. more]);
    }

    private sealed class SettingApp((string Key, string Value)[] settings) : ForumApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
