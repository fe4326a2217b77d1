using Forum.Core.Storage;
using Forum.Core.Themes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.EntityConfigurations;

internal sealed class ThemeConfiguration : IEntityTypeConfiguration<Theme>
{
    public void Configure(EntityTypeBuilder<Theme> builder)
    {
        builder.Property(t => t.Slug).HasMaxLength(ColumnLimits.Slug);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.HasIndex(t => new { t.IsPublished, t.Position });
        builder.Property(t => t.OriginalLanguage).HasMaxLength(ColumnLimits.Language);
        builder.Property(t => t.ConcurrencyToken).IsConcurrencyToken();
        builder.HasMany(t => t.Texts).WithOne().HasForeignKey(t => t.ThemeId);
        builder.HasMany(t => t.Phases).WithOne(p => p.Theme).HasForeignKey(p => p.ThemeId);
    }
}

internal sealed class ThemeTextConfiguration : IEntityTypeConfiguration<ThemeText>
{
    public void Configure(EntityTypeBuilder<ThemeText> builder)
    {
        builder.HasKey(t => new { t.ThemeId, t.Language });
        builder.Property(t => t.Language).HasMaxLength(ColumnLimits.Language);
        builder.Property(t => t.Title).HasMaxLength(ColumnLimits.Title);
        builder.Property(t => t.Description).HasMaxLength(ColumnLimits.Description);
    }
}
