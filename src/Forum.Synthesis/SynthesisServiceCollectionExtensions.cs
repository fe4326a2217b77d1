using Forum.Core.Events;
using Forum.Synthesis.Exports;
using Forum.Synthesis.Statistics;
using Forum.Synthesis.Summaries;
using Forum.Synthesis.Syntheses;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Synthesis;

public static class SynthesisServiceCollectionExtensions
{
    /// <summary>Statistics, syntheses, exports and draft summaries. Expects <see cref="IForumData"/> from the data project.</summary>
    public static IServiceCollection AddForumSynthesis(this IServiceCollection services)
    {
        services.AddSingleton<ForumEventPublisher>();
        services.AddSingleton<LanguageSentences>();
        services.AddScoped<StatisticsReader>();
        services.AddScoped<StatisticsRebuilder>();
        services.AddScoped<SynthesisService>();
        services.AddScoped<PhaseExport>();
        services.AddSingleton<DraftSummarizer>();
        services.AddScoped<DraftSummaries>();
        services.AddSingleton<DraftSummaryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DraftSummaryWorker>());
        services.AddSingleton<IForumEventHandler>(sp => sp.GetRequiredService<DraftSummaryWorker>());
        return services;
    }
}
