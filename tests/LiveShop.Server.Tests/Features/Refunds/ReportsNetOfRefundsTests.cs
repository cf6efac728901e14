using System.Net;
using System.Net.Http.Json;
using System.Text;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Sales;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Refunds;

/// <summary>Every report counts what the buyer kept: GMV, units, top products, the four attribution models, commission, the CSV.</summary>
public class ReportsNetOfRefundsTests(RefundsFactory factory) : IClassFixture<RefundsFactory>
{
    private static readonly Guid Jade = LiveRoom.Lineup[0];
    private static readonly Guid Oolong = LiveRoom.Lineup[1];
    private static readonly Guid Scarf = DemoSeeder.ProductId(5);
    private static readonly DateTimeOffset Placed = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1290, 3, 1, "TWD")]
    [InlineData(19.99, 3, 1, "EUR")]
    [InlineData(19.99, 7, 4, "EUR")]
    [InlineData(0.01, 5, 2, "EUR")]
    public void EveryModel_SplitsTheNetTotal_ToTheCent(decimal unitPrice, int quantity, int refunded, string currency)
    {
        var order = OrderWith(currency, (unitPrice, quantity), (4.5m, 1));
        order.Lines[0].Refund(refunded);
        order.AddRefund(unitPrice * refunded, Placed);
        var net = unitPrice * (quantity - refunded) + 4.5m;
        Assert.Equal(net, order.NetTotal);

        foreach (var model in Enum.GetValues<AttributionModel>())
        {
            var credits = order.Credits(model, TimeSpan.FromHours(24)).ToList();
            Assert.Equal(3, credits.Count);
            Assert.Equal(net, credits.Sum(c => c.Amount));
            Assert.All(credits, c => Assert.Equal(c.Amount, decimal.Round(c.Amount, 2)));
        }

        // The commission on the net GMV splits exactly between host and co-host.
        var (commission, host, coHost) = Commission.Split(net, 0.125m, 0.3333m);
        Assert.Equal(decimal.Round(net * 0.125m, 2, MidpointRounding.AwayFromZero), commission);
        Assert.Equal(commission, host + coHost);
    }

    [Fact]
    public async Task Dashboard_Earnings_Links_AndCsv_CountOnlyWhatWasNotRefunded()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var created = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("Refunds report show", [.. LiveRoom.Lineup, Scarf]) with
        {
            CommissionRate = 0.125m,
            CoHostEmail = DemoSeeder.CoHostAccount.Email,
            CoHostShare = 0.3333m,
        });
        var show = (await created.Content.ReadFromJsonAsync<ShowDetailDto>())!;
        await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null);
        var hostLink = await LinkAsync(host, show.Id, null);
        var coHost = await factory.SignInAsync(DemoSeeder.CoHostAccount.Email);
        var coHostLink = await LinkAsync(coHost, show.Id, Oolong);
        var indigo = await factory.ReadAsync(db => db.Set<ProductVariant>().Where(v => v.ProductId == Scarf && v.Sku == "TW-SILK-SCARF-IND").Select(v => v.Id).SingleAsync());

        // A (host link, then co-host link): 3 scarves at NT$1,290, one refunded. B (direct): 2 jade rollers, cancelled.
        // C (host link): an oolong and a jade roller on one order, the roller refunded.
        var a = factory.NewBrowser();
        await a.OpenShareLinkAsync(hostLink.Path);
        await a.OpenShareLinkAsync(coHostLink.Path);
        await a.PostAsJsonAsync(ApiRoutes.Guest, new Shared.Accounts.GuestRequest("Buyer A"));
        var orderA = await a.BuyAsync(Shopping.Request(show.Id, Scarf, indigo, 1290m, quantity: 3));
        var b = await factory.GuestAsync("Buyer B");
        var orderB = await b.Http.BuyAsync(Shopping.Request(show.Id, Jade, 690m, quantity: 2));
        var c = factory.NewBrowser();
        await c.OpenShareLinkAsync(hostLink.Path);
        await c.PostAsJsonAsync(ApiRoutes.Guest, new Shared.Accounts.GuestRequest("Buyer C"));
        var orderC = await c.BuyAsync(new PlaceOrderRequest(show.Id, [new PlaceOrderLine(Oolong, 1, 890m), new PlaceOrderLine(Jade, 1, 690m)], Shopping.Address, Shopping.GoodCard));

        Assert.Equal(HttpStatusCode.OK, (await RefundTests.RefundAsync(host.Http, orderA.Id, new RefundRequest([new RefundLineRequest(1, 1)], true, null))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.Http.PostAsJsonAsync(ApiRoutes.CancelOrder(orderB.Id), new CancelOrderRequest(null))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefundTests.RefundAsync(host.Http, orderC.Id, new RefundRequest([new RefundLineRequest(2, 1)], false, null))).StatusCode);

        var dashboard = (await coHost.Http.GetFromJsonAsync<SalesDashboardDto>(ApiRoutes.ShowSales(show.Id)))!;

        // NT$2,580 kept from A, NT$890 from C; B counts zero.
        var summary = dashboard.Summary;
        Assert.Equal(2580m + 890m, summary.Gmv);
        Assert.Equal((2, 3, 2), (summary.Orders, summary.Units, summary.Buyers));
        Assert.Equal(1735m, summary.AverageOrderValue);
        Assert.Equal([(Scarf, 2, 2580m), (Oolong, 1, 890m)], dashboard.TopProducts.Select(p => (p.ProductId, p.Units, p.Revenue)));

        var rows = dashboard.Attribution.Rows;
        Assert.Equal(summary.Gmv, rows.Sum(r => r.LastTouch));
        Assert.Equal(summary.Gmv, rows.Sum(r => r.FirstTouch));
        Assert.Equal(summary.Gmv, rows.Sum(r => r.Linear));
        Assert.Equal(summary.Gmv, rows.Sum(r => r.TimeDecay));
        Assert.DoesNotContain(rows, r => r.Code is null);
        var hostRow = Assert.Single(rows, r => r.Code == hostLink.Code);
        Assert.Equal((890m, 3470m, 2180m), (hostRow.LastTouch, hostRow.FirstTouch, hostRow.Linear));

        // The links list credits the net amounts too (last touch).
        var links = (await host.Http.GetFromJsonAsync<IReadOnlyList<ShareLinkDto>>(ApiRoutes.ShowLinks(show.Id)))!;
        Assert.Equal((2, 890m), links.Where(l => l.Code == hostLink.Code).Select(l => (l.Orders, l.Gmv)).Single());
        Assert.Equal((1, 2580m), links.Where(l => l.Code == coHostLink.Code).Select(l => (l.Orders, l.Gmv)).Single());

        // 12.5 % of NT$3,470 = 433.75, split to the cent; the co-host's period report agrees.
        Assert.Equal(433.75m, dashboard.Earnings.Commission);
        Assert.Equal(433.75m, dashboard.Earnings.Host.Amount + dashboard.Earnings.CoHost!.Amount);
        var report = (await coHost.Http.GetFromJsonAsync<EarningsReportDto>(ApiRoutes.HostEarnings))!;
        var line = Assert.Single(report.Shows, s => s.ShowId == show.Id);
        Assert.Equal((3470m, dashboard.Earnings.CoHost.Amount), (line.Gmv, line.Earned));

        // The CSV says what went back, per line and per order: the four refund columns close each row (a product name may hold a quoted comma).
        var csv = Encoding.UTF8.GetString(await host.Http.GetByteArrayAsync(ApiRoutes.ShowOrdersCsv(show.Id))).TrimStart('\uFEFF');
        var table = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        Assert.Equal(["refunded_quantity", "line_refunded", "order_refunded", "order_net_total"], table[0][^4..]);
        var scarfRow = Assert.Single(table, r => r[0] == orderA.Number);
        Assert.Equal(["1", "1290.00", "1290.00", "2580.00"], scarfRow[^4..]);
        var cancelledRow = Assert.Single(table, r => r[0] == orderB.Number);
        Assert.Equal(("Cancelled", "1380.00", "0.00"), (cancelledRow[2], cancelledRow[^2], cancelledRow[^1]));
        Assert.Equal(summary.Gmv, table.Skip(1).Where(r => r[2] != "Cancelled").DistinctBy(r => r[0]).Sum(r => decimal.Parse(r[^1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static async Task<ShareLinkDto> LinkAsync(SignedIn who, Guid showId, Guid? productId)
    {
        var response = await who.Http.PostAsJsonAsync(ApiRoutes.ShowLinks(showId), new CreateShareLinkRequest(productId));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ShareLinkDto>())!;
    }

    /// <summary>An order with three touches (a day, an hour and a minute before it) and the given lines.</summary>
    private static Order OrderWith(string currency, params (decimal UnitPrice, int Quantity)[] lines)
    {
        var order = new Order(Guid.NewGuid(), "TEST0001", Guid.NewGuid(), "Buyer", Guid.NewGuid(), Guid.NewGuid(), null, SalesChannel.Link, currency,
            new ShippingAddress("Buyer", "1 Road", null, "Town", "100", "TW", "+886 900 000 000"), PaymentMethod.Card, "4242", "key", "hash", Placed);
        foreach (var (price, quantity) in lines)
        {
            order.AddLine(Guid.NewGuid(), "Thing", "/img.svg", quantity, price, price, null);
        }

        order.CreditTouches([
            new OrderTouch("AAAA2222", Guid.NewGuid(), Placed.AddDays(-1)),
            new OrderTouch("BBBB3333", Guid.NewGuid(), Placed.AddHours(-1)),
            new OrderTouch("CCCC4444", Guid.NewGuid(), Placed.AddMinutes(-1)),
        ]);
        return order;
    }
}
