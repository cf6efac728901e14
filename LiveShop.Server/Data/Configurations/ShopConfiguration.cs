using LiveShop.Server.Features.Shops;
using LiveShop.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Server.Data.Configurations;

internal sealed class ShopConfiguration : IEntityTypeConfiguration<Shop>
{
    public void Configure(EntityTypeBuilder<Shop> builder)
    {
        builder.ToTable("Shops");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(Limits.ShopNameMaxLength).IsRequired();
        builder.Property(s => s.Slug).HasMaxLength(Limits.ShopSlugMaxLength).IsRequired();
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.Property(s => s.LogoUrl).HasMaxLength(300);
        builder.Property(s => s.Country).HasMaxLength(2).IsFixedLength().IsRequired();
        builder.Property(s => s.DefaultCurrency).HasMaxLength(3).IsFixedLength().IsRequired();
        builder.Property(s => s.ContactEmail).HasMaxLength(Limits.EmailMaxLength).IsRequired();
        builder.Property(s => s.TimeZone).HasMaxLength(64).IsRequired();
        builder.Ignore(s => s.IsSuspended);
    }
}

internal sealed class ShopMemberConfiguration : IEntityTypeConfiguration<ShopMember>
{
    public void Configure(EntityTypeBuilder<ShopMember> builder)
    {
        builder.ToTable("ShopMembers");
        builder.HasKey(m => new { m.ShopId, m.UserId });
        builder.HasIndex(m => m.UserId);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.HasOne<Shop>().WithMany().HasForeignKey(m => m.ShopId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShopInvitationConfiguration : IEntityTypeConfiguration<ShopInvitation>
{
    public void Configure(EntityTypeBuilder<ShopInvitation> builder)
    {
        builder.ToTable("ShopInvitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Email).HasMaxLength(Limits.EmailMaxLength).IsRequired();
        builder.Property(i => i.NormalizedEmail).HasMaxLength(Limits.EmailMaxLength).IsRequired();
        builder.Property(i => i.Role).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.ShopId, i.NormalizedEmail });
        builder.HasOne(i => i.Shop).WithMany().HasForeignKey(i => i.ShopId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(i => i.InvitedById).OnDelete(DeleteBehavior.Restrict);
    }
}
