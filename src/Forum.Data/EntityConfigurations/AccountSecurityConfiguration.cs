using Forum.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.EntityConfigurations;

internal sealed class SignInFailureCountConfiguration : IEntityTypeConfiguration<SignInFailureCount>
{
    public void Configure(EntityTypeBuilder<SignInFailureCount> builder)
    {
        builder.ToTable("SignInFailures");
        builder.HasKey(f => f.Key);
        builder.Property(f => f.Key).HasMaxLength(SignInFailureCount.KeyLength).IsUnicode(false);
        // Old counts are swept by age.
        builder.HasIndex(f => f.LastFailureAt);
    }
}

internal sealed class ConsumedRefreshTokenConfiguration : IEntityTypeConfiguration<ConsumedRefreshToken>
{
    public void Configure(EntityTypeBuilder<ConsumedRefreshToken> builder)
    {
        builder.ToTable("ConsumedRefreshTokens");
        // The primary key is what makes a token single-use, across instances too: a second insert fails.
        builder.HasKey(t => t.Hash);
        builder.Property(t => t.Hash).HasMaxLength(64).IsUnicode(false);
        builder.HasIndex(t => t.ExpiresAt);
    }
}

internal sealed class ForumUserConfiguration : IEntityTypeConfiguration<ForumUser>
{
    public void Configure(EntityTypeBuilder<ForumUser> builder)
    {
        builder.Property(u => u.PreferredLanguage).HasMaxLength(8);
        builder.Property(u => u.TranslationLanguages).HasMaxLength(Forum.Core.Storage.ColumnLimits.Combination);
    }
}
