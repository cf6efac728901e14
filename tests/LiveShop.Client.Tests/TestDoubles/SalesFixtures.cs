using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Tests.TestDoubles;

/// <summary>A TWD show with two orders, one share link and a co-host, as the server would report it.</summary>
public static class SalesFixtures
{
    public static readonly Guid ShowId = Guid.Parse("5a1e5000-0000-4000-8000-000000000001");
    public static readonly Guid HostId = Guid.Parse("5a1e5000-0000-4000-8000-0000000000a1");
    public static readonly Guid CoHostId = Guid.Parse("5a1e5000-0000-4000-8000-0000000000a2");
    public static readonly Guid RollerId = Guid.Parse("5a1e5000-0000-4000-8000-0000000000b1");
    public static readonly Guid TeaId = Guid.Parse("5a1e5000-0000-4000-8000-0000000000b2");
    public static readonly Guid PaidOrderId = Guid.Parse("5a1e5000-0000-4000-8000-0000000000c1");
    public static readonly Guid ShippedOrderId = Guid.Parse("5a1e5000-0000-4000-8000-0000000000c2");
    public static readonly DateTimeOffset WentLive = new(2025, 3, 14, 10, 0, 0, TimeSpan.Zero);

    public static SalesSummaryDto Summary(decimal gmv = 2_970m, int orders = 2, int units = 3, int buyers = 2, int viewers = 40) =>
        new(ShowId, Currencies.Twd, gmv, orders, units, buyers, viewers, (decimal)buyers / viewers, orders == 0 ? 0 : gmv / orders);

    public static SalesDashboardDto Dashboard(SalesSummaryDto? summary = null) => new(
        ShowId,
        "Spring skincare",
        ShowStatus.Live,
        WentLive,
        EndedAt: null,
        summary ?? Summary(),
        TopProducts:
        [
            new TopProductDto(RollerId, "Jade Roller", "/img/roller.png", 2, 1_980m),
            new TopProductDto(TeaId, "Oolong 150g", "/img/tea.png", 1, 990m),
        ],
        FlashSales:
        [
            new FlashSaleResultDto(Guid.NewGuid(), RollerId, "Jade Roller", 990m, 1_290m, QuantityCap: 20, PerBuyerCap: 2, UnitsAtFlashPrice: 20,
                StartsAt: WentLive.AddMinutes(5), EndsAt: WentLive.AddMinutes(10), EndedAt: WentLive.AddMinutes(6).AddSeconds(12),
                EndReason: FlashSaleEndReason.SoldOut, SoldOutAt: WentLive.AddMinutes(6).AddSeconds(12)),
        ],
        PerMinute:
        [
            new MinutePointDto(WentLive, 12, 0),
            new MinutePointDto(WentLive.AddMinutes(1), 30, 1),
            new MinutePointDto(WentLive.AddMinutes(2), 40, 1),
        ],
        new AttributionReportDto(
            AttributionModel.Linear,
            WindowDays: 7,
            HalfLifeHours: 24,
            Total: 2_970m,
            Rows:
            [
                new AttributionRowDto("MEI7", "Jade Roller link", "Mei Lin", LastTouch: 1_790m, FirstTouch: 990m, Linear: 1_390m, TimeDecay: 1_520m),
                new AttributionRowDto(null, "Direct", "", LastTouch: 1_180m, FirstTouch: 1_980m, Linear: 1_580m, TimeDecay: 1_450m),
            ]),
        new EarningsDto(Currencies.Twd, 2_970m, 0.1m, 297m,
            new EarningShareDto(HostId, "Mei Lin", 0.7m, 207.9m),
            new EarningShareDto(CoHostId, "Ken Wu", 0.3m, 89.1m)));

    public static OrderDto Order(Guid id, string number, OrderStatus status, DateTimeOffset placedAt, string? affiliate = null) => new(
        id,
        number,
        ShowId,
        "Spring skincare",
        Guid.NewGuid(),
        "Amy Chen",
        status,
        Currencies.Twd,
        1_980m,
        [new OrderLineDto(RollerId, "Jade Roller", "/img/roller.png", 2, 990m, 1_290m, null, 1_980m)],
        new ShippingAddressDto("Amy Chen", "1 Xinyi Rd", null, "Taipei", "110", "TW", "0912345678"),
        PaymentMethod.Card,
        "4242",
        "pay_1",
        affiliate is null ? SalesChannel.Live : SalesChannel.Link,
        affiliate,
        placedAt,
        placedAt);

    public static IReadOnlyList<OrderDto> Orders() =>
    [
        Order(PaidOrderId, "LS-1002", OrderStatus.Paid, WentLive.AddMinutes(2), affiliate: "MEI7"),
        Order(ShippedOrderId, "LS-1001", OrderStatus.Shipped, WentLive.AddMinutes(1)),
    ];

    public static IReadOnlyList<ShareLinkDto> Links() =>
    [
        new ShareLinkDto("MEI7", "/r/MEI7", ShowId, RollerId, "Jade Roller", HostId, "Mei Lin", WentLive.AddDays(-1), Touches: 31, Orders: 1, Gmv: 1_980m),
    ];

    public static ShowDetailDto Show() => new(
        ShowId,
        "Spring skincare",
        "",
        new HostDto(HostId, "Mei Lin"),
        ShowStatus.Live,
        WentLive,
        WentLive,
        null,
        Currencies.Twd,
        new VideoSourceDto(VideoSourceKind.StreamUrl, null, null),
        [
            new LineupItemDto(RollerId, "JR-1", "Jade Roller", "/img/roller.png", 1_290m, Currencies.Twd, 10, 1),
            new LineupItemDto(TeaId, "OO-150", "Oolong 150g", "/img/tea.png", 990m, Currencies.Twd, 5, 2),
        ],
        new HostDto(CoHostId, "Ken Wu"));
}
