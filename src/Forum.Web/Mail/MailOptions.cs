using System.ComponentModel.DataAnnotations;

namespace Forum.Web.Mail;

/// <summary>How the forum sends e-mail ("Forum:Mail"). Without a host, messages are written as .eml files instead.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Forum:Mail";

    /// <summary>The SMTP server; empty: no server, each message is written to <see cref="PickupFolder"/> and its path logged.</summary>
    public string? Host { get; set; }

    [Range(1, 65_535)]
    public int Port { get; set; } = 587;

    public MailSecurity Security { get; set; } = MailSecurity.Auto;

    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender shown to recipients, e.g. "Forum &lt;forum@example.org&gt;".</summary>
    public string From { get; set; } = "Forum <forum@localhost>";

    /// <summary>Where messages are written without an SMTP server; relative to the app's content root.</summary>
    public string PickupFolder { get; set; } = "data/mail";

    /// <summary>Messages sent per look of the sender, under one lease.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How long an SMTP exchange may take before the attempt counts as failed.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>How the connection to the SMTP server is secured (MailKit's SecureSocketOptions).</summary>
public enum MailSecurity
{
    /// <summary>TLS on connect for port 465, STARTTLS when the server offers it otherwise.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}
