using System.Linq.Expressions;
using Forum.Core.Audit;
using Forum.Core.Contributions;
using Forum.Core.Events;
using Forum.Core.Phases;
using Forum.Core.Reports;
using Forum.Core.Themes;
using Forum.Data.Accounts;
using Forum.Synthesis;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Forum.Data;

/// <summary>
/// The forum's data and its accounts in one database. Each provider has a subclass of its own so
/// that its migrations live apart (Migrations/Sqlite, Migrations/SqlServer, Migrations/Postgres).
/// </summary>
public abstract class ForumDbContext(DbContextOptions options) : IdentityDbContext<ForumUser>(options), IForumData, IDataProtectionKeyContext
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
    public DbSet<PhaseAnnouncement> PhaseAnnouncements => Set<PhaseAnnouncement>();
    public DbSet<Forum.Core.Mail.OutboxMessage> OutboxMessages => Set<Forum.Core.Mail.OutboxMessage>();
    public DbSet<Forum.Core.Notifications.Happening> Happenings => Set<Forum.Core.Notifications.Happening>();
    public DbSet<OpeningAnnouncement> OpeningAnnouncements => Set<OpeningAnnouncement>();
    public DbSet<Forum.Core.Notifications.Follow> Follows => Set<Forum.Core.Notifications.Follow>();
    public DbSet<Forum.Core.Notifications.NotificationPreference> NotificationPreferences => Set<Forum.Core.Notifications.NotificationPreference>();
    public DbSet<Forum.Core.Notifications.DigestEntry> DigestEntries => Set<Forum.Core.Notifications.DigestEntry>();
    public DbSet<Forum.Core.Translation.TranslationClaim> TranslationClaims => Set<Forum.Core.Translation.TranslationClaim>();

    /// <summary>The key ring that signs cookies, tokens and forms: with the data, so every instance reads the same one.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    DbContext IForumData.Db => this;

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

    IQueryable<AuthorName> IForumData.AuthorNames => Users.Select(AuthorNameOfUser);

    /// <summary>u => new AuthorName { Id = u.Id, Name = ForumUser.PublicNameRule(u.DisplayName, u.UserName) }, for EF to translate.</summary>
    private static readonly Expression<Func<ForumUser, AuthorName>> AuthorNameOfUser = AuthorNameQuery();

    private static Expression<Func<ForumUser, AuthorName>> AuthorNameQuery()
    {
        var user = Expression.Parameter(typeof(ForumUser), "u");
        var rule = ForumUser.PublicNameRule;
        var name = new ReplacingExpressionVisitor(rule.Parameters.ToArray(),
            [Expression.Property(user, nameof(ForumUser.DisplayName)), Expression.Property(user, nameof(ForumUser.UserName))]).Visit(rule.Body);
        return Expression.Lambda<Func<ForumUser, AuthorName>>(Expression.MemberInit(Expression.New(typeof(AuthorName)),
            Expression.Bind(typeof(AuthorName).GetProperty(nameof(AuthorName.Id))!, Expression.Property(user, nameof(ForumUser.Id))),
            Expression.Bind(typeof(AuthorName).GetProperty(nameof(AuthorName.Name))!, name)), user);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ForumDbContext).Assembly);
        builder.ApplyConfigurationsFromAssembly(typeof(IForumData).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Every instant is UTC; SQLite would hand DateTimes back as Unspecified without this.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}

public sealed class SqliteForumDbContext(DbContextOptions<SqliteForumDbContext> options) : ForumDbContext(options);

public sealed class SqlServerForumDbContext(DbContextOptions<SqlServerForumDbContext> options) : ForumDbContext(options);

public sealed class PostgresForumDbContext(DbContextOptions<PostgresForumDbContext> options) : ForumDbContext(options);
