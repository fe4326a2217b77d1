using Forum.Core.Events;
using Forum.Web.Notifications;
using Microsoft.Extensions.Options;

namespace Forum.Web.Extensions;

/// <summary>Following, the notification and digest workers, the letters and the unsubscribe links ("Forum:Notifications").</summary>
public static class ForumNotifications
{
    public static IServiceCollection AddForumNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration("Forum:Notifications")
            .Validate(o => o.DigestHour is >= 0 and <= 23, "Forum:Notifications:DigestHour is an hour of the day, 0 to 23.")
            .Validate(o => o.BatchSize > 0, "Forum:Notifications:BatchSize is positive.").ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<NotificationOptions>>().Value);
        services.AddScoped<FollowService>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<NotificationLetters>();
        services.AddSingleton<Background.WorkAlarm<Forum.Core.Events.HappeningRecorded>>();
        services.AddSingleton<IForumEventHandler>(sp => sp.GetRequiredService<Background.WorkAlarm<Forum.Core.Events.HappeningRecorded>>());
        services.AddSingleton<NotificationWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationWorker>());
        services.AddSingleton<DigestWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestWorker>());
        return services;
    }
}
