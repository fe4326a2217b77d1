using Forum.Core.Events;
using Forum.Web.Mail;
using Forum.Web.Security;
using Microsoft.Extensions.Options;

namespace Forum.Web.Extensions;

/// <summary>E-mail: the outbox, the composer, the sender, and its transport (SMTP, or .eml files without a server).</summary>
public static class ForumMail
{
    public static IServiceCollection AddForumMail(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value);
        services.AddSingleton<ForumAddress>();
        services.AddSingleton<MailComposer>();
        services.AddScoped<MailOutbox>();
        services.AddScoped<UndeliverableMail>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<MailOptions>().UsesSmtp
            ? new SmtpMailTransport(sp.GetRequiredService<MailOptions>())
            : ActivatorUtilities.CreateInstance<PickupFolderTransport>(sp));
        services.AddSingleton<Background.WorkAlarm<Forum.Core.Events.MailQueued>>();
        services.AddSingleton<IForumEventHandler>(sp => sp.GetRequiredService<Background.WorkAlarm<Forum.Core.Events.MailQueued>>());
        services.AddHostedService<MailSender>();
        return services;
    }
}
