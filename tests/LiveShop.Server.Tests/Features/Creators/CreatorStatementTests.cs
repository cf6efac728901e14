using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Orders;

namespace LiveShop.Server.Tests.Features.Creators;

/// <summary>
/// Monthly statements and payouts (issue 17): commission stays pending until the order is delivered and the return
/// period has passed; the brand then marks what is due paid, once; the creator reads the same statement.
/// </summary>
public class CreatorStatementTests(FakeClockLiveShopFactory factory) : IClassFixture<FakeClockLiveShopFactory>
{
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");

    [Fact]
    public async Task CommissionConfirmedAfterDeliveryAndReturns_TheBrandPaysWhatIsDue_Once()
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        (await owner.Http.PutAsJsonAsync(ApiRoutes.ShopCreatorProgram(DemoSeeder.DemoShopId), new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.10m, 14, true, []))).EnsureSuccessStatusCode();
        await using var room = await LiveRoom.StartAsync(factory, "Statement night");
        var creator = await factory.RegisterAsync(asHost: false, "Statement Creator");
        (await creator.Http.PutAsJsonAsync(ApiRoutes.CreatorProfile, new CreatorProfileRequest("paid." + Guid.NewGuid().ToString("N")[..6], "Paid Creator", null, null))).EnsureSuccessStatusCode();
        (await creator.Http.PostAsync(ApiRoutes.CreatorProgramJoin(DemoSeeder.DemoShopId), null)).EnsureSuccessStatusCode();
        var link = (await (await creator.Http.PostAsJsonAsync(ApiRoutes.CreatorLinks, new CreatorLinkRequest(room.Show.Id, DemoSeeder.ProductId(1)))).Content.ReadFromJsonAsync<CreatorLinkResultDto>())!;

        var viewer = await factory.RegisterAsync(asHost: false, "Statement Viewer");
        await viewer.Http.OpenShareLinkAsync(link.Url);
        var order = await viewer.Http.BuyAsync(Shopping.Request(room.Show.Id, DemoSeeder.ProductId(1), 690m, quantity: 2));
        var month = TimeZoneInfo.ConvertTime(order.PlacedAt, Taipei).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var me = creator.User.Id!.Value;

        // Paid by card but not delivered: all pending, nothing due, nothing to mark paid.
        var pending = await StatementAsync(owner, month, me);
        Assert.Equal((1, 0, 1380m, 138m, 0m, 0m), (pending.Orders, pending.RefundedOrders, pending.Gmv, pending.CommissionPending, pending.CommissionConfirmed, pending.Due));
        var early = await MarkPaidAsync(owner, me, month);
        Assert.Equal((HttpStatusCode.Conflict, ProblemCodes.NothingDue), (early.StatusCode, (await Problem.ReadAsync(early)).Code));

        // Delivered, and the 7-day return period passes: confirmed and due.
        foreach (var status in new[] { OrderStatus.Packed, OrderStatus.Shipped, OrderStatus.Delivered })
        {
            (await room.Host.Http.PostAsJsonAsync(ApiRoutes.OrderStatus(order.Id), new ChangeOrderStatusRequest(status, status == OrderStatus.Shipped ? "Chunghwa Post" : null, status == OrderStatus.Shipped ? "RR1TW" : null))).EnsureSuccessStatusCode();
        }

        Assert.Equal(0m, (await StatementAsync(owner, month, me)).Due);
        factory.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var due = await StatementAsync(owner, month, me);
        Assert.Equal((0m, 138m, 138m), (due.CommissionPending, due.CommissionConfirmed, due.Due));

        // Another brand can neither read nor pay it; the creator cannot pay themselves.
        var (other, otherShop) = await factory.RegisterSellerAsync("Other Payer " + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync(ApiRoutes.ShopCreatorStatements(DemoSeeder.DemoShopId))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await MarkPaidAsync(other, me, month)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await MarkPaidAsync(creator, me, month)).StatusCode);
        Assert.Empty((await other.Http.GetFromJsonAsync<List<CreatorStatementDto>>($"{ApiRoutes.ShopCreatorStatements(otherShop.Id)}?month={month}"))!);

        // Paid once; a second time there is nothing due.
        var paid = await MarkPaidAsync(owner, me, month);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        var after = (await paid.Content.ReadFromJsonAsync<CreatorStatementDto>())!;
        Assert.Equal((138m, 0m), (after.Paid, after.Due));
        Assert.NotNull(after.LastPaidAt);
        Assert.Equal(HttpStatusCode.Conflict, (await MarkPaidAsync(owner, me, month)).StatusCode);

        // The creator reads the same statement; a month given badly is refused.
        var mine = Assert.Single((await creator.Http.GetFromJsonAsync<List<CreatorStatementDto>>($"{ApiRoutes.CreatorStatements}?month={month}"))!);
        Assert.Equal((DemoSeeder.DemoShopId, 138m, 138m, 0m), (mine.ShopId, mine.CommissionConfirmed, mine.Paid, mine.Due));
        var bad = await creator.Http.GetAsync($"{ApiRoutes.CreatorStatements}?month=2026-13");
        Assert.Equal((HttpStatusCode.BadRequest, ProblemCodes.MonthInvalid), (bad.StatusCode, (await Problem.ReadAsync(bad)).Code));
    }

    private static async Task<CreatorStatementDto> StatementAsync(SignedIn owner, string month, Guid creatorId) =>
        (await owner.Http.GetFromJsonAsync<List<CreatorStatementDto>>($"{ApiRoutes.ShopCreatorStatements(DemoSeeder.DemoShopId)}?month={month}"))!.Single(s => s.CreatorId == creatorId);

    private static Task<HttpResponseMessage> MarkPaidAsync(SignedIn who, Guid creatorId, string month) =>
        who.Http.PostAsJsonAsync(ApiRoutes.ShopCreatorStatementPaid(DemoSeeder.DemoShopId, creatorId), new MarkStatementPaidRequest(month, "TWD"));
}
