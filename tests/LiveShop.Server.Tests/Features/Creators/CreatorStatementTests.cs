using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Orders;

namespace LiveShop.Server.Tests.Features.Creators;

/// <summary>
/// Monthly statements and payouts (issue 17): commission stays pending until the order is delivered (and its return
/// period has passed: none on this server); the brand then marks what is due paid, once; the creator reads the same
/// statement, without the lines not opened to them.
/// </summary>
public class CreatorStatementTests(ConfirmAtDeliveryFactory factory) : IClassFixture<ConfirmAtDeliveryFactory>
{
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");

    [Fact]
    public async Task CommissionConfirmedAfterDeliveryAndReturns_TheBrandPaysWhatIsDue_Once()
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        (await owner.Http.PutAsJsonAsync(ApiRoutes.ShopCreatorProgram(DemoSeeder.DemoShopId), new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.10m, 14, false, [new ProgramProductDto(DemoSeeder.ProductId(1), null)]))).EnsureSuccessStatusCode();
        await using var room = await LiveRoom.StartAsync(factory, "Statement night");
        var creator = await factory.RegisterAsync(asHost: false, "Statement Creator");
        (await creator.Http.PutAsJsonAsync(ApiRoutes.CreatorProfile, new CreatorProfileRequest("paid." + Guid.NewGuid().ToString("N")[..6], "Paid Creator", null, null))).EnsureSuccessStatusCode();
        (await creator.Http.PostAsync(ApiRoutes.CreatorProgramJoin(DemoSeeder.DemoShopId), null)).EnsureSuccessStatusCode();
        var link = (await (await creator.Http.PostAsJsonAsync(ApiRoutes.CreatorLinks, new CreatorLinkRequest(room.Show.Id, DemoSeeder.ProductId(1)))).Content.ReadFromJsonAsync<CreatorLinkResultDto>())!;

        var viewer = await factory.RegisterAsync(asHost: false, "Statement Viewer");
        await viewer.Http.OpenShareLinkAsync(link.Url);
        // Two jade rollers (opened to the creator) and an oolong (not opened).
        var order = await viewer.Http.BuyAsync(new PlaceOrderRequest(room.Show.Id,
            [new PlaceOrderLine(DemoSeeder.ProductId(1), 2, 690m), new PlaceOrderLine(DemoSeeder.ProductId(2), 1, 890m)], Shopping.Address, Shopping.GoodCard));
        var month = TimeZoneInfo.ConvertTime(order.PlacedAt, Taipei).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var me = creator.User.Id!.Value;

        // Paid by card but not delivered: all pending, nothing due, nothing to mark paid.
        var pending = await StatementAsync(owner, month, me);
        Assert.Equal((1, 0, 2270m, 138m, 0m, 0m), (pending.Orders, pending.RefundedOrders, pending.Gmv, pending.CommissionPending, pending.CommissionConfirmed, pending.Due));
        var early = await MarkPaidAsync(owner, me, month);
        Assert.Equal((HttpStatusCode.Conflict, ProblemCodes.NothingDue), (early.StatusCode, (await Problem.ReadAsync(early)).Code));

        // Delivered (the return period is 0 days here): confirmed and due.
        foreach (var status in new[] { OrderStatus.Packed, OrderStatus.Shipped, OrderStatus.Delivered })
        {
            (await room.Host.Http.PostAsJsonAsync(ApiRoutes.OrderStatus(order.Id), new ChangeOrderStatusRequest(status, status == OrderStatus.Shipped ? "Chunghwa Post" : null, status == OrderStatus.Shipped ? "RR1TW" : null))).EnsureSuccessStatusCode();
        }

        var due = await StatementAsync(owner, month, me);
        Assert.Equal((0m, 138m, 138m), (due.CommissionPending, due.CommissionConfirmed, due.Due));

        // Another brand can neither read nor pay it; the creator cannot pay themselves.
        var (other, otherShop) = await factory.RegisterSellerAsync("Other Payer " + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync(ApiRoutes.ShopCreatorStatements(DemoSeeder.DemoShopId))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await MarkPaidAsync(other, me, month)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await MarkPaidAsync(creator, me, month)).StatusCode);
        Assert.Empty((await other.Http.GetFromJsonAsync<List<CreatorStatementDto>>($"{ApiRoutes.ShopCreatorStatements(otherShop.Id)}?month={month}"))!);

        // A stale amount is refused; two "mark paid" at once (a double click) record one payout.
        var stale = await owner.Http.PostAsJsonAsync(ApiRoutes.ShopCreatorStatementPaid(DemoSeeder.DemoShopId, me), new MarkStatementPaidRequest(month, "TWD", 100m));
        Assert.Equal((HttpStatusCode.Conflict, ProblemCodes.NothingDue), (stale.StatusCode, (await Problem.ReadAsync(stale)).Code));
        var both = await Task.WhenAll(MarkPaidAsync(owner, me, month, 138m), MarkPaidAsync(owner, me, month, 138m));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order());
        var paid = both.Single(r => r.StatusCode == HttpStatusCode.OK);
        var after = (await paid.Content.ReadFromJsonAsync<CreatorStatementDto>())!;
        Assert.Equal((138m, 0m), (after.Paid, after.Due));
        Assert.NotNull(after.LastPaidAt);
        Assert.Equal(HttpStatusCode.Conflict, (await MarkPaidAsync(owner, me, month)).StatusCode);

        // The creator reads the same statement; a month given badly is refused.
        var mine = Assert.Single((await creator.Http.GetFromJsonAsync<List<CreatorStatementDto>>($"{ApiRoutes.CreatorStatements}?month={month}"))!);
        Assert.Equal((DemoSeeder.DemoShopId, 138m, 138m, 0m), (mine.ShopId, mine.CommissionConfirmed, mine.Paid, mine.Due));
        Assert.Equal(1380m, mine.Gmv);   // the oolong was not opened to the creator: not in their statement
        Assert.Equal(138m, (await StatementAsync(owner, month, me)).Paid);
        var bad = await creator.Http.GetAsync($"{ApiRoutes.CreatorStatements}?month=2026-13");
        Assert.Equal((HttpStatusCode.BadRequest, ProblemCodes.MonthInvalid), (bad.StatusCode, (await Problem.ReadAsync(bad)).Code));

        // Both export the statement: the brand's row for this creator (confirmed 138.00, paid 138.00, due 0.00), named for the month.
        var csv = await owner.Http.GetAsync($"{ApiRoutes.ShopCreatorStatementsCsv(DemoSeeder.DemoShopId)}?month={month}");
        Assert.Equal(($"liveshop-creator-statements-{month}.csv", "text/csv"), (csv.Content.Headers.ContentDisposition?.FileName, csv.Content.Headers.ContentType?.MediaType));
        var brandRow = (await csv.Content.ReadAsStringAsync()).Split("\r\n").Single(l => l.Contains(mine.Handle, StringComparison.Ordinal) && l.Contains(month, StringComparison.Ordinal));
        Assert.EndsWith(",138.00,138.00,0.00," + after.LastPaidAt!.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), brandRow, StringComparison.Ordinal);
        var creatorCsv = await creator.Http.GetStringAsync($"{ApiRoutes.CreatorStatementsCsv}?month={month}");
        Assert.Contains(",1380.00,0.00,138.00,138.00,0.00,", creatorCsv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await creator.Http.GetAsync(ApiRoutes.ShopCreatorStatementsCsv(DemoSeeder.DemoShopId))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await creator.Http.GetAsync($"{ApiRoutes.CreatorStatementsCsv}?month=May")).StatusCode);
    }

    private static async Task<CreatorStatementDto> StatementAsync(SignedIn owner, string month, Guid creatorId) =>
        (await owner.Http.GetFromJsonAsync<List<CreatorStatementDto>>($"{ApiRoutes.ShopCreatorStatements(DemoSeeder.DemoShopId)}?month={month}"))!.Single(s => s.CreatorId == creatorId);

    private static Task<HttpResponseMessage> MarkPaidAsync(SignedIn who, Guid creatorId, string month, decimal? amount = null) =>
        who.Http.PostAsJsonAsync(ApiRoutes.ShopCreatorStatementPaid(DemoSeeder.DemoShopId, creatorId), new MarkStatementPaidRequest(month, "TWD", amount));
}
