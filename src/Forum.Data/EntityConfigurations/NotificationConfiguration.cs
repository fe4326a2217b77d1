using Forum.Core.Notifications;
using Forum.Core.Phases;
using Forum.Core.Themes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.EntityConfigurations;

internal sealed class HappeningConfiguration : IEntityTypeConfiguration<Happening>
{
    public void Configure(EntityTypeBuilder<Happening> builder)
    {
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(h => h.ActorId).HasMaxLength(450);
        // The worker's look: what is not handled yet, oldest first.
        builder.HasIndex(h => new { h.HandledAt, h.Id });
    }
}

internal sealed class OpeningAnnouncementConfiguration : IEntityTypeConfiguration<OpeningAnnouncement>
{
    public void Configure(EntityTypeBuilder<OpeningAnnouncement> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Theme>().WithMany().HasForeignKey(a => a.ThemeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Phase>().WithMany().HasForeignKey(a => a.PhaseId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(a => new { a.ThemeId, a.At });
        builder.HasMany(a => a.Texts).WithOne().HasForeignKey(t => t.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OpeningAnnouncementTextConfiguration : IEntityTypeConfiguration<OpeningAnnouncementText>
{
    public void Configure(EntityTypeBuilder<OpeningAnnouncementText> builder)
    {
        builder.HasKey(t => new { t.AnnouncementId, t.Language });
        builder.Property(t => t.Language).HasMaxLength(8);
        builder.Property(t => t.Title).HasMaxLength(400);
    }
}
