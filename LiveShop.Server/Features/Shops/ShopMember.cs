using LiveShop.Server.Data;
using LiveShop.Shared.Shops;

namespace LiveShop.Server.Features.Shops;

/// <summary>A person in a shop's team, with one role there. A person may belong to several shops.</summary>
public sealed class ShopMember
{
    private ShopMember()
    {
    }

    public ShopMember(Guid shopId, Guid userId, ShopRole role, DateTimeOffset addedAt)
    {
        ShopId = shopId;
        UserId = userId;
        Role = role;
        AddedAt = addedAt;
    }

    public Guid ShopId { get; private set; }

    public Guid UserId { get; private set; }

    public AppUser? User { get; private set; }

    public ShopRole Role { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public void ChangeRole(ShopRole role) => Role = role;
}
