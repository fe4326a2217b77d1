using Forum.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.EntityConfigurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.ActorId).HasMaxLength(Limits.UserId);
        builder.Property(a => a.Action).HasMaxLength(Limits.Action);
        builder.Property(a => a.Reason).HasMaxLength(Limits.Reason);
        builder.Property(a => a.Details).HasMaxLength(Limits.Reason);
        builder.HasIndex(a => new { a.PhaseId, a.At });
        builder.HasIndex(a => new { a.ContributionId, a.At });
        builder.HasIndex(a => a.At);
    }
}
