using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Refunds;
using LiveShop.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Server.Data.Configurations;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("Refunds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Amount).HasPrecision(18, 2);
        builder.Property(r => r.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        builder.Property(r => r.Method).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(r => r.Reference).HasMaxLength(64);
        builder.Property(r => r.Reason).HasMaxLength(Limits.OrderNoteMaxLength);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(Limits.IdempotencyKeyMaxLength + 16);

        // A retried refund (same key) can never be stored twice, even when two requests race.
        builder.HasIndex(r => new { r.OrderId, r.IdempotencyKey }).IsUnique();
        builder.HasIndex(r => new { r.OrderId, r.At });
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(r => r.Lines, line =>
        {
            line.ToTable("RefundLines");
            line.WithOwner().HasForeignKey("RefundId");
            line.HasKey("RefundId", nameof(RefundLine.LineNumber));
            line.Property(l => l.LineNumber).ValueGeneratedNever();
            line.Property(l => l.UnitPrice).HasPrecision(18, 2);
        });
        builder.Navigation(r => r.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
