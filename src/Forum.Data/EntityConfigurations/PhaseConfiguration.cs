using Forum.Core.Phases;
using Forum.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.EntityConfigurations;

internal sealed class PhaseConfiguration : IEntityTypeConfiguration<Phase>
{
    public void Configure(EntityTypeBuilder<Phase> builder)
    {
        builder.HasIndex(p => new { p.ThemeId, p.Number }).IsUnique();
        builder.HasIndex(p => new { p.ThemeId, p.OpensAt });
        builder.Property(p => p.OriginalLanguage).HasMaxLength(ColumnLimits.Language);
        builder.Property(p => p.ConcurrencyToken).IsConcurrencyToken();
        builder.Ignore(p => p.Schedule);
        builder.HasMany(p => p.Texts).WithOne().HasForeignKey(t => t.PhaseId);
    }
}

internal sealed class PhaseTextConfiguration : IEntityTypeConfiguration<PhaseText>
{
    public void Configure(EntityTypeBuilder<PhaseText> builder)
    {
        builder.HasKey(t => new { t.PhaseId, t.Language });
        builder.Property(t => t.Language).HasMaxLength(ColumnLimits.Language);
        builder.Property(t => t.Title).HasMaxLength(ColumnLimits.Title);
        builder.Property(t => t.Question).HasMaxLength(ColumnLimits.Question);
        builder.Property(t => t.AnnouncementNote).HasMaxLength(PhaseText.AnnouncementNoteMaxLength);
    }
}
