using LiveShop.Server.Features.Webhooks;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Server.Data.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("WebhookEndpoints");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Url).HasMaxLength(Shared.Limits.UrlMaxLength).IsRequired();
        builder.Property(e => e.Description).HasMaxLength(Shared.Limits.WebhookDescriptionMaxLength).IsRequired();
        builder.Property(e => e.EventTypes).HasMaxLength(400).IsRequired();
        builder.Property(e => e.SecretProtected).HasMaxLength(1000).IsRequired();
        builder.Ignore(e => e.Events);
        builder.HasIndex(e => e.ShopId);
        builder.HasOne<Features.Shops.Shop>().WithMany().HasForeignKey(e => e.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.EventType).HasMaxLength(32).IsRequired();
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);

        // One delivery per event and endpoint, whoever fans it out; the due ones are found by time.
        builder.HasIndex(d => new { d.EndpointId, d.MessageId }).IsUnique();
        builder.HasIndex(d => d.NextAttemptAt);
        builder.HasIndex(d => d.MessageId);
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);

        // No foreign key to the outbox message: the shop's deletion already cascades to both the outbox and the
        // endpoints, and SQL Server refuses a second cascade path to the same table.
        builder.OwnsMany(d => d.Attempts, a =>
        {
            a.ToTable("WebhookAttempts");
            a.WithOwner().HasForeignKey("DeliveryId");
            a.HasKey("DeliveryId", nameof(WebhookAttempt.Number));
            a.Property(x => x.Number).ValueGeneratedNever();
            a.Property(x => x.Error).HasMaxLength(500);
        });
        builder.Navigation(d => d.Attempts).HasField("_attempts").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
