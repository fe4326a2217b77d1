using Forum.Core.Phases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.EntityConfigurations;

internal sealed class PhaseAnnouncementConfiguration : IEntityTypeConfiguration<PhaseAnnouncement>
{
    public void Configure(EntityTypeBuilder<PhaseAnnouncement> builder)
    {
        builder.HasKey(a => a.PhaseId);
        builder.Property(a => a.PhaseId).ValueGeneratedNever();
        builder.HasOne<Phase>().WithOne().HasForeignKey<PhaseAnnouncement>(a => a.PhaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
