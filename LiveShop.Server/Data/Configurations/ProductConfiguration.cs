using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Server.Data.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("Products");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<Shop>().WithMany().HasForeignKey(p => p.ShopId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Sku).HasMaxLength(Limits.SkuMaxLength).IsRequired();

        // SKUs are the shop's own: two shops may both sell "TEA-01".
        builder.HasIndex(p => new { p.ShopId, p.Sku }).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(Limits.ProductNameMaxLength).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(Limits.ProductDescriptionMaxLength).IsRequired();
        builder.Property(p => p.ImageUrl).HasMaxLength(300).IsRequired();
        builder.Property(p => p.Price).HasPrecision(18, 2);
        builder.Property(p => p.CompareAtPrice).HasPrecision(18, 2);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        builder.Ignore(p => p.IsArchived);
        builder.Ignore(p => p.IsLowStock);
        builder.Ignore(p => p.OrderedPhotos);
        builder.Ignore(p => p.OrderedVariants);
        builder.Ignore(p => p.OptionNames);
        builder.Ignore(p => p.HasVariants);
        builder.Property(p => p.Option1Name).HasMaxLength(Limits.OptionTextMaxLength);
        builder.Property(p => p.Option2Name).HasMaxLength(Limits.OptionTextMaxLength);
        builder.Property(p => p.Option3Name).HasMaxLength(Limits.OptionTextMaxLength);
        builder.HasMany(p => p.Variants).WithOne().HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Variants).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.ToTable(t => t.HasCheckConstraint("CK_Products_Stock_NonNegative", "[Stock] >= 0"));
        builder.HasMany(p => p.Photos).WithOne().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Photos).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(p => p.OrderedPrices);
        builder.Ignore(p => p.SoldInCurrencies);

        // Owned: loaded with the product wherever it is loaded (a lineup, an order), so pricing in a show's currency never misses them.
        builder.OwnsMany(p => p.Prices, price =>
        {
            price.ToTable("ProductPrices");
            price.WithOwner().HasForeignKey("ProductId");
            price.HasKey("ProductId", nameof(ProductPrice.Currency));
            price.Property(x => x.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
            price.Property(x => x.Price).HasPrecision(18, 2);
            price.Property(x => x.CompareAtPrice).HasPrecision(18, 2);
        });
        builder.Navigation(p => p.Prices).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ProductVariantConfiguration : IEntityTypeConfiguration<ProductVariant>
{
    public void Configure(EntityTypeBuilder<ProductVariant> builder)
    {
        builder.ToTable("ProductVariants", t => t.HasCheckConstraint("CK_ProductVariants_Stock_NonNegative", "[Stock] >= 0"));
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Sku).HasMaxLength(Limits.SkuMaxLength).IsRequired();

        // A variant's SKU is unique in its shop among variants (ShopCatalog also keeps it apart from product SKUs).
        builder.HasIndex(v => new { v.ShopId, v.Sku }).IsUnique();
        builder.HasIndex(v => new { v.ProductId, v.Position });
        builder.Property(v => v.Option1).HasMaxLength(Limits.OptionTextMaxLength).IsRequired();
        builder.Property(v => v.Option2).HasMaxLength(Limits.OptionTextMaxLength);
        builder.Property(v => v.Option3).HasMaxLength(Limits.OptionTextMaxLength);
        builder.Property(v => v.PriceOverride).HasPrecision(18, 2);
        builder.Ignore(v => v.Values);
        builder.Ignore(v => v.Label);
    }
}

internal sealed class ProductPhotoConfiguration : IEntityTypeConfiguration<ProductPhoto>
{
    public void Configure(EntityTypeBuilder<ProductPhoto> builder)
    {
        builder.ToTable("ProductPhotos");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.ImageId).HasMaxLength(64).IsRequired();
        builder.Property(p => p.ThumbUrl).HasMaxLength(300).IsRequired();
        builder.Property(p => p.MediumUrl).HasMaxLength(300).IsRequired();
        builder.Property(p => p.LargeUrl).HasMaxLength(300).IsRequired();
        builder.HasIndex(p => new { p.ProductId, p.Position });
    }
}

internal sealed class StockAdjustmentConfiguration : IEntityTypeConfiguration<StockAdjustment>
{
    public void Configure(EntityTypeBuilder<StockAdjustment> builder)
    {
        builder.ToTable("StockAdjustments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.ByName).HasMaxLength(Limits.DisplayNameMaxLength).IsRequired();
        builder.Property(a => a.Reason).HasMaxLength(Limits.StockReasonMaxLength).IsRequired();
        builder.HasIndex(a => new { a.ProductId, a.At });
        builder.Property(a => a.Variant).HasMaxLength(3 * (Limits.OptionTextMaxLength + 3));
        builder.HasOne<Product>().WithMany().HasForeignKey(a => a.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
