using LiveShop.Server.Features.Shows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Server.Features.Video.Acs;

/// <summary>
/// The ACS identity made for one LiveShop user (<c>user:{id}</c>) or anonymous browser
/// (<c>visitor:{ls_vid}</c>), reused for every show so the same person is the same ACS user.
/// </summary>
public sealed class AcsIdentity
{
    private AcsIdentity()
    {
    }

    public AcsIdentity(string subject, string acsUserId, DateTimeOffset createdAt)
    {
        Subject = subject;
        AcsUserId = acsUserId;
        CreatedAt = createdAt;
    }

    public string Subject { get; private set; } = "";

    public string AcsUserId { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static string ForUser(Guid userId) => $"user:{userId:N}";

    public static string ForVisitor(Guid visitorId) => $"visitor:{visitorId:N}";
}

/// <summary>The ACS Room a show broadcasts in; made on the first session request, remade once it expires.</summary>
public sealed class AcsRoom
{
    private AcsRoom()
    {
    }

    public AcsRoom(Guid showId, string roomId, DateTimeOffset validUntil, DateTimeOffset createdAt)
    {
        ShowId = showId;
        RoomId = roomId;
        ValidUntil = validUntil;
        CreatedAt = createdAt;
    }

    public Guid ShowId { get; private set; }

    public string RoomId { get; private set; } = "";

    public DateTimeOffset ValidUntil { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Still open for joining a while longer (a room about to close is replaced rather than handed out).</summary>
    public bool IsOpenAt(DateTimeOffset now) => ValidUntil > now.AddMinutes(5);

    public void Replace(string roomId, DateTimeOffset validUntil, DateTimeOffset now)
    {
        RoomId = roomId;
        ValidUntil = validUntil;
        CreatedAt = now;
    }
}

internal sealed class AcsIdentityConfiguration : IEntityTypeConfiguration<AcsIdentity>
{
    public void Configure(EntityTypeBuilder<AcsIdentity> builder)
    {
        builder.ToTable("AcsIdentities");
        builder.HasKey(i => i.Subject);
        builder.Property(i => i.Subject).HasMaxLength(64);
        builder.Property(i => i.AcsUserId).HasMaxLength(256).IsRequired();
    }
}

internal sealed class AcsRoomConfiguration : IEntityTypeConfiguration<AcsRoom>
{
    public void Configure(EntityTypeBuilder<AcsRoom> builder)
    {
        builder.ToTable("AcsRooms");
        builder.HasKey(r => r.ShowId);
        builder.Property(r => r.ShowId).ValueGeneratedNever();
        builder.Property(r => r.RoomId).HasMaxLength(64).IsRequired();
        builder.HasOne<Show>().WithOne().HasForeignKey<AcsRoom>(r => r.ShowId).OnDelete(DeleteBehavior.Cascade);
    }
}
