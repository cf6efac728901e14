using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Server.Data.Configurations;

internal sealed class FlashSaleIdentityClaimConfiguration : IEntityTypeConfiguration<FlashSaleIdentityClaim>
{
    public void Configure(EntityTypeBuilder<FlashSaleIdentityClaim> builder)
    {
        builder.ToTable("FlashSaleIdentityClaims", t => t.HasCheckConstraint("CK_FlashSaleIdentityClaims_Units", "[Units] >= 0"));
        builder.HasKey(c => new { c.SaleId, c.OrderId });
        builder.Property(c => c.VisitorKey).HasMaxLength(IdentityKeys.MaxLength);
        builder.Property(c => c.ShippingKey).HasMaxLength(IdentityKeys.MaxLength).IsRequired();
        builder.Property(c => c.PaymentKey).HasMaxLength(IdentityKeys.MaxLength);
        builder.HasIndex(c => new { c.SaleId, c.VisitorKey });
        builder.HasIndex(c => new { c.SaleId, c.ShippingKey });
        builder.HasIndex(c => new { c.SaleId, c.PaymentKey });
        builder.HasIndex(c => c.OrderId);
        builder.HasOne<FlashSale>().WithMany().HasForeignKey(c => c.SaleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Order>().WithMany().HasForeignKey(c => c.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
