using Forum.Core.Contributions;
using Forum.Core.Reports;
using Forum.Core.Storage;
using Forum.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.EntityConfigurations;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.HasOne<Contribution>().WithMany().HasForeignKey(r => r.ContributionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ForumUser>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.ReporterId).HasMaxLength(ColumnLimits.UserId);
        builder.Property(r => r.ResolvedById).HasMaxLength(ColumnLimits.UserId);
        builder.Property(r => r.Reason).HasConversion<string>().HasMaxLength(ColumnLimits.Status);
        // Resolving writes only where the report is still open, so two moderators never both resolve it.
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(ColumnLimits.Status).IsConcurrencyToken();
        builder.Property(r => r.Comment).HasMaxLength(ColumnLimits.Reason);
        builder.Property(r => r.Language).HasMaxLength(ColumnLimits.Language);
        builder.Property(r => r.ResolutionNote).HasMaxLength(ColumnLimits.Reason);
        builder.Ignore(r => r.ReasonCode);

        // One report per reporter per contribution, guaranteed by the store.
        builder.HasIndex(r => new { r.ContributionId, r.ReporterId }).IsUnique();
        // The queue: open reports, oldest first, paged by (CreatedAt, Id).
        builder.HasIndex(r => new { r.Status, r.CreatedAt, r.Id });
    }
}
