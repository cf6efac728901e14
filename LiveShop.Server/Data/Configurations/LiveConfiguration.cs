using LiveShop.Server.Features.Live;
using LiveShop.Server.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Server.Data.Configurations;

internal sealed class FlashSaleConfiguration : IEntityTypeConfiguration<FlashSale>
{
    public void Configure(EntityTypeBuilder<FlashSale> builder)
    {
        // Price < ListPrice is checked in code: SQLite stores decimals as text, so a CHECK would compare strings.
        builder.ToTable("FlashSales", t => t.HasCheckConstraint("CK_FlashSales_Sold_WithinCap", "[Sold] >= 0 AND [Sold] <= [QuantityCap]"));
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Price).HasPrecision(18, 2);
        builder.Property(s => s.ListPrice).HasPrecision(18, 2);
        builder.Property(s => s.LowestPrice30Days).HasPrecision(18, 2);
        builder.Property(s => s.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        builder.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => new { s.ShowId, s.ProductId });
        builder.HasIndex(s => s.EndedAt);
        builder.HasOne<Features.Shows.Show>().WithMany().HasForeignKey(s => s.ShowId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Features.Catalog.Product>().WithMany().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoomEventRecordConfiguration : IEntityTypeConfiguration<RoomEventRecord>
{
    public void Configure(EntityTypeBuilder<RoomEventRecord> builder)
    {
        builder.ToTable("RoomEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasMaxLength(24).IsRequired();
        builder.Property(e => e.Payload).HasMaxLength(8000).IsRequired();

        // One event per sequence number per show: two writers can never both take the same number.
        builder.HasIndex(e => new { e.ShowId, e.Sequence }).IsUnique();
        builder.HasIndex(e => new { e.ShowId, e.Kind, e.Sequence });
        builder.HasIndex(e => new { e.ShowId, e.SubjectId });
        builder.HasOne<Features.Shows.Show>().WithMany().HasForeignKey(e => e.ShowId).OnDelete(DeleteBehavior.Cascade);
    }
}
