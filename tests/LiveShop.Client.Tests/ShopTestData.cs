using LiveShop.Client.State;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Tests;

/// <summary>One live show with two products, and orders from it, as the shopping tests use them.</summary>
public static class ShopTestData
{
    public static readonly Guid ShowId = Guid.Parse("6f0b3c2a-91d4-4e7b-a1c5-2b8d9e0f1a2b");
    public static readonly Guid Jade = Guid.Parse("a1b2c3d4-e5f6-4789-9abc-def012345678");
    public static readonly Guid Oolong = Guid.Parse("0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b");
    public static readonly Guid Buyer = Guid.Parse("3c2b1a09-8f7e-4d6c-b5a4-938271605f4e");
    public static readonly Guid JadeSaleId = Guid.Parse("e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9");

    public static readonly LineupItemDto JadeItem = new(Jade, "JADE-01", "Jade Face Roller", "https://img.example/jade.jpg", 690m, Currencies.Twd, 30, 0);
    public static readonly LineupItemDto OolongItem = new(Oolong, "OOL-150", "Alishan oolong 150g", "https://img.example/oolong.jpg", 480m, Currencies.Twd, 12, 1);

    public static readonly ShippingAddressDto Address = new("Mei Lin", "No. 7, Lane 12, Yongkang St", null, "Taipei", "106", "Taiwan", "0912 345 678");

    /// <summary>The show; with <paramref name="brands"/> a creator's show whose two products two brands sell.</summary>
    public static ShowDetailDto Detail(DateTimeOffset now, bool brands = false) => new(
        Id: ShowId,
        Title: "Spring beauty haul",
        Description: "",
        Host: new HostDto(Guid.Parse("7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928"), "Mei"),
        Status: ShowStatus.Live,
        ScheduledStart: now.AddMinutes(-10),
        WentLiveAt: now.AddMinutes(-5),
        EndedAt: null,
        Currency: Currencies.Twd,
        Video: new VideoSourceDto(VideoSourceKind.StreamUrl, "https://video.example/a.mp4", null),
        Lineup: brands ? [JadeItem with { BrandName = "Jade Atelier" }, OolongItem with { BrandName = "Alishan Tea Co." }] : [JadeItem, OolongItem]);

    public static FlashSaleDto JadeSale(DateTimeOffset now) =>
        new(JadeSaleId, Jade, 490m, 690m, Currencies.Twd, now.AddMinutes(-1), now.AddMinutes(2), QuantityCap: 20, PerBuyerCap: 2, Sold: 3);

    /// <summary>The live show's state, with a flash sale on the jade roller when asked.</summary>
    public static ShowState LiveShow(DateTimeOffset now, bool jadeOnSale = false, bool brands = false)
    {
        var state = new ShowState();
        state.Load(Detail(now, brands));
        var snapshot = new RoomSnapshot(ShowId, 10, ShowStatus.Live, now.AddMinutes(-5), null, [Jade], jadeOnSale ? [JadeSale(now)] : [], [], 0, new ChatSettingsDto(0, null));
        state.ApplyJoin(new JoinResult(ShowId, now, snapshot, [], new RoomStats(ShowId, 12, 12, 0, 0, now)), now);
        return state;
    }

    public static OrderDto Order(
        string number,
        OrderStatus status,
        DateTimeOffset placedAt,
        Guid? id = null,
        decimal unitPrice = 490m,
        int quantity = 2,
        DateTimeOffset? updatedAt = null) => new(
        Id: id ?? Guid.NewGuid(),
        Number: number,
        ShowId: ShowId,
        ShowTitle: "Spring beauty haul",
        BuyerId: Buyer,
        BuyerName: "Mei Lin",
        Status: status,
        Currency: Currencies.Twd,
        Total: unitPrice * quantity,
        Lines: [new OrderLineDto(Jade, "Jade Face Roller", JadeItem.ImageUrl, quantity, unitPrice, 690m, null, unitPrice * quantity)],
        ShippingAddress: Address,
        PaymentMethod: status == OrderStatus.CashOnDelivery ? PaymentMethod.CashOnDelivery : PaymentMethod.Card,
        CardLast4: status == OrderStatus.CashOnDelivery ? null : "4242",
        PaymentReference: null,
        Channel: SalesChannel.Live,
        AffiliateCode: null,
        PlacedAt: placedAt,
        UpdatedAt: updatedAt ?? placedAt);
}
