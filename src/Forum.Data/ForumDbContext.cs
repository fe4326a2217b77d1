using Forum.Core.Audit;
using Forum.Core.Contributions;
using Forum.Core.Events;
using Forum.Core.Phases;
using Forum.Core.Reports;
using Forum.Core.Themes;
using Forum.Data.Accounts;
using Forum.Synthesis;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data;

/// <summary>
/// The forum's data and its accounts in one database. Each provider has a subclass of its own so
/// that its migrations live apart (Migrations/Sqlite, Migrations/SqlServer).
/// </summary>
public abstract class ForumDbContext(DbContextOptions options) : IdentityDbContext<ForumUser>(options), ISynthesisData
{
    public DbSet<Theme> Themes => Set<Theme>();
    public DbSet<ThemeText> ThemeTexts => Set<ThemeText>();
    public DbSet<Phase> Phases => Set<Phase>();
    public DbSet<PhaseText> PhaseTexts => Set<PhaseText>();
    public DbSet<Contribution> Contributions => Set<Contribution>();
    public DbSet<ContributionVersion> ContributionVersions => Set<ContributionVersion>();
    public DbSet<VersionRevision> VersionRevisions => Set<VersionRevision>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<SignInFailureCount> SignInFailures => Set<SignInFailureCount>();
    public DbSet<ConsumedRefreshToken> ConsumedRefreshTokens => Set<ConsumedRefreshToken>();

    DbContext ISynthesisData.Db => this;

    private PendingEvents? _pendingEvents;

    /// <summary>What this unit of work will announce once its changes are committed.</summary>
    public PendingEvents PendingEvents => _pendingEvents ??= new PendingEvents(() => Database.CurrentTransaction?.TransactionId);

    // A pooled context comes back for another request: what it held back for a change never committed goes.
    public override void Dispose()
    {
        _pendingEvents?.Discard();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        _pendingEvents?.Discard();
        return base.DisposeAsync();
    }

    // Same rule as ForumUser.PublicName, written so that EF can translate it into the query.
    IQueryable<AuthorName> ISynthesisData.AuthorNames =>
        Users.Select(u => new AuthorName
        {
            Id = u.Id,
            Name = u.DisplayName != null && u.DisplayName.Trim() != "" ? u.DisplayName
                : u.UserName!.Contains("@") ? u.UserName.Substring(0, u.UserName.IndexOf("@")) : u.UserName ?? "",
        });

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ForumDbContext).Assembly);
        builder.ApplyConfigurationsFromAssembly(typeof(ISynthesisData).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Every instant is UTC; SQLite would hand DateTimes back as Unspecified without this.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}

public sealed class SqliteForumDbContext(DbContextOptions<SqliteForumDbContext> options) : ForumDbContext(options);

public sealed class SqlServerForumDbContext(DbContextOptions<SqlServerForumDbContext> options) : ForumDbContext(options);
