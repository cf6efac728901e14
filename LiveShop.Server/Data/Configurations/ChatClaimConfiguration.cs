using LiveShop.Server.Features.Claims;
using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Features.Shows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Server.Data.Configurations;

internal sealed class ChatClaimConfiguration : IEntityTypeConfiguration<ChatClaim>
{
    public void Configure(EntityTypeBuilder<ChatClaim> builder)
    {
        builder.ToTable("ChatClaims");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.BuyerName).HasMaxLength(100).IsRequired();
        builder.Property(c => c.UnitPrice).HasPrecision(18, 2);
        builder.Property(c => c.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);

        // The room's counts and the waitlist (oldest first) per product; the expirer's due holds; a viewer's own claims.
        builder.HasIndex(c => new { c.ShowId, c.ProductId, c.Status, c.Sequence });
        builder.HasIndex(c => new { c.Status, c.PayBy });
        builder.HasIndex(c => new { c.ShowId, c.BuyerId });
        builder.HasOne<Show>().WithMany().HasForeignKey(c => c.ShowId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Product>().WithMany().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
