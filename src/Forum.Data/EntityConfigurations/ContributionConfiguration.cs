using Forum.Core.Contributions;
using Forum.Core.Phases;
using Forum.Core.Storage;
using Forum.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.EntityConfigurations;

internal sealed class ContributionConfiguration : IEntityTypeConfiguration<Contribution>
{
    public void Configure(EntityTypeBuilder<Contribution> builder)
    {
        builder.HasOne<Phase>().WithMany().HasForeignKey(c => c.PhaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ForumUser>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contribution>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.AuthorId).HasMaxLength(ColumnLimits.UserId);
        builder.Property(c => c.HiddenById).HasMaxLength(ColumnLimits.UserId);
        builder.Property(c => c.OriginalLanguage).HasMaxLength(ColumnLimits.Language);
        builder.Property(c => c.Languages).HasMaxLength(ColumnLimits.Combination);
        builder.Property(c => c.OutdatedLanguages).HasMaxLength(ColumnLimits.Combination);
        builder.Property(c => c.HiddenReason).HasMaxLength(ColumnLimits.Reason);
        builder.Property(c => c.ConcurrencyToken).IsConcurrencyToken();
        builder.Ignore(c => c.LanguageCodes);
        builder.HasMany(c => c.Versions).WithOne().HasForeignKey(v => v.ContributionId);

        // Lists of a phase, newest or oldest first, paged by (CreatedAt, Id) keyset; top-level rows are picked from it
        // as it is read. With ParentId inside the key, PostgreSQL did not take "ParentId IS NULL" as fixing that column,
        // so it could not read in (CreatedAt, Id) order and sorted the whole phase for every uncached page.
        builder.HasIndex(c => new { c.PhaseId, c.CreatedAt, c.Id });
        builder.HasIndex(c => new { c.ParentId, c.CreatedAt });
        // The desk over every phase, oldest first: PostgreSQL cannot read (PhaseId, CreatedAt, Id) in date order across
        // phases, nor take "ParentId IS NULL" as fixing ParentId, so without this it sorted every waiting row for a page.
        builder.HasIndex(c => new { c.CreatedAt, c.Id });
    }
}

internal sealed class ContributionVersionConfiguration : IEntityTypeConfiguration<ContributionVersion>
{
    public void Configure(EntityTypeBuilder<ContributionVersion> builder)
    {
        builder.HasOne<ForumUser>().WithMany().HasForeignKey(v => v.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.AuthorId).HasMaxLength(ColumnLimits.UserId);
        builder.Property(v => v.Language).HasMaxLength(ColumnLimits.Language);
        builder.Property(v => v.DetectedLanguage).HasMaxLength(ColumnLimits.Language);
        builder.Property(v => v.Title).HasMaxLength(ColumnLimits.Title);
        // At most one version per language is a storage guarantee, not only a check in code.
        builder.HasIndex(v => new { v.ContributionId, v.Language }).IsUnique();
        // The stale translations in a language, oldest first, are read from here (the backlog's second list, the desk),
        // without a pass over every contribution of a phase.
        builder.HasIndex(v => new { v.Language, v.OutdatedSince });
    }
}

internal sealed class VersionRevisionConfiguration : IEntityTypeConfiguration<VersionRevision>
{
    public void Configure(EntityTypeBuilder<VersionRevision> builder)
    {
        builder.HasOne<ContributionVersion>().WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ForumUser>().WithMany().HasForeignKey(r => r.WrittenById).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.WrittenById).HasMaxLength(ColumnLimits.UserId);
        builder.Property(r => r.Title).HasMaxLength(ColumnLimits.Title);
        // A version's history is read in the order it was written.
        builder.HasIndex(r => new { r.VersionId, r.WrittenAt });
    }
}
