using Forum.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Forum.UnitTests.Data;

/// <summary>Every provider's migrations must match the model; SQL Server's are checked without a server by scripting them.</summary>
public class MigrationTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        db.Database.HasPendingModelChanges().Should().BeFalse("run `dotnet ef migrations add` for SQLite after a model change");
    }

    [Fact]
    public void The_sql_server_migrations_match_the_model()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        db.Database.HasPendingModelChanges().Should().BeFalse("run `dotnet ef migrations add` for SQL Server after a model change");
    }

    [Fact]
    public void The_postgres_migrations_match_the_model()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        db.Database.HasPendingModelChanges().Should().BeFalse("run `dotnet ef migrations add` for PostgreSQL after a model change");
    }

    [Fact]
    public void Postgres_stores_every_instant_as_timestamptz()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        var instants = db.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
            .Where(p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?) || p.ClrType == typeof(DateTimeOffset?) || p.ClrType == typeof(DateTimeOffset))
            .ToList();
        instants.Should().NotBeEmpty();
        instants.Should().OnlyContain(p => p.GetColumnType() == "timestamp with time zone", "every instant is UTC, and timestamptz is PostgreSQL's type for one");
    }

    [Fact]
    public void The_sql_server_migration_script_is_produced_with_its_indexes()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        script.Should().Contain("CREATE TABLE [Contributions]");
        script.Should().Contain("CREATE UNIQUE INDEX [IX_ContributionVersions_ContributionId_Language]");
        script.Should().Contain("CREATE INDEX [IX_Contributions_PhaseId_CreatedAt_Id]");
        script.Should().Contain("CREATE TABLE [StatisticTallies]").And.Contain("CREATE UNIQUE INDEX [IX_Syntheses_PhaseId_Number]");
        db.Database.GetMigrations().Should().NotBeEmpty();
        SqlServerSyntax.Errors(script).Should().BeEmpty("the script must parse as T-SQL");
    }

    [Fact]
    public void Each_provider_has_its_own_migrations()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        postgres.GetService<IMigrationsAssembly>().Migrations.Values.Should().OnlyContain(t => t.Namespace!.EndsWith(".Postgres"));
        sqlite.GetService<IMigrationsAssembly>().Migrations.Values.Should().OnlyContain(t => t.Namespace!.EndsWith(".Sqlite"));
        sqlServer.GetService<IMigrationsAssembly>().Migrations.Values.Should().OnlyContain(t => t.Namespace!.EndsWith(".SqlServer"));
    }
}
