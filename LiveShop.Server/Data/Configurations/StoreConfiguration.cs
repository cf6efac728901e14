using LiveShop.Server.Features.Shops;
using LiveShop.Server.Features.Stores;
using LiveShop.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Server.Data.Configurations;

internal sealed class StoreConfiguration : IEntityTypeConfiguration<Store>
{
    public void Configure(EntityTypeBuilder<Store> builder)
    {
        builder.ToTable("Stores");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(Limits.StoreNameMaxLength);
        builder.HasIndex(s => new { s.ShopId, s.Name }).IsUnique();
        builder.HasOne<Shop>().WithMany().HasForeignKey(s => s.ShopId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Staff).WithOne().HasForeignKey(m => m.StoreId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Staff).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class StoreStaffMemberConfiguration : IEntityTypeConfiguration<StoreStaffMember>
{
    public void Configure(EntityTypeBuilder<StoreStaffMember> builder)
    {
        builder.ToTable("StoreStaff");
        builder.HasKey(m => new { m.StoreId, m.UserId });
        builder.HasIndex(m => m.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
