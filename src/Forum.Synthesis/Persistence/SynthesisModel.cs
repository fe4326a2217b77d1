using Forum.Core.Phases;
using Forum.Core.Storage;
using Forum.Synthesis.Statistics;
using Forum.Synthesis.Summaries;
using Forum.Synthesis.Syntheses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Synthesis.Persistence;

/// <summary>Storage of this module's tables; the data project applies these configurations to the forum's database.</summary>
internal sealed class StatisticTallyConfiguration : IEntityTypeConfiguration<StatisticTally>
{
    public void Configure(EntityTypeBuilder<StatisticTally> builder)
    {
        builder.ToTable("StatisticTallies");
        // The key is the read path: all rows of one phase or theme in one index range.
        builder.HasKey(t => new { t.Scope, t.ScopeId, t.Kind, t.Item });
        builder.Property(t => t.Kind).HasMaxLength(ColumnLimits.Kind);
        builder.Property(t => t.Item).HasMaxLength(ColumnLimits.Item);
    }
}

internal sealed class ContributorTallyConfiguration : IEntityTypeConfiguration<ContributorTally>
{
    public void Configure(EntityTypeBuilder<ContributorTally> builder)
    {
        builder.ToTable("ContributorTallies");
        builder.HasKey(t => new { t.Scope, t.ScopeId, t.AuthorId });
        builder.Property(t => t.AuthorId).HasMaxLength(ColumnLimits.UserId);
    }
}

internal sealed class PhaseSynthesisConfiguration : IEntityTypeConfiguration<PhaseSynthesis>
{
    public void Configure(EntityTypeBuilder<PhaseSynthesis> builder)
    {
        builder.ToTable("Syntheses");
        builder.HasOne<Phase>().WithMany().HasForeignKey(s => s.PhaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.PhaseId, s.Number }).IsUnique();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(ColumnLimits.Kind);
        builder.Property(s => s.CreatedById).HasMaxLength(ColumnLimits.UserId);
        builder.Property(s => s.PublishedById).HasMaxLength(ColumnLimits.UserId);
        builder.Property(s => s.ConcurrencyToken).IsConcurrencyToken();
        builder.Ignore(s => s.Languages);
        builder.HasMany(s => s.Versions).WithOne().HasForeignKey(v => v.SynthesisId);
        builder.HasMany(s => s.Revisions).WithOne().HasForeignKey(r => r.SynthesisId);
    }
}

internal sealed class SynthesisVersionConfiguration : IEntityTypeConfiguration<SynthesisVersion>
{
    public void Configure(EntityTypeBuilder<SynthesisVersion> builder)
    {
        builder.ToTable("SynthesisVersions");
        builder.HasIndex(v => new { v.SynthesisId, v.Language }).IsUnique();
        builder.Property(v => v.Language).HasMaxLength(ColumnLimits.Language);
        builder.Property(v => v.DetectedLanguage).HasMaxLength(ColumnLimits.Language);
        builder.Property(v => v.Title).HasMaxLength(ColumnLimits.Title);
        builder.Property(v => v.UpdatedById).HasMaxLength(ColumnLimits.UserId);
    }
}

internal sealed class SynthesisRevisionConfiguration : IEntityTypeConfiguration<SynthesisRevision>
{
    public void Configure(EntityTypeBuilder<SynthesisRevision> builder)
    {
        builder.ToTable("SynthesisRevisions");
        builder.HasIndex(r => new { r.SynthesisId, r.Language, r.Edition }).IsUnique();
        builder.Property(r => r.Language).HasMaxLength(ColumnLimits.Language);
        builder.Property(r => r.Title).HasMaxLength(ColumnLimits.Title);
        builder.Property(r => r.EditedById).HasMaxLength(ColumnLimits.UserId);
    }
}

internal sealed class DraftSummaryConfiguration : IEntityTypeConfiguration<DraftSummaryRecord>
{
    public void Configure(EntityTypeBuilder<DraftSummaryRecord> builder)
    {
        builder.ToTable("DraftSummaries");
        builder.HasKey(d => new { d.PhaseId, d.Language });
        builder.HasOne<Phase>().WithMany().HasForeignKey(d => d.PhaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Language).HasMaxLength(ColumnLimits.Language);
    }
}
