using Forum.Data;
using Forum.Data.Accounts;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Forum.FunctionalTests.Migrations;

/// <summary>The provider's migrations applied for real (not only scripted): to an empty database, and to one an earlier release left.</summary>
public class MigrationPathTests
{
    [Fact]
    public async Task An_empty_database_gets_every_migration_and_matches_the_model()
    {
        using var database = TestDatabase.Create();
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();

        (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(db.Database.GetMigrations());
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        db.Database.HasPendingModelChanges().Should().BeFalse();
    }

    [Fact]
    public async Task A_database_at_the_previous_migration_is_upgraded_on_start_and_keeps_its_accounts()
    {
        var database = TestDatabase.Create();
        string previous;
        await using (var db = database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            migrations.Should().HaveCountGreaterThan(1, "there is an earlier release to upgrade from");
            previous = migrations[^2];
            await db.GetService<IMigrator>().MigrateAsync(previous);
            (await db.Database.GetPendingMigrationsAsync()).Should().Equal(migrations[^1]);
        }

        // The admin account as the earlier release left it, in the columns Identity has had since the first migration.
        var adminId = Guid.NewGuid().ToString();
        foreach (var role in Roles.All)
        {
            await database.ExecuteAsync("""INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp") VALUES (@id, @name, @normalized, @stamp)""",
                ("@id", $"role-{role}"), ("@name", role), ("@normalized", role.ToUpperInvariant()), ("@stamp", Guid.NewGuid().ToString()));
        }
        await database.ExecuteAsync(
            """
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
                "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            VALUES (@id, 'Admin', @email, @normalized, @email, @normalized, @yes, @hash, @stamp, @stamp, @no, @no, @yes, 0)
            """,
            ("@id", adminId), ("@email", ForumApp.AdminEmail), ("@normalized", ForumApp.AdminEmail.ToUpperInvariant()), ("@yes", true), ("@no", false),
            ("@hash", new PasswordHasher<ForumUser>().HashPassword(new ForumUser(), ForumApp.AdminPassword)), ("@stamp", Guid.NewGuid().ToString()));
        foreach (var role in new[] { Roles.Participant, Roles.Moderator, Roles.Admin })
        {
            await database.ExecuteAsync("""INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") VALUES (@user, @role)""", ("@user", adminId), ("@role", $"role-{role}"));
        }

        using var app = ForumApp.On(database);
        var admin = await app.AdminAsync();
        var phase = await admin.CreateOpenPhaseAsync();
        var posted = await admin.PostContributionAsync(phase, "fr", "Après la mise à jour", "Écrit sur une base mise à jour.");
        (await app.Anonymous().GetJsonAsync($"/api/contributions/{posted["id"]}"))["versions"]![0]!["title"]!.GetValue<string>().Should().Be("Après la mise à jour");
        await using var upgraded = database.CreateContext();
        (await upgraded.Database.GetPendingMigrationsAsync()).Should().BeEmpty($"the forum applied what came after {previous} when it started");
    }
}
