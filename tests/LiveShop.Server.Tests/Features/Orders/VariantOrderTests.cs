using System.Net;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR;

namespace LiveShop.Server.Tests.Features.Orders;

/// <summary>
/// Buying a product with variants in the live room: the buyer picks a variant, pays its price (or the flash
/// price when the running sale is for it), and takes its stock and the product's total together; every room
/// carrying the product learns each variant's stock; a declined card gives the variant its units back.
/// </summary>
public class VariantOrderTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private static readonly Guid Scarf = DemoSeeder.ProductId(5);   // Colour: Indigo (10), Tea (8) at NT$1,290; Jade (7) at NT$1,390
    private static readonly Guid Roller = DemoSeeder.ProductId(1);  // no variants, NT$690

    [Fact]
    public async Task BuyingAVariant_TakesItsStockAndTheTotal_AndEveryLiveRoomLearnsEachVariantsStock()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Scarves", lineup: [Scarf, Roller]);
        await using var other = await LiveRoom.StartAsync(factory, "Scarves elsewhere", lineup: [Scarf]);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        await using var elsewhere = await RoomWatcher.JoinAsync(factory, other.Show);
        var item = room.Show.Lineup.Single(l => l.ProductId == Scarf);
        Assert.Equal(["Colour"], item.Options!);
        Assert.Equal([("Indigo", 1290m), ("Tea", 1290m), ("Jade", 1390m)], item.Variants!.Select(v => (v.Label, v.Price)));
        Assert.Equal(item.Variants!.Sum(v => v.Stock), item.Stock);
        Assert.Null(room.Show.Lineup.Single(l => l.ProductId == Roller).Variants);
        var (indigo, tea, jade) = Ids(room.Show);
        var (total, before) = await factory.VariantStockAsync(Scarf);
        var buyer = await factory.GuestAsync("Scarf Lover");

        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Scarf, tea, 1290m, quantity: 2));

        var line = Assert.Single(order.Lines);
        Assert.Equal((tea, "Tea", 1290m, 1290m, 2), (line.VariantId, line.VariantLabel, line.UnitPrice, line.ListPrice, line.Quantity));
        var (totalAfter, after) = await factory.VariantStockAsync(Scarf);
        Assert.Equal((total - 2, before[indigo], before[tea] - 2, before[jade]), (totalAfter, after[indigo], after[tea], after[jade]));

        // The ordering room and another live show carrying the scarf: the total and every variant's stock.
        var here = await viewer.NextAsync<ProductStockEvent>(e => e.ProductId == Scarf);
        Assert.Equal(total - 2, here.Stock);
        Assert.Equal([(indigo, before[indigo]), (tea, before[tea] - 2), (jade, before[jade])], here.Variants!.Select(v => (v.VariantId, v.Stock)));
        var there = await elsewhere.NextAsync<ProductStockEvent>(e => e.ProductId == Scarf && e.Stock == total - 2);
        Assert.Equal(here.Variants!, there.Variants!);

        // A page that joins now gets them in its snapshot, and the show page in its lineup.
        await using var fresh = await RoomWatcher.JoinAsync(factory, other.Show);
        Assert.Equal(here.Variants!, fresh.LastJoin!.Snapshot!.Stock!.Single(s => s.ProductId == Scarf).Variants!);
        var reloaded = await buyer.Http.GetShowAsync(room.Show.Id);
        Assert.Equal(before[tea] - 2, reloaded.Lineup.Single(l => l.ProductId == Scarf).Variants!.Single(v => v.Id == tea).Stock);
    }

    [Fact]
    public async Task ASoldOutVariant_IsRefusedByName_WhileTheOtherVariantsSell_TwoInOneOrder()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Jade is gone", lineup: [Scarf]);
        var (indigo, tea, jade) = Ids(room.Show);
        await factory.SetVariantStockAsync(Scarf, jade, 0);
        var (total, before) = await factory.VariantStockAsync(Scarf);
        var buyer = await factory.GuestAsync("Jade Fan");

        var refused = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Scarf, jade, 1390m), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await Shopping.ProblemJsonAsync(refused);
        Assert.Equal(ProblemCodes.OutOfStock, problem.GetProperty("code").GetString());
        Assert.Equal("“Hand-dyed Silk Scarf (Jade)” is sold out.", problem.GetProperty("detail").GetString());
        Assert.Equal(jade, problem.GetProperty("variantId").GetGuid());

        var order = await buyer.Http.BuyAsync(new PlaceOrderRequest(room.Show.Id,
            [new PlaceOrderLine(Scarf, 1, 1290m, indigo), new PlaceOrderLine(Scarf, 2, 1290m, tea)], Shopping.Address, Shopping.GoodCard));

        Assert.Equal([(indigo, "Indigo", 1), (tea, "Tea", 2)], order.Lines.Select(l => (l.VariantId, l.VariantLabel, l.Quantity)));
        Assert.Equal(3 * 1290m, order.Total);
        var (totalAfter, after) = await factory.VariantStockAsync(Scarf);
        Assert.Equal((total - 3, before[indigo] - 1, before[tea] - 2, 0), (totalAfter, after[indigo], after[tea], after[jade]));
    }

    [Fact]
    public async Task AMissingUnknownOrNeedlessVariant_IsRefused_AndNothingChanges()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Choose a colour", lineup: [Scarf, Roller]);
        var (indigo, _, _) = Ids(room.Show);
        var scarfBefore = await factory.VariantStockAsync(Scarf);
        var buyer = await factory.GuestAsync("Undecided");
        var rollerBefore = await buyer.Http.StockAsync(Roller);
        (PlaceOrderLine[] Lines, HttpStatusCode Status, string Code)[] cases =
        [
            ([new(Scarf, 1, 1290m)], HttpStatusCode.BadRequest, ProblemCodes.VariantRequired),
            ([new(Scarf, 1, 1290m, Guid.NewGuid())], HttpStatusCode.NotFound, ProblemCodes.VariantNotFound),
            ([new(Roller, 1, 690m, indigo)], HttpStatusCode.BadRequest, ProblemCodes.VariantsInvalid),
            ([new(Scarf, 1, 1290m, indigo), new(Scarf, 2, 1290m, indigo)], HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed),
            ([new(Roller, 1, 690m), new(Scarf, 1, 1290m)], HttpStatusCode.BadRequest, ProblemCodes.VariantRequired),
        ];

        foreach (var (lines, status, code) in cases)
        {
            var response = await buyer.Http.PostOrderAsync(new PlaceOrderRequest(room.Show.Id, lines, Shopping.Address, Shopping.GoodCard), Guid.NewGuid().ToString());
            var problem = await Problem.ReadAsync(response);
            Assert.Equal((status, code), (response.StatusCode, problem.Code));
        }

        var scarfAfter = await factory.VariantStockAsync(Scarf);
        Assert.Equal(scarfBefore.Total, scarfAfter.Total);
        Assert.Equal(scarfBefore.Variants.OrderBy(v => v.Key), scarfAfter.Variants.OrderBy(v => v.Key));
        Assert.Equal(rollerBefore, await buyer.Http.StockAsync(Roller));
        Assert.Empty(await buyer.Http.MyOrdersAsync());
    }

    [Fact]
    public async Task AFlashSaleOnOneVariant_PricesOnlyThatVariant_AndStartsOnlyBelowItsVariantsListPrices()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Jade hour", lineup: [Scarf, Roller]);
        var (indigo, tea, jade) = Ids(room.Show);
        await factory.SetVariantStockAsync(Scarf, jade, 7);

        var sale = (await room.StartSaleAsync(Scarf, 990m, quantity: 5, perBuyer: 2, variants: [jade])).Sale;

        Assert.Equal([jade], sale.VariantIds!);
        Assert.Equal(1390m, sale.ListPrice);
        var buyer = await factory.GuestAsync("Bargain Hunter");
        var flash = Assert.Single((await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Scarf, jade, 990m))).Lines);
        Assert.Equal((sale.Id, 990m, 1390m), (flash.FlashSaleId, flash.UnitPrice, flash.ListPrice));

        // Indigo is not on sale: the flash price is refused for it, its list price sells.
        var refused = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Scarf, indigo, 990m), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await Shopping.ProblemJsonAsync(refused);
        Assert.Equal((ProblemCodes.PriceChanged, 1290m), (problem.GetProperty("code").GetString(), problem.GetProperty("currentPrice").GetDecimal()));
        var list = Assert.Single((await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Scarf, indigo, 1290m))).Lines);
        Assert.Equal((null, 1290m), (list.FlashSaleId, list.UnitPrice));

        // What a host may not start: a price not below every chosen variant's, a variant not the product's, variants on a product without, a sold-out variant.
        await factory.SetVariantStockAsync(Scarf, tea, 0);
        Assert.Contains(ProblemCodes.FlashPriceInvalid, (await Assert.ThrowsAsync<HubException>(() => room.StartSaleAsync(Scarf, 1300m, variants: [indigo, jade]))).Message);
        Assert.Contains(ProblemCodes.VariantNotFound, (await Assert.ThrowsAsync<HubException>(() => room.StartSaleAsync(Scarf, 990m, variants: [Guid.NewGuid()]))).Message);
        Assert.Contains(ProblemCodes.VariantsInvalid, (await Assert.ThrowsAsync<HubException>(() => room.StartSaleAsync(Roller, 490m, variants: [indigo]))).Message);
        var soldOut = await Assert.ThrowsAsync<HubException>(() => room.StartSaleAsync(Scarf, 990m, quantity: 1, variants: [tea]));
        Assert.Contains(ProblemCodes.FlashQuantityInvalid, soldOut.Message);
        Assert.Contains("“Hand-dyed Silk Scarf (Tea)” is sold out", soldOut.Message);
    }

    [Fact]
    public async Task AnAllVariantSale_CountsItsUnitsAndPerBuyerCapAcrossVariants()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Every colour", lineup: [Scarf]);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var (indigo, tea, jade) = Ids(room.Show);
        await factory.SetVariantStockAsync(Scarf, indigo, 10);
        await factory.SetVariantStockAsync(Scarf, tea, 8);
        await factory.SetVariantStockAsync(Scarf, jade, 7);

        var sale = (await room.StartSaleAsync(Scarf, 990m, quantity: 3, perBuyer: 2)).Sale;
        Assert.Null(sale.VariantIds);
        Assert.Equal(1290m, sale.ListPrice);

        // Two colours in one order: both at the flash price, two of the buyer's two.
        var first = await factory.GuestAsync("Two Colours");
        var both = await first.Http.BuyAsync(new PlaceOrderRequest(room.Show.Id,
            [new PlaceOrderLine(Scarf, 1, 990m, indigo), new PlaceOrderLine(Scarf, 1, 990m, tea)], Shopping.Address, Shopping.GoodCard));
        Assert.All(both.Lines, l => Assert.Equal((sale.Id, 990m), (l.FlashSaleId, l.UnitPrice)));
        Assert.Equal(2, (await viewer.NextAsync<FlashSaleUpdatedEvent>(e => e.SaleId == sale.Id && e.Sold == 2)).Sold);

        var third = await first.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Scarf, jade, 990m), Guid.NewGuid().ToString());
        Assert.Equal(ProblemCodes.PerBuyerCapReached, (await Problem.ReadAsync(third)).Code);

        var second = await factory.GuestAsync("Last Unit");
        Assert.Equal(sale.Id, Assert.Single((await second.Http.BuyAsync(Shopping.Request(room.Show.Id, Scarf, jade, 990m))).Lines).FlashSaleId);
        var ended = await viewer.NextAsync<FlashSaleEndedEvent>(e => e.SaleId == sale.Id);
        Assert.Equal((FlashSaleEndReason.SoldOut, 3), (ended.Reason, ended.Sold));
    }

    [Fact]
    public async Task AVariantSale_EndsWhenItsVariantRunsOutElsewhere_NotWhenAnotherVariantSells()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Jade flash", lineup: [Scarf]);
        await using var other = await LiveRoom.StartAsync(factory, "Jade at list price", lineup: [Scarf]);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var (indigo, _, jade) = Ids(room.Show);
        await factory.SetVariantStockAsync(Scarf, indigo, 10);
        await factory.SetVariantStockAsync(Scarf, jade, 2);
        var sale = (await room.StartSaleAsync(Scarf, 990m, quantity: 2, perBuyer: 2, variants: [jade])).Sale;
        var buyer = await factory.GuestAsync("Other Show Buyer");

        await buyer.Http.BuyAsync(Shopping.Request(other.Show.Id, Scarf, indigo, 1290m, quantity: 3));
        await viewer.NextAsync<ProductStockEvent>(e => e.ProductId == Scarf && e.Variants!.Single(v => v.VariantId == indigo).Stock == 7);
        await buyer.Http.BuyAsync(Shopping.Request(other.Show.Id, Scarf, jade, 1390m, quantity: 2));

        var gone = await viewer.NextAsync<ProductStockEvent>(e => e.ProductId == Scarf && e.Variants!.Single(v => v.VariantId == jade).Stock == 0);
        var ended = await viewer.NextAsync<FlashSaleEndedEvent>(e => e.SaleId == sale.Id);
        Assert.Equal((FlashSaleEndReason.SoldOut, 0, gone.Sequence + 1), (ended.Reason, ended.Sold, ended.Sequence));
    }

    [Fact]
    public async Task ADeclinedCard_GivesTheVariantItsUnitsBack_AndTheRoomSeesIt()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Declined scarf", lineup: [Scarf]);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var (indigo, _, _) = Ids(room.Show);
        await factory.SetVariantStockAsync(Scarf, indigo, 10);
        var (total, before) = await factory.VariantStockAsync(Scarf);
        var buyer = await factory.GuestAsync("Declined Scarf");

        var declined = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Scarf, indigo, 1290m, quantity: 4, payment: Shopping.DeclinedCard), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        var taken = await viewer.NextAsync<ProductStockEvent>(e => e.ProductId == Scarf && e.Stock == total - 4);
        Assert.Equal(6, taken.Variants!.Single(v => v.VariantId == indigo).Stock);
        var back = await viewer.NextAsync<ProductStockEvent>(e => e.ProductId == Scarf && e.Stock == total);
        Assert.Equal(10, back.Variants!.Single(v => v.VariantId == indigo).Stock);
        var after = await factory.VariantStockAsync(Scarf);
        Assert.Equal(total, after.Total);
        Assert.Equal(before.OrderBy(v => v.Key), after.Variants.OrderBy(v => v.Key));
    }

    private static (Guid Indigo, Guid Tea, Guid Jade) Ids(ShowDetailDto show)
    {
        var variants = show.Lineup.Single(l => l.ProductId == Scarf).Variants!.ToDictionary(v => v.Label, v => v.Id);
        return (variants["Indigo"], variants["Tea"], variants["Jade"]);
    }
}
