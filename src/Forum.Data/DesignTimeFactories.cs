using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Forum.Data;

/// <summary>Lets `dotnet ef` build each provider's context without starting the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteForumDbContext>
{
    public SqliteForumDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteForumDbContext>();
        DatabaseServiceCollectionExtensions.ConfigureSqlite(builder, "Data Source=design-time.db");
        return new SqliteForumDbContext(builder.Options);
    }
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerForumDbContext>
{
    public SqlServerForumDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqlServerForumDbContext>();
        DatabaseServiceCollectionExtensions.ConfigureSqlServer(builder,
            Environment.GetEnvironmentVariable("FORUM_SQLSERVER") ?? "Server=localhost;Database=Forum;Trusted_Connection=True;TrustServerCertificate=True");
        return new SqlServerForumDbContext(builder.Options);
    }
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresForumDbContext>
{
    public PostgresForumDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresForumDbContext>();
        DatabaseServiceCollectionExtensions.ConfigurePostgres(builder,
            Environment.GetEnvironmentVariable("FORUM_POSTGRES") ?? "Host=localhost;Database=forum;Username=postgres");
        return new PostgresForumDbContext(builder.Options);
    }
}
