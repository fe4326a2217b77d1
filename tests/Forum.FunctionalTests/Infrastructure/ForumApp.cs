using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Forum.FunctionalTests.Infrastructure;

/// <summary>
/// The whole forum on a real Kestrel port and a database of its own (SQLite, or the server the
/// environment names: <see cref="TestDatabase"/>), with a clock the tests move.
/// One instance per test class; tests create their own themes so they never depend on each other.
/// </summary>
public class ForumApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@tests.localhost";
    public const string AdminPassword = "Admin-Passw0rd!";

    public ForumApp() : this(TestDatabase.Create())
    {
    }

    /// <summary>The forum on a database the test prepared (an older schema, say); disposed with the app.</summary>
    public static ForumApp On(TestDatabase database) => new(database);

    // Not public: a class fixture has exactly one public constructor.
    protected ForumApp(TestDatabase database)
    {
        Database = database;
        try
        {
            UseKestrel(0);
            StartServer();
        }
        catch
        {
            // A start refused by a setting under test leaves no object to dispose: its database goes now.
            database.Dispose();
            throw;
        }
    }

    public TestDatabase Database { get; }

    /// <summary>1 September 2026, 10:00 UTC, a Tuesday in Paris summer time.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.Zero));

    protected virtual bool SeedDemo => false;

    public RecordedEvents Events { get; } = new();

    protected virtual int WritesPerMinute => 100_000;

    protected virtual int AccountAttemptsPerMinute => 100_000;

    protected virtual int WritesPerAddressPerMinute => 1_000_000;

    protected virtual int ReportsPerMinute => 100_000;

    /// <summary>
    /// The language check, off unless a test's app turns it on (<see cref="LanguageCheckApp"/>): most tests write short
    /// made-up texts whose language is beside their point, and every app would otherwise load the detector's models.
    /// </summary>
    protected virtual bool LanguageCheck => false;

    /// <summary>Where the forum writes its mail as .eml files when it has no SMTP server (a folder of this app's own).</summary>
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"forum-mail-{Guid.NewGuid():N}");

    /// <summary>Settings a kind of app adds (an SMTP server, say), applied after the common ones.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> MoreSettings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Database:SeedDemoData", SeedDemo.ToString());
        builder.UseSetting("Forum:Admin:Email", AdminEmail);
        builder.UseSetting("Forum:Admin:Password", AdminPassword);
        // Draft summaries recompute right after a change, so tests need not wait.
        builder.UseSetting("Forum:SummaryDelaySeconds", "0");
        // Tests write and sign in far faster than people; the limits have tests of their own (RateLimitTests).
        builder.UseSetting("Forum:RateLimits:WritesPerMinute", WritesPerMinute.ToString());
        builder.UseSetting("Forum:RateLimits:AccountAttemptsPerMinute", AccountAttemptsPerMinute.ToString());
        builder.UseSetting("Forum:RateLimits:WritesPerAddressPerMinute", WritesPerAddressPerMinute.ToString());
        builder.UseSetting("Forum:RateLimits:ReportsPerMinute", ReportsPerMinute.ToString());
        builder.UseSetting("Forum:Mail:PickupFolder", MailFolder);
        builder.UseSetting("Forum:LanguageCheck:Enabled", LanguageCheck.ToString());
        foreach (var (key, value) in MoreSettings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<Forum.Core.Events.IForumEventHandler>(Events);
        });
    }

    public ForumClient Anonymous() => new(CreateClient(), CreateClient);

    /// <summary>
    /// Waits until the phase watcher has announced what the last changes asked of it: it writes what it announced
    /// (PhaseAnnouncements) in the background, which a test watching the database must not take for its request's doing.
    /// </summary>
    public async Task PhaseWatcherSettledAsync()
    {
        var watcher = Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Forum.Web.Live.PhaseWatcher>().Single();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!watcher.IsIdle && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until the mail sender has sent (or put off) everything due that was queued so far.</summary>
    public async Task MailSenderSettledAsync()
    {
        var sender = Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Forum.Web.Mail.MailSender>().Single();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!sender.IsIdle && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// A watch for writes to the database, opened once the background workers (phase watcher, notification worker,
    /// mail sender) are quiet: what a test set up before has then been handled, and only the request under test can write.
    /// </summary>
    public async Task<DatabaseWatch> QuietDatabaseWatchAsync()
    {
        await NotificationsSettledAsync();
        return await Database.WatchAsync();
    }

    /// <summary>
    /// Waits until the notification worker has turned every happening so far into messages and digest entries,
    /// and the mail sender has sent them: both write in the background after a reply, a translation, a synthesis or a phase's change.
    /// </summary>
    public async Task NotificationsSettledAsync()
    {
        // The phase watcher records the openings and closings it announces: those happenings come first.
        await PhaseWatcherSettledAsync();
        var worker = Services.GetRequiredService<Forum.Web.Notifications.NotificationWorker>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Forum.Data.ForumDbContext>();
            if (worker.IsIdle && !await db.Happenings.AnyAsync(h => h.HandledAt == null))
            {
                break;
            }
            await Task.Delay(10);
        }
        await MailSenderSettledAsync();
    }

    public async Task<ForumClient> AdminAsync() => await Anonymous().LoginAsync(AdminEmail, AdminPassword);

    /// <summary>A newly registered participant, signed in.</summary>
    public async Task<ForumClient> ParticipantAsync(string? name = null)
    {
        var email = $"{name ?? "user"}-{Guid.NewGuid():N}@tests.localhost";
        var client = Anonymous();
        await client.RegisterAsync(email, "Lilac-Harbour-42");
        await ConfirmAddressAsync(email);
        return await client.LoginAsync(email, "Lilac-Harbour-42");
    }

    /// <summary>
    /// Marks an account's address confirmed, as following its link would, so that the fixtures' accounts may write where
    /// confirmation is required (an app with SMTP); the link itself has tests of its own (Accounts/).
    /// </summary>
    public async Task ConfirmAddressAsync(string email)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Forum.Data.Accounts.ForumUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account has the address {email}.");
        user.EmailConfirmed = true;
        if (!(await users.UpdateAsync(user)).Succeeded)
        {
            throw new InvalidOperationException($"The address {email} could not be marked confirmed.");
        }
    }

    /// <summary>A new account made moderator by the admin, signed in after the change.</summary>
    public async Task<ForumClient> ModeratorAsync()
    {
        var email = $"moderator-{Guid.NewGuid():N}@tests.localhost";
        var client = Anonymous();
        await client.RegisterAsync(email, "Lilac-Harbour-42");
        await ConfirmAddressAsync(email);
        var admin = await AdminAsync();
        (await admin.PutAsync($"/api/users/{email}/roles", new { roles = new[] { "participant", "moderator" } })).EnsureSuccessStatusCode();
        return await client.LoginAsync(email, "Lilac-Harbour-42");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Database.Dispose();
            if (Directory.Exists(MailFolder))
            {
                Directory.Delete(MailFolder, recursive: true);
            }
        }
    }
}

public sealed class DemoForumApp : ForumApp
{
    protected override bool SeedDemo => true;
}

/// <summary>The forum sending its mail over SMTP to a real server inside the test process.</summary>
public class MailForumApp : ForumApp
{
    // Initialized before the base constructor starts the server, which reads the settings.
    public SmtpListener Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> MoreSettings => Smtp.Settings;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Smtp.Dispose();
        }
    }
}

/// <summary>The forum with its language check on, as it runs by default.</summary>
public class LanguageCheckApp : ForumApp
{
    protected override bool LanguageCheck => true;
}
