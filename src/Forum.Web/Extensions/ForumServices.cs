using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Text;
using Forum.Core.Time;
using Forum.Data;
using Forum.Data.Seeding;
using Forum.Synthesis;
using Forum.Web.Health;
using Forum.Web.MachineTranslation;
using Forum.Web.Scaling;
using Forum.Web.Security;
using Forum.Web.Telemetry;

namespace Forum.Web.Extensions;

public static class ForumServices
{
    /// <summary>The whole forum, one concern at a time: settings, the domain, its storage and its use cases, accounts, the web layer, the live layer, health, telemetry.</summary>
    public static void AddForum(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddForumOptions(builder.Configuration);
        services.AddForumDomain(builder.Environment.ContentRootPath);
        services.AddForumAccounts();
        // Before the live layer: of the event handlers, the cache's eviction comes first.
        services.AddForumWeb();
        services.AddForumLive();
        services.AddForumHealthChecks();
        services.AddForumScaleOut(builder.Configuration);
        services.AddForumMail();
        services.AddForumNotifications();
        services.AddForumMachineTranslation(builder.Configuration);
        services.AddSingleton<Core.Storage.StartupGate>();
        services.AddHostedService<Startup.ForumStartup>();
        services.AddForumTelemetry(builder.Configuration);
    }

    /// <summary>The forum's clock, languages and texts, its storage, the syntheses, and the features' services.</summary>
    public static IServiceCollection AddForumDomain(this IServiceCollection services, string contentRoot)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ForumLanguages(sp.GetRequiredService<ForumOptions>().Languages, sp.GetRequiredService<ForumOptions>().Cultures));
        services.AddSingleton(sp => new ForumClock(
            sp.GetRequiredService<TimeProvider>(),
            ForumClock.FindZone(sp.GetRequiredService<ForumOptions>().TimeZone)));
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton(sp => sp.GetRequiredService<ForumOptions>().LanguageCheck);
        services.AddSingleton<ILanguageDetector, Languages.LinguaDetector>();
        services.AddSingleton<LanguageCheck>();
        services.AddSingleton<VersionText>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton(new UiTexts(Path.Combine(AppContext.BaseDirectory, "localization")));
        services.AddForumDatabase(contentRoot);
        services.AddForumSynthesis();
        // The use cases that the API and the pages share.
        services.AddScoped<Contributions.ContributionService>();
        services.AddScoped<Edits.EditService>();
        services.AddScoped<Reports.ReportService>();
        services.AddScoped<Phases.PhaseService>();
        services.AddScoped<Phases.PhaseAnnouncer>();
        services.AddSingleton<Phases.AnnouncementComposer>();
        services.AddScoped<Phases.OpeningAnnouncements>();
        services.AddScoped<Themes.ThemeService>();
        services.AddScoped<Translation.TranslationDesk>();
        return services;
    }
}
