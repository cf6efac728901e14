using LiveShop.Server.Features.Orders;
using LiveShop.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Server.Data.Configurations;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(Limits.DisplayNameMaxLength).IsRequired();
        builder.Property(u => u.ShowMyPurchases).HasDefaultValue(true);
        builder.Property(u => u.Language).HasMaxLength(16);
        builder.OwnsOne(u => u.SavedAddress, a => AddressColumns.Map(a, "Saved"));
    }
}

/// <summary>An address stored as columns of its owner's table, each prefixed.</summary>
internal static class AddressColumns
{
    public static void Map<TOwner>(OwnedNavigationBuilder<TOwner, ShippingAddress> address, string prefix)
        where TOwner : class
    {
        address.Property(a => a.FullName).HasColumnName(prefix + "FullName").HasMaxLength(Limits.AddressFieldMaxLength).IsRequired();
        address.Property(a => a.Line1).HasColumnName(prefix + "Line1").HasMaxLength(Limits.AddressFieldMaxLength).IsRequired();
        address.Property(a => a.Line2).HasColumnName(prefix + "Line2").HasMaxLength(Limits.AddressFieldMaxLength);
        address.Property(a => a.City).HasColumnName(prefix + "City").HasMaxLength(Limits.AddressFieldMaxLength).IsRequired();
        address.Property(a => a.PostalCode).HasColumnName(prefix + "PostalCode").HasMaxLength(Limits.AddressFieldMaxLength).IsRequired();
        address.Property(a => a.Country).HasColumnName(prefix + "Country").HasMaxLength(Limits.AddressFieldMaxLength).IsRequired();
        address.Property(a => a.Phone).HasColumnName(prefix + "Phone").HasMaxLength(Limits.AddressFieldMaxLength).IsRequired();
    }
}
