using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Sales;
using LiveShop.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Server.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("Orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Number).HasMaxLength(12).IsRequired();
        builder.HasIndex(o => o.Number).IsUnique();
        builder.Property(o => o.BuyerName).HasMaxLength(Limits.DisplayNameMaxLength).IsRequired();
        builder.Property(o => o.Channel).HasConversion<string>().HasMaxLength(8).IsRequired();
        builder.Property(o => o.AffiliateCode).HasMaxLength(16);
        builder.Property(o => o.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        builder.Property(o => o.Total).HasPrecision(18, 2);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(o => o.PaymentMethod).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(o => o.CardLast4).HasMaxLength(4);
        builder.Property(o => o.PaymentReference).HasMaxLength(64);
        builder.Property(o => o.RefundedAmount).HasPrecision(18, 2);
        builder.Property(o => o.Carrier).HasMaxLength(Limits.CarrierMaxLength);
        builder.Property(o => o.TrackingNumber).HasMaxLength(Limits.TrackingNumberMaxLength);
        builder.Property(o => o.TrackingUrl).HasMaxLength(Limits.UrlMaxLength);
        builder.HasIndex(o => new { o.ShopId, o.PlacedAt });
        builder.HasIndex(o => new { o.Status, o.HoldExpiresAt });
        builder.Property(o => o.GiftMessage).HasMaxLength(Limits.GiftMessageMaxLength);
        builder.HasIndex(o => o.GiftExpiresAt);   // the gift expirer's unaccepted gifts (docs/gifts.md)
        builder.Property(o => o.IdempotencyKey).HasMaxLength(Limits.IdempotencyKeyMaxLength).IsRequired();
        builder.Property(o => o.RequestHash).HasMaxLength(64).IsRequired();

        // The same key from the same buyer can never make a second order, even when two requests race.
        builder.HasIndex(o => new { o.BuyerId, o.IdempotencyKey }).IsUnique();
        builder.HasIndex(o => new { o.ShowId, o.PlacedAt });
        builder.HasIndex(o => new { o.BuyerId, o.PlacedAt });
        builder.HasIndex(o => o.HostId);
        builder.HasIndex(o => o.CoHostId);

        builder.OwnsOne(o => o.ShippingAddress, a => AddressColumns.Map(a, "Ship"));
        builder.Navigation(o => o.ShippingAddress).IsRequired();
        builder.OwnsMany(o => o.Lines, line =>
        {
            line.ToTable("OrderLines");
            line.WithOwner().HasForeignKey(l => l.OrderId);
            line.HasKey(l => new { l.OrderId, l.LineNumber });
            line.Property(l => l.Name).HasMaxLength(200).IsRequired();
            line.Property(l => l.ImageUrl).HasMaxLength(500).IsRequired();
            line.Property(l => l.UnitPrice).HasPrecision(18, 2);
            line.Property(l => l.ListPrice).HasPrecision(18, 2);
            line.HasIndex(l => l.ProductId);
            line.HasIndex(l => l.FlashSaleId);
            line.Property(l => l.VariantLabel).HasMaxLength(3 * (Limits.OptionTextMaxLength + 3));
        });
        builder.Navigation(o => o.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(o => o.Touches, touch =>
        {
            touch.ToTable("OrderTouches");
            touch.WithOwner().HasForeignKey("OrderId");
            touch.HasKey("OrderId", nameof(OrderTouch.Position));
            touch.Property(t => t.Position).ValueGeneratedNever();
            touch.Property(t => t.Code).HasMaxLength(16).IsRequired();
            touch.HasIndex(t => t.CreditedToId);   // a creator's orders (docs/creators.md)
        });
        builder.Navigation(o => o.Touches).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(o => o.CreatorRates, rate =>
        {
            rate.ToTable("OrderCreatorRates");
            rate.WithOwner().HasForeignKey("OrderId");
            rate.HasKey("OrderId", nameof(OrderCreatorRate.CreatorId), nameof(OrderCreatorRate.LineNumber));
            rate.Property(r => r.Rate).HasPrecision(6, 4);
            rate.HasIndex(r => r.CreatorId);
        });
        builder.Navigation(o => o.CreatorRates).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(o => o.History, change =>
        {
            change.ToTable("OrderStatusChanges");
            change.WithOwner().HasForeignKey("OrderId");
            change.HasKey("OrderId", nameof(OrderStatusChange.Position));
            change.Property(c => c.Position).ValueGeneratedNever();
            change.Property(c => c.Status).HasConversion<string>().HasMaxLength(16).IsRequired();
            change.Property(c => c.ActorName).HasMaxLength(Limits.DisplayNameMaxLength);
            change.Property(c => c.Note).HasMaxLength(Limits.OrderNoteMaxLength);
        });
        builder.Navigation(o => o.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<Features.Shops.Shop>().WithMany().HasForeignKey(o => o.ShopId).OnDelete(DeleteBehavior.Restrict);

        builder.HasOne<Features.Shows.Show>().WithMany().HasForeignKey(o => o.ShowId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(o => o.BuyerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FlashSaleClaimConfiguration : IEntityTypeConfiguration<FlashSaleClaim>
{
    public void Configure(EntityTypeBuilder<FlashSaleClaim> builder)
    {
        builder.ToTable("FlashSaleClaims", t => t.HasCheckConstraint("CK_FlashSaleClaims_Units", "[Units] >= 0"));
        builder.HasKey(c => new { c.SaleId, c.BuyerId });
        builder.HasOne<FlashSale>().WithMany().HasForeignKey(c => c.SaleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShareLinkConfiguration : IEntityTypeConfiguration<ShareLink>
{
    public void Configure(EntityTypeBuilder<ShareLink> builder)
    {
        builder.ToTable("ShareLinks");
        builder.HasKey(l => l.Code);
        builder.Property(l => l.Code).HasMaxLength(16);
        builder.HasIndex(l => l.ShowId);
        builder.HasOne<Features.Shows.Show>().WithMany().HasForeignKey(l => l.ShowId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(l => l.CreatedById).OnDelete(DeleteBehavior.Restrict);
        // Stores are never deleted (only renamed), so a store's links keep their credit; NoAction avoids a second
        // cascade path from the shop (through its shows and through its stores) that SQL Server refuses.
        builder.HasIndex(l => l.StoreId);
        builder.HasOne<Features.Stores.Store>().WithMany().HasForeignKey(l => l.StoreId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class LinkTouchConfiguration : IEntityTypeConfiguration<LinkTouch>
{
    public void Configure(EntityTypeBuilder<LinkTouch> builder)
    {
        builder.ToTable("LinkTouches");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Code).HasMaxLength(16).IsRequired();
        builder.HasIndex(t => new { t.ShowId, t.VisitorId, t.At });
        builder.HasIndex(t => new { t.ShowId, t.UserId, t.At });
        builder.HasIndex(t => t.Code);
        builder.HasIndex(t => new { t.CreditedToId, t.At });   // a creator's clicks in a period
        builder.HasOne<ShareLink>().WithMany().HasForeignKey(t => t.Code).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShowViewerConfiguration : IEntityTypeConfiguration<ShowViewer>
{
    public void Configure(EntityTypeBuilder<ShowViewer> builder)
    {
        builder.ToTable("ShowViewers");
        builder.HasKey(v => new { v.ShowId, v.ViewerKey });
        builder.Property(v => v.ViewerKey).HasMaxLength(64);
        builder.HasIndex(v => new { v.ShowId, v.VisitorId });
        builder.HasOne<Features.Shows.Show>().WithMany().HasForeignKey(v => v.ShowId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShowMinuteConfiguration : IEntityTypeConfiguration<ShowMinute>
{
    public void Configure(EntityTypeBuilder<ShowMinute> builder)
    {
        builder.ToTable("ShowMinutes");
        builder.HasKey(m => new { m.ShowId, m.Minute });
        builder.HasOne<Features.Shows.Show>().WithMany().HasForeignKey(m => m.ShowId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShopPaymentSettingsConfiguration : IEntityTypeConfiguration<Features.Payments.ShopPaymentSettings>
{
    public void Configure(EntityTypeBuilder<Features.Payments.ShopPaymentSettings> builder)
    {
        builder.ToTable("ShopPaymentSettings");
        builder.HasKey(s => s.ShopId);
        builder.Property(s => s.StripePublishableKey).HasMaxLength(255);
        builder.Property(s => s.StripeSecretKeyProtected).HasMaxLength(2000);
        builder.Property(s => s.StripeWebhookSecretProtected).HasMaxLength(2000);
        builder.Property(s => s.BankTransferInstructions).HasMaxLength(Limits.BankTransferInstructionsMaxLength);
        builder.HasOne<Features.Shops.Shop>().WithOne().HasForeignKey<Features.Payments.ShopPaymentSettings>(s => s.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<Features.Webhooks.OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Features.Webhooks.OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Type).HasMaxLength(32).IsRequired();
        builder.Property(m => m.PayloadJson).IsRequired();
        builder.HasIndex(m => m.FannedOutAt);
        builder.HasIndex(m => new { m.ShopId, m.OccurredAt });
        builder.HasOne<Features.Shops.Shop>().WithMany().HasForeignKey(m => m.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
