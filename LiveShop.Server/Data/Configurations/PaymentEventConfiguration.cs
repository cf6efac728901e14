using LiveShop.Server.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Server.Data.Configurations;

internal sealed class PaymentEventConfiguration : IEntityTypeConfiguration<PaymentEvent>
{
    public void Configure(EntityTypeBuilder<PaymentEvent> builder)
    {
        builder.ToTable("PaymentEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.EventId).HasMaxLength(PaymentEvent.EventIdMaxLength).IsRequired();
        builder.Property(e => e.Type).HasMaxLength(PaymentEvent.TypeMaxLength).IsRequired();
        builder.HasIndex(e => e.EventId).IsUnique();
        builder.HasIndex(e => new { e.ShopId, e.ReceivedAt });
        builder.HasOne<Features.Shops.Shop>().WithMany().HasForeignKey(e => e.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
