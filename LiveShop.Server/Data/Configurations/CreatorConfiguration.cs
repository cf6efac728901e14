using LiveShop.Server.Features.Creators;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Server.Data.Configurations;

internal sealed class CreatorProfileConfiguration : IEntityTypeConfiguration<CreatorProfile>
{
    public void Configure(EntityTypeBuilder<CreatorProfile> builder)
    {
        builder.ToTable("CreatorProfiles");
        builder.HasKey(p => p.UserId);
        builder.HasOne<AppUser>().WithOne().HasForeignKey<CreatorProfile>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Handle).HasMaxLength(Creators.HandleMaxLength).IsUnicode(false);
        builder.HasIndex(p => p.Handle).IsUnique();
        builder.Property(p => p.DisplayName).HasMaxLength(Limits.DisplayNameMaxLength);
        builder.Property(p => p.Bio).HasMaxLength(Creators.BioMaxLength);
        builder.PrimitiveCollection(p => p.Socials);
        builder.Property(p => p.AvatarImageId).HasMaxLength(32);
    }
}

internal sealed class CreatorProgramConfiguration : IEntityTypeConfiguration<CreatorProgram>
{
    public void Configure(EntityTypeBuilder<CreatorProgram> builder)
    {
        builder.ToTable("CreatorPrograms");
        builder.HasKey(p => p.ShopId);
        builder.HasOne<Shop>().WithOne().HasForeignKey<CreatorProgram>(p => p.ShopId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Approval).HasConversion<string>().HasMaxLength(20).IsUnicode(false);
        builder.Property(p => p.DefaultRate).HasPrecision(6, 4);
        builder.OwnsMany(p => p.Products, products =>
        {
            products.ToJson();
            products.Property(p => p.Rate).HasPrecision(6, 4);
        });
        builder.Navigation(p => p.Products).HasField("_products").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CreatorEnrollmentConfiguration : IEntityTypeConfiguration<CreatorEnrollment>
{
    public void Configure(EntityTypeBuilder<CreatorEnrollment> builder)
    {
        builder.ToTable("CreatorEnrollments");
        builder.HasKey(e => new { e.ShopId, e.CreatorId });
        builder.HasOne<Shop>().WithMany().HasForeignKey(e => e.ShopId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CreatorProfile>().WithMany().HasForeignKey(e => e.CreatorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.CreatorId);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20).IsUnicode(false);
        builder.Property(e => e.RateOverride).HasPrecision(6, 4);
    }
}

internal sealed class CreatorPayoutConfiguration : IEntityTypeConfiguration<CreatorPayout>
{
    public void Configure(EntityTypeBuilder<CreatorPayout> builder)
    {
        builder.ToTable("CreatorPayouts");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Month).HasMaxLength(7).IsUnicode(false);
        builder.Property(p => p.Currency).HasMaxLength(3).IsUnicode(false);
        builder.Property(p => p.Amount).HasPrecision(18, 2);
        builder.Property(p => p.PaidBefore).HasPrecision(18, 2);
        builder.HasIndex(p => new { p.ShopId, p.CreatorId, p.Month, p.Currency, p.PaidBefore }).IsUnique();
        builder.HasIndex(p => new { p.ShopId, p.Month });
        builder.HasIndex(p => new { p.CreatorId, p.Month });
        builder.HasOne<Shop>().WithMany().HasForeignKey(p => p.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
