using Forum.Core.Audit;
using Forum.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.EntityConfigurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.ActorId).HasMaxLength(ColumnLimits.UserId);
        builder.Property(a => a.Action).HasMaxLength(ColumnLimits.Action);
        builder.Property(a => a.Reason).HasMaxLength(ColumnLimits.Reason);
        builder.Property(a => a.Details).HasMaxLength(ColumnLimits.Reason);
        builder.HasIndex(a => new { a.PhaseId, a.At });
        builder.HasIndex(a => new { a.ContributionId, a.At });
        builder.HasIndex(a => a.At);
    }
}
