using Forum.Core.Notifications;
using Forum.Core.Phases;
using Forum.Core.Themes;
using Forum.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.EntityConfigurations;

internal sealed class FollowConfiguration : IEntityTypeConfiguration<Follow>
{
    public void Configure(EntityTypeBuilder<Follow> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Ignore(f => f.IsFollowing);
        builder.Property(f => f.UserId).HasMaxLength(450);
        builder.HasOne<ForumUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Theme>().WithMany().HasForeignKey(f => f.ThemeId).OnDelete(DeleteBehavior.Cascade);
        // NoAction: a phase's deletion already cascades from its theme; a second path is refused by SQL Server.
        builder.HasOne<Phase>().WithMany().HasForeignKey(f => f.PhaseId).OnDelete(DeleteBehavior.NoAction);
        // One row per person and target (nullable columns: the SQL Server provider filters out the NULLs itself).
        builder.HasIndex(f => new { f.UserId, f.ThemeId }).IsUnique();
        builder.HasIndex(f => new { f.UserId, f.PhaseId }).IsUnique();
        // The worker's look for a happening's followers.
        builder.HasIndex(f => new { f.ThemeId, f.UserId });
        builder.HasIndex(f => new { f.PhaseId, f.UserId });
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.HasKey(p => new { p.UserId, p.Kind });
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.Delivery).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<ForumUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DigestEntryConfiguration : IEntityTypeConfiguration<DigestEntry>
{
    public void Configure(EntityTypeBuilder<DigestEntry> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.HasOne<ForumUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Happening>().WithMany().HasForeignKey(d => d.HappeningId).OnDelete(DeleteBehavior.Cascade);
        // A happening reaches a person's digest once, however often a worker retries.
        builder.HasIndex(d => new { d.UserId, d.HappeningId }).IsUnique();
        // The digest's look: unsent entries.
        builder.HasIndex(d => new { d.SentAt, d.UserId });
    }
}
