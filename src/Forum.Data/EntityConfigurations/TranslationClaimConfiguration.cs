using Forum.Core.Storage;
using Forum.Core.Translation;
using Forum.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.EntityConfigurations;

internal sealed class TranslationClaimConfiguration : IEntityTypeConfiguration<TranslationClaim>
{
    public void Configure(EntityTypeBuilder<TranslationClaim> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(ColumnLimits.Kind);
        builder.Property(c => c.Language).HasMaxLength(ColumnLimits.Language);
        builder.Property(c => c.UserId).HasMaxLength(ColumnLimits.UserId);
        builder.Property(c => c.ConcurrencyToken).IsConcurrencyToken();
        // A claim goes with its holder's account (erasure deletes the row).
        builder.HasOne<ForumUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        // One claim per item and language, kept by the store: of two volunteers racing, the second insert fails.
        builder.HasIndex(c => new { c.Kind, c.ItemId, c.Language }).IsUnique();
        // The desk's look for the live claims of the items it shows, and a person's own.
        builder.HasIndex(c => new { c.UserId, c.ExpiresAt });
    }
}
