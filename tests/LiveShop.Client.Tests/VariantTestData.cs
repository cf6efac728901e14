using LiveShop.Client.State;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Tests;

/// <summary>A silk scarf in three colours (blue sold out, green dearer) and a tee in colour × size, in a live show.</summary>
public static class VariantTestData
{
    public static readonly Guid ShowId = ShopTestData.ShowId;
    public static readonly Guid Scarf = Guid.Parse("5ca4f000-0000-4000-8000-000000000001");
    public static readonly Guid Red = Guid.Parse("5ca4f000-0000-4000-8000-0000000000a1");
    public static readonly Guid Blue = Guid.Parse("5ca4f000-0000-4000-8000-0000000000a2");
    public static readonly Guid Green = Guid.Parse("5ca4f000-0000-4000-8000-0000000000a3");
    public static readonly Guid Tee = Guid.Parse("7ee00000-0000-4000-8000-000000000001");
    public static readonly Guid BlackM = Guid.Parse("7ee00000-0000-4000-8000-0000000000b1");
    public static readonly Guid BlackL = Guid.Parse("7ee00000-0000-4000-8000-0000000000b2");
    public static readonly Guid WhiteM = Guid.Parse("7ee00000-0000-4000-8000-0000000000b3");
    public static readonly Guid SaleId = Guid.Parse("5a1e0000-0000-4000-8000-000000000001");

    public static readonly LineupItemDto ScarfItem = new(
        Scarf, "SCARF", "Silk scarf", "https://img.example/scarf.jpg", 1200m, Currencies.Twd, Stock: 8, Position: 0,
        Options: ["Colour"],
        Variants:
        [
            new ProductVariantDto(Red, "SCARF-RED", ["Red"], 1200m, 5),
            new ProductVariantDto(Blue, "SCARF-BLUE", ["Blue"], 1200m, 0),
            new ProductVariantDto(Green, "SCARF-GREEN", ["Green"], 1400m, 3),
        ]);

    /// <summary>Black in M and L, white in M only (and sold out).</summary>
    public static readonly LineupItemDto TeeItem = new(
        Tee, "TEE", "Cotton tee", "https://img.example/tee.jpg", 500m, Currencies.Twd, Stock: 6, Position: 1,
        Options: ["Colour", "Size"],
        Variants:
        [
            new ProductVariantDto(BlackM, "TEE-BM", ["Black", "M"], 500m, 2),
            new ProductVariantDto(BlackL, "TEE-BL", ["Black", "L"], 500m, 4),
            new ProductVariantDto(WhiteM, "TEE-WM", ["White", "M"], 500m, 0),
        ]);

    /// <summary>A flash price of NT$900 on the scarf, for <paramref name="variants"/> (none: every colour).</summary>
    public static FlashSaleDto ScarfSale(DateTimeOffset now, params Guid[] variants) =>
        new(SaleId, Scarf, 900m, 1200m, Currencies.Twd, now.AddMinutes(-1), now.AddMinutes(2), QuantityCap: 10, PerBuyerCap: 5, Sold: 0,
            VariantIds: variants.Length == 0 ? null : variants);

    /// <summary>The live show with the scarf (pinned) and the tee, and the sale if given.</summary>
    public static ShowState LiveShow(DateTimeOffset now, FlashSaleDto? sale = null)
    {
        var state = new ShowState();
        state.Load(ShopTestData.Detail(now) with { Lineup = [ScarfItem, TeeItem] });
        var snapshot = new RoomSnapshot(ShowId, 10, ShowStatus.Live, now.AddMinutes(-5), null, [Scarf], sale is null ? [] : [sale], [], 0, new ChatSettingsDto(0, null));
        state.ApplyJoin(new JoinResult(ShowId, now, snapshot, [], new RoomStats(ShowId, 12, 12, 0, 0, now)), now);
        return state;
    }
}
