using Forum.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.EntityConfigurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.Property(m => m.Recipient).HasMaxLength(256);
        builder.Property(m => m.RecipientUserId).HasMaxLength(450);
        builder.Property(m => m.Language).HasMaxLength(8);
        builder.Property(m => m.Kind).HasMaxLength(64);
        builder.Property(m => m.Subject).HasMaxLength(400);
        builder.Property(m => m.UnsubscribeUrl).HasMaxLength(2000);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Ignore(m => m.IsPending);
        // The sender's look: the pending messages whose time has come, oldest first.
        builder.HasIndex(m => new { m.SentAt, m.GaveUpAt, m.NextAttemptAt });
        builder.HasIndex(m => m.RecipientUserId);
    }
}
