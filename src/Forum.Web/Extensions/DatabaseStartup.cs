using System.Security.Cryptography;
using Forum.Data;
using Forum.Data.Accounts;
using Forum.Data.Seeding;
using Forum.Synthesis.Statistics;
using Forum.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Forum.Web.Extensions;

public static class DatabaseStartup
{
    /// <summary>Before the app listens: migrate, make sure roles and the admin exist, load the demo into an empty forum.</summary>
    public static async Task InitializeForumDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
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
            await db.Database.MigrateAsync();
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
