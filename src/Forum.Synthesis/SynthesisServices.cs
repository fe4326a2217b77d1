using Forum.Core.Events;
using Forum.Synthesis.Exports;
using Forum.Synthesis.Statistics;
using Forum.Synthesis.Syntheses;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Synthesis;

public static class SynthesisServices
{
    /// <summary>Statistics, syntheses, exports and draft summaries. Expects <see cref="ISynthesisData"/> from the data project.</summary>
    public static IServiceCollection AddForumSynthesis(this IServiceCollection services)
    {
        services.AddSingleton<ForumEvents>();
        services.AddSingleton<LanguageSentences>();
        services.AddScoped<StatisticsReader>();
        services.AddScoped<StatisticsRebuilder>();
        services.AddScoped<SynthesisService>();
        services.AddScoped<PhaseExport>();
        return services;
    }
}
