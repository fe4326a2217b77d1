using System.Security.Cryptography;
using Forum.Data;
using Forum.Data.Accounts;
using Forum.Data.Seeding;
using Forum.Synthesis.Statistics;
using Forum.Web.Accounts;
using Forum.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Forum.Web.Extensions;

public static class DatabaseStartup
{
    /// <summary>
    /// Migrate, make sure roles and the admin exist, load the demo into an empty forum, count missing statistics.
    /// Under the start-up lease: of several instances started at once on an empty database, one does it all and
    /// the others, once they hold the lease, find nothing left to do.
    /// </summary>
    public static async Task InitializeForumDatabaseAsync(this IServiceProvider appServices, CancellationToken cancellation = default)
    {
        await using var lease = await appServices.GetRequiredService<IWorkLeases>().TakeAsync("startup", cancellation);
        await using var scope = appServices.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = services.GetRequiredService<ForumDbContext>();
        var logger = services.GetRequiredService<ILogger<ForumDbContext>>();

        if (options.MigrateOnStart)
        {
            // The database and the migrations' history table first, quietly: migrating reads both before creating
            // them and logs their absence as errors (dotnet/efcore#37328), which would alarm whoever reads the log.
            var creator = db.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync())
            {
                await creator.CreateAsync();
            }
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellation)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Migrating the database: {Migrations}", string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellation);
            }
        }
        await EnsureRolesAsync(services.GetRequiredService<RoleManager<IdentityRole>>());
        await EnsureAdminAsync(services, logger);

        if (options.SeedDemoData)
        {
            var path = Path.Combine(AppContext.BaseDirectory, "seeds", "demo-forum.json");
            if (await services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(path))
            {
                logger.LogInformation("Loaded the demo forum from {Path}", path);
            }
        }

        // Contributions stored without tallies (a database from before statistics, or loaded around the app) get them now.
        var rebuilder = services.GetRequiredService<StatisticsRebuilder>();
        if (await rebuilder.IsNeededAsync())
        {
            var report = await rebuilder.RebuildAllAsync();
            logger.LogInformation("Counted statistics for {Contributions} contributions in {Elapsed}", report.Contributions, report.Elapsed);
        }

        // The key ring that signs cookies, tokens and forms, read (and its first key made) now that its table exists.
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("forum.startup").Protect("ready"u8.ToArray());
    }

    private static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    private static async Task EnsureAdminAsync(IServiceProvider services, ILogger logger)
    {
        var admin = services.GetRequiredService<IOptions<AdminAccountOptions>>().Value;
        if (string.IsNullOrWhiteSpace(admin.Email))
        {
            return;
        }
        var users = services.GetRequiredService<UserManager<ForumUser>>();
        if (await users.FindByEmailAsync(admin.Email) is not null)
        {
            return;
        }
        var password = string.IsNullOrWhiteSpace(admin.Password) ? GeneratePassword() : admin.Password;
        var user = new ForumUser { UserName = admin.Email, Email = admin.Email, EmailConfirmed = true, DisplayName = "Admin" };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Cannot create the admin account: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRolesAsync(user, [Roles.Moderator, Roles.Admin]);
        if (string.IsNullOrWhiteSpace(admin.Password))
        {
            logger.LogWarning("Created the admin account {Email} with the generated password {Password} (shown once; change it or set Forum:Admin:Password).", admin.Email, password);
        }
        else
        {
            logger.LogInformation("Created the admin account {Email}.", admin.Email);
        }
    }

    private static string GeneratePassword() =>
        "Fa1!" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('/', 'x').Replace('+', 'y');
}
