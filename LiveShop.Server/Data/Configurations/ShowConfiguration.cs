using LiveShop.Server.Features.Shows;
using LiveShop.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Server.Data.Configurations;

internal sealed class ShowConfiguration : IEntityTypeConfiguration<Show>
{
    public void Configure(EntityTypeBuilder<Show> builder)
    {
        builder.ToTable("Shows");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Title).HasMaxLength(Limits.ShowTitleMaxLength).IsRequired();
        builder.Property(s => s.Description).HasMaxLength(Limits.ShowDescriptionMaxLength).IsRequired();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(s => s.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        builder.Property(s => s.VideoKind).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(s => s.VideoUrl).HasMaxLength(Limits.VideoUrlMaxLength);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.PosterImageId).HasMaxLength(32);
        builder.Property(s => s.AnnouncementText).HasMaxLength(Limits.AnnouncementMaxLength);
        builder.Property(s => s.AnnouncementByName).HasMaxLength(Limits.DisplayNameMaxLength);
        builder.Property(s => s.Blocklist).HasMaxLength(Limits.BlocklistMaxWords * (Limits.BlocklistWordMaxLength + 1)).IsRequired();
        builder.HasIndex(s => new { s.Status, s.ScheduledStart });
        builder.HasIndex(s => s.HostId);
        builder.HasIndex(s => new { s.ShopId, s.ScheduledStart });
        builder.HasOne<Features.Shops.Shop>().WithMany().HasForeignKey(s => s.ShopId).OnDelete(DeleteBehavior.Restrict);

        builder.HasOne(s => s.Host).WithMany().HasForeignKey(s => s.HostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.CoHost).WithMany().HasForeignKey(s => s.CoHostId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.CommissionRate).HasPrecision(6, 4);
        builder.Property(s => s.CoHostShare).HasPrecision(6, 4);
        builder.HasMany(s => s.Lineup).WithOne().HasForeignKey(p => p.ShowId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Lineup).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ShowProductConfiguration : IEntityTypeConfiguration<ShowProduct>
{
    public void Configure(EntityTypeBuilder<ShowProduct> builder)
    {
        builder.ToTable("ShowProducts");
        builder.HasKey(p => new { p.ShowId, p.ProductId });
        builder.HasOne(p => p.Product).WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.ShowId, p.Position }).IsUnique();
    }
}
