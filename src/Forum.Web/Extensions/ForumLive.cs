using System.Text.Json;
using System.Text.Json.Serialization;
using Forum.Core.Events;
using Forum.Core.Time;
using Forum.Web.Live;
using Forum.Web.Scaling;
using Microsoft.AspNetCore.SignalR;

namespace Forum.Web.Extensions;

/// <summary>The live layer: the hub, and the background loops that push events, announce phase changes and close stale connections.</summary>
public static class ForumLive
{
    public static IServiceCollection AddForumLive(this IServiceCollection services)
    {
        services.AddSingleton<LiveConnections>();
        // Same JSON as the API: camelCase names, enums as words ("closed").
        services.AddSignalR(hub => hub.AddFilter<LiveConnectionsFilter>()).AddJsonProtocol(json =>
            json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddSingleton<LiveUpdates>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveUpdates>());
        services.AddSingleton<IForumEventHandler>(sp => sp.GetRequiredService<LiveUpdates>());
        services.AddSingleton<PhaseSavedAlarm>();
        services.AddSingleton<IForumEventHandler>(sp => sp.GetRequiredService<PhaseSavedAlarm>());
        services.AddSingleton<IInstanceEventHandler>(sp => sp.GetRequiredService<PhaseSavedAlarm>());
        services.AddHostedService<PhaseWatcher>();
        services.AddSingleton<LiveAccessSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveAccessSweep>());
        services.AddSingleton<IForumEventHandler>(sp => sp.GetRequiredService<LiveAccessSweep>());
        services.AddSingleton<IInstanceEventHandler>(sp => sp.GetRequiredService<LiveAccessSweep>());
        return services;
    }
}
