using LiveShop.Server.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Server.Data.Configurations;

internal sealed class PriceHistoryConfiguration : IEntityTypeConfiguration<PriceHistoryEntry>
{
    public void Configure(EntityTypeBuilder<PriceHistoryEntry> builder)
    {
        builder.ToTable("PriceHistory");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        builder.Property(e => e.Price).HasPrecision(18, 2);

        // The rule reads one product's prices in one currency before a moment.
        builder.HasIndex(e => new { e.ProductId, e.Currency, e.EffectiveFrom });

        // A variant's id is kept as a plain value: its history outlives a removed variant until the product goes.
        builder.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
