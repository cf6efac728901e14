namespace LiveShop.Server.Features.Stores;

/// <summary>
/// One of a shop's physical stores. Its staff's personal share links credit the orders they bring to the staff member
/// and the store, though the buyer orders online and may never walk in (issue 17, "online sales credited offline").
/// </summary>
public sealed class Store
{
    private readonly List<StoreStaffMember> _staff = [];

    private Store()
    {
    }

    public Store(Guid id, Guid shopId, string name, DateTimeOffset createdAt)
    {
        Id = id;
        ShopId = shopId;
        Name = name;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid ShopId { get; private set; }

    public string Name { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<StoreStaffMember> Staff => _staff;

    public void Rename(string name) => Name = name;
}

/// <summary>A person on a store's staff: any LiveShop account, not necessarily in the shop's online team.</summary>
public sealed class StoreStaffMember
{
    private StoreStaffMember()
    {
    }

    public StoreStaffMember(Guid storeId, Guid userId, DateTimeOffset addedAt)
    {
        StoreId = storeId;
        UserId = userId;
        AddedAt = addedAt;
    }

    public Guid StoreId { get; private set; }

    public Guid UserId { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }
}
