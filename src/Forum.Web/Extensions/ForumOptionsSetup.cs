using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Reflection;
using Forum.Core;
using Forum.Data;
using Forum.Web.Accounts;
using Forum.Web.Security;
using Microsoft.Extensions.Options;

namespace Forum.Web.Extensions;

/// <summary>
/// Every configuration section, bound once and validated when the app starts: a wrong setting stops the
/// start with its key and value named. Code that needs a setting asks for the options, never the configuration.
/// </summary>
public static class ForumOptionsSetup
{
    public static IServiceCollection AddForumOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSection<ForumOptions>(configuration, ForumOptions.SectionName, TrustedProxyProblems)
            .Validate(o => o.Languages.All(l => !string.IsNullOrWhiteSpace(l)), "Forum:Languages holds an empty code.")
            .Validate(o => PublicUrls.IsValidSetting(o.PublicUrl), PublicUrls.SettingRule);
        services.AddSection<DatabaseOptions>(configuration, DatabaseOptions.SectionName)
            .Validate(o => o.Provider == DatabaseProvider.Sqlite || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is SqlServer or Postgres.");
        services.AddSection<AccountOptions>(configuration, AccountOptions.SectionName);
        services.AddSection<AdminAccountOptions>(configuration, AdminAccountOptions.SectionName);
        services.AddSection<PrivacyOptions>(configuration, PrivacyOptions.SectionName);
        services.AddSection<Mail.MailOptions>(configuration, Mail.MailOptions.SectionName)
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out var from) && from.Address.Contains('@'),
                "Forum:Mail:From must be an e-mail address, optionally with a name: Forum <forum@example.org>.");
        services.AddSection<MachineTranslation.MachineTranslationOptions>(configuration, MachineTranslation.MachineTranslationOptions.SectionName, o => o.Problems());

        // The forum's settings are asked for as such by most of the code.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ForumOptions>>().Value);
        return services;
    }

    /// <summary>The trusted proxies as addresses, once validated.</summary>
    public static IEnumerable<IPAddress> TrustedProxyAddresses(this ForumOptions options) => options.TrustedProxies.Select(IPAddress.Parse);

    private static IEnumerable<string> TrustedProxyProblems(ForumOptions options) =>
        options.TrustedProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => $"Forum:TrustedProxies holds '{p}', which is not an IP address (a proxy is named by its address, not its name or network).");

    private static OptionsBuilder<T> AddSection<T>(this IServiceCollection services, IConfiguration configuration, string section,
        Func<T, IEnumerable<string>>? problems = null) where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SettingsValidation<T>(section, problems));
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary>
    /// The validation attributes of a section and of the sections it holds (ValidateDataAnnotations stops at the
    /// first level), enums that name no value ("7"), and the section's own checks, each failure naming its key.
    /// </summary>
    private sealed class SettingsValidation<T>(string section, Func<T, IEnumerable<string>>? problems) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = new List<string>();
            Check(options, section, failures);
            failures.AddRange(problems?.Invoke(options) ?? []);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        private static void Check(object options, string prefix, List<string> failures)
        {
            foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var key = $"{prefix}:{property.Name}";
                var value = property.GetValue(options);
                var results = new List<ValidationResult>();
                if (!Validator.TryValidateProperty(value, new ValidationContext(options) { MemberName = property.Name, DisplayName = key }, results))
                {
                    failures.AddRange(results.Select(r => value is string or not IEnumerable ? $"{r.ErrorMessage} It is '{value}'." : r.ErrorMessage!));
                }
                if (value is Enum choice && !Enum.IsDefined(property.PropertyType, choice))
                {
                    failures.Add($"{key} is one of {string.Join(", ", Enum.GetNames(property.PropertyType))}, not '{choice}'.");
                }
                if (value is not null and not string and not IEnumerable && property.PropertyType.IsClass)
                {
                    Check(value, key, failures);
                }
            }
        }
    }
}
