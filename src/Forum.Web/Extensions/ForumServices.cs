using System.Text.Json.Serialization;
using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Languages;
using Forum.Core.Text;
using Forum.Core.Time;
using Forum.Data;
using Forum.Data.Accounts;
using Forum.Data.Seeding;
using Forum.Synthesis;
using Forum.Web.Accounts;
using Forum.Web.Api;
using Forum.Web.Caching;
using Forum.Core.Localization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.Web.Extensions;

public static class ForumServices
{
    public static void AddForum(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<ForumOptions>().Bind(configuration.GetSection(ForumOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Languages.All(l => !string.IsNullOrWhiteSpace(l)), "Forum:Languages holds an empty code.")
            .ValidateOnStart();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        services.AddOptions<AdminAccountOptions>().Bind(configuration.GetSection(AdminAccountOptions.SectionName));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ForumOptions>>().Value);
        services.AddSingleton(sp => new ForumLanguages(sp.GetRequiredService<ForumOptions>().Languages));
        services.AddSingleton(sp => new ForumClock(
            sp.GetRequiredService<TimeProvider>(),
            ForumClock.FindZone(sp.GetRequiredService<ForumOptions>().TimeZone)));
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<VersionText>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton(new UiTexts(Path.Combine(AppContext.BaseDirectory, "localization")));

        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddForumDatabase(database, builder.Environment.ContentRootPath);
        services.AddForumSynthesis();

        services.AddIdentityApiEndpoints<ForumUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Lockout.MaxFailedAccessAttempts = 5;
            })
            .AddRoles<IdentityRole>()
            .AddUserManager<ForumUserManager>()
            .AddEntityFrameworkStores<ForumDbContext>();
        services.AddAuthorizationBuilder().AddForumPolicies();

        services.Configure<JsonOptions>(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            // Accented French and Spanish stay readable in responses; they are JSON, never inlined into HTML.
            json.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        // Malformed bodies and parameters raise an exception that ForumExceptionHandler turns into a clear 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ForumExceptionHandler>();
        services.AddOpenApi();
        var forumOptions = configuration.GetSection(ForumOptions.SectionName).Get<ForumOptions>() ?? new ForumOptions();
        services.AddContributionListCache(TimeSpan.FromSeconds(forumOptions.ListCacheSeconds));

        // The longest text allowed (60,000 characters, up to 4 bytes each) fits well under 1 MB of JSON.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1_000_000);
    }
}
