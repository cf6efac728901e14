using System.Net;
using System.Net.Http.Json;
using System.Text;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Orders;

/// <summary>Attribution through share links, the host's dashboard and earnings, and what is pushed to buyers and hosts.</summary>
public class SalesTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private static readonly Guid Jade = LiveRoom.Lineup[0];
    private static readonly Guid Oolong = LiveRoom.Lineup[1];

    private static async Task<ShareLinkDto> CreateLinkAsync(SignedIn host, Guid showId, Guid? productId = null)
    {
        var response = await host.Http.PostAsJsonAsync(ApiRoutes.ShowLinks(showId), new CreateShareLinkRequest(productId));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ShareLinkDto>())!;
    }

    [Fact]
    public async Task ShareLink_RecordsATouchBeforeSignIn_AndTheOrderIsCreditedToIt()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var link = await CreateLinkAsync(room.Host, room.Show.Id, Jade);

        // A visitor opens the link (not signed in yet), lands on the product in the show, then continues as a guest in the same browser.
        var browser = factory.NewBrowser(out var cookies);
        var landing = await browser.OpenShareLinkAsync(link.Path);
        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        Assert.Equal($"/shows/{room.Show.Id}?product={Jade}", landing.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync(ApiRoutes.Guest, new Shared.Accounts.GuestRequest("Linked Buyer"))).StatusCode);

        var order = await browser.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));

        Assert.Equal(SalesChannel.Link, order.Channel);
        Assert.Equal(link.Code, order.AffiliateCode);
        var listed = Assert.Single((await room.Host.Http.GetFromJsonAsync<IReadOnlyList<ShareLinkDto>>(ApiRoutes.ShowLinks(room.Show.Id)))!);
        Assert.Equal((1, 1, 690m), (listed.Touches, listed.Orders, listed.Gmv));
        _ = cookies;

        // A show without a co-host: the CSV's co-host column is empty.
        var csv = Encoding.UTF8.GetString(await room.Host.Http.GetByteArrayAsync(ApiRoutes.ShowOrdersCsv(room.Show.Id))).TrimStart('\uFEFF');
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        Assert.Equal("", rows[1][Array.IndexOf(rows[0], "co_host")]);
    }

    [Fact]
    public async Task UnknownShareLink_ShowsTheNotFoundPage()
    {
        var response = await factory.NewBrowser().GetAsync(ApiRoutes.ShareLink("NOPE2345"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OnlyTheShowsHostsMakeLinksAndSeeSales()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        var otherHost = await factory.RegisterAsync(asHost: true);

        foreach (var who in new[] { viewer, otherHost })
        {
            var link = await who.Http.PostAsJsonAsync(ApiRoutes.ShowLinks(room.Show.Id), new CreateShareLinkRequest(null));
            Assert.Equal(HttpStatusCode.Forbidden, link.StatusCode);
            Assert.Equal(ProblemCodes.NotShowHost, (await Problem.ReadAsync(link)).Code);
            Assert.Equal(HttpStatusCode.Forbidden, (await who.Http.GetAsync(ApiRoutes.ShowSales(room.Show.Id))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await who.Http.GetAsync(ApiRoutes.ShowOrdersCsv(room.Show.Id))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await room.Host.Http.GetAsync(ApiRoutes.ShowSales(Guid.NewGuid()))).StatusCode);
        var notInShow = await room.Host.Http.PostAsJsonAsync(ApiRoutes.ShowLinks(room.Show.Id), new CreateShareLinkRequest(DemoSeeder.ProductId(4)));
        Assert.Equal(ProblemCodes.ProductNotInLineup, (await Problem.ReadAsync(notInShow)).Code);
        Assert.Empty((await room.Host.Http.GetFromJsonAsync<IReadOnlyList<ShareLinkDto>>(ApiRoutes.ShowLinks(room.Show.Id)))!);
    }

    [Fact]
    public async Task Dashboard_AddsUpToTheCent_AndEveryModelSumsToGmv()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var created = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("Dashboard show", LiveRoom.Lineup) with
        {
            CommissionRate = 0.125m,
            CoHostEmail = DemoSeeder.CoHostAccount.Email,
            CoHostShare = 0.3333m,
        });
        var show = (await created.Content.ReadFromJsonAsync<ShowDetailDto>())!;
        Assert.Equal(DemoSeeder.CoHostAccount.Id, show.CoHost!.Id);
        await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null);
        var hostLink = await CreateLinkAsync(host, show.Id);
        var coHost = await factory.SignInAsync(DemoSeeder.CoHostAccount.Email);
        var coHostLink = await CreateLinkAsync(coHost, show.Id, Oolong);

        // Buyer A: two touches (host link, then co-host link), buys 1 oolong. Buyer B: no link, buys 2 jade rollers. Buyer C: host link, cash on delivery.
        var a = factory.NewBrowser();
        await a.OpenShareLinkAsync(hostLink.Path);
        await a.OpenShareLinkAsync(coHostLink.Path);
        await a.PostAsJsonAsync(ApiRoutes.Guest, new Shared.Accounts.GuestRequest("Buyer A"));
        await a.BuyAsync(Shopping.Request(show.Id, Oolong, 890m));
        var b = await factory.GuestAsync("Buyer B");
        await b.Http.BuyAsync(Shopping.Request(show.Id, Jade, 690m, quantity: 2));
        var c = factory.NewBrowser();
        await c.OpenShareLinkAsync(hostLink.Path);
        await c.PostAsJsonAsync(ApiRoutes.Guest, new Shared.Accounts.GuestRequest("Buyer C"));
        await c.BuyAsync(Shopping.Request(show.Id, Jade, 690m, payment: new PaymentDetailsDto(PaymentMethod.CashOnDelivery, null)));
        // A declined card does not count.
        var d = await factory.GuestAsync("Buyer D");
        await d.Http.PostOrderAsync(Shopping.Request(show.Id, Jade, 690m, payment: Shopping.DeclinedCard), Guid.NewGuid().ToString());

        var dashboard = (await coHost.Http.GetFromJsonAsync<SalesDashboardDto>(ApiRoutes.ShowSales(show.Id)))!;

        var summary = dashboard.Summary;
        Assert.Equal(890m + 1380m + 690m, summary.Gmv);
        Assert.Equal((3, 4, 3), (summary.Orders, summary.Units, summary.Buyers));
        Assert.Equal(986.67m, summary.AverageOrderValue);
        var top = dashboard.TopProducts[0];
        Assert.Equal((Jade, 3, 2070m), (top.ProductId, top.Units, top.Revenue));

        var rows = dashboard.Attribution.Rows;
        Assert.Equal(3, rows.Count);
        Assert.Equal(summary.Gmv, rows.Sum(r => r.LastTouch));
        Assert.Equal(summary.Gmv, rows.Sum(r => r.FirstTouch));
        Assert.Equal(summary.Gmv, rows.Sum(r => r.Linear));
        Assert.Equal(summary.Gmv, rows.Sum(r => r.TimeDecay));
        var direct = Assert.Single(rows, r => r.Code is null);
        Assert.Equal(1380m, direct.LastTouch);
        var hostRow = Assert.Single(rows, r => r.Code == hostLink.Code);
        var coRow = Assert.Single(rows, r => r.Code == coHostLink.Code);
        Assert.Equal((690m, 1580m, 1135m), (hostRow.LastTouch, hostRow.FirstTouch, hostRow.Linear));
        Assert.Equal((890m, 0m, 445m), (coRow.LastTouch, coRow.FirstTouch, coRow.Linear));
        Assert.Equal(DemoSeeder.CoHostAccount.DisplayName, coRow.CreditedTo);

        // The links list: orders each link touched, and GMV credited under the configured model (last touch).
        var links = (await host.Http.GetFromJsonAsync<IReadOnlyList<ShareLinkDto>>(ApiRoutes.ShowLinks(show.Id)))!;
        Assert.Equal((2, 690m), links.Where(l => l.Code == hostLink.Code).Select(l => (l.Orders, l.Gmv)).Single());
        Assert.Equal((1, 890m), links.Where(l => l.Code == coHostLink.Code).Select(l => (l.Orders, l.Gmv)).Single());

        // 12.5 % of NT$2,960 = 370.00, split 66.67 % / 33.33 % to the cent.
        var earnings = dashboard.Earnings;
        Assert.Equal(370m, earnings.Commission);
        Assert.Equal(370m, earnings.Host.Amount + earnings.CoHost!.Amount);
        Assert.Equal(123.32m, earnings.CoHost.Amount);

        var report = (await coHost.Http.GetFromJsonAsync<EarningsReportDto>(ApiRoutes.HostEarnings))!;
        var line = Assert.Single(report.Shows, s => s.ShowId == show.Id);
        Assert.Equal(("Co-host", 123.32m), (line.Role, line.Earned));

        var csv = Encoding.UTF8.GetString(await host.Http.GetByteArrayAsync(ApiRoutes.ShowOrdersCsv(show.Id))).TrimStart('\uFEFF');
        var csvLines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("order_number,", csvLines[0], StringComparison.Ordinal);
        Assert.Equal(5, csvLines.Length); // header + 4 orders (the declined one is listed with its status)
        Assert.Contains(csvLines, l => l.Contains("PaymentDeclined", StringComparison.Ordinal));
        Assert.Contains(csvLines, l => l.Contains(coHostLink.Code, StringComparison.Ordinal) && l.Contains("890.00", StringComparison.Ordinal));

        // Every row names the co-host credited with the order (the show's co-host when it was placed).
        var coHostColumn = Array.IndexOf(csvLines[0].Split(','), "co_host");
        Assert.True(coHostColumn >= 0, csvLines[0]);
        Assert.All(csvLines.Skip(1), l => Assert.Equal(DemoSeeder.CoHostAccount.DisplayName, l.Split(',')[coHostColumn]));
    }

    [Fact]
    public async Task Buyer_HostAndRoom_HearAboutAnOrderLive()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var hostSales = new TaskCompletionSource<SalesSummaryDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        room.HostRoom.Connection.On<SalesSummaryDto>(nameof(ILiveShowClient.SalesUpdated), s =>
        {
            if (s.Orders > 0)
            {
                hostSales.TrySetResult(s);
            }
        });
        await room.HostRoom.JoinAgainAsync();
        var buyer = await factory.GuestAsync("Mei Lin Chen");
        var buyerHub = await factory.ConnectAsync(buyer.Cookies);
        var buyerUpdates = new List<OrderDto>();
        var shipped = new TaskCompletionSource<OrderDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        buyerHub.On<OrderDto>(nameof(ILiveShowClient.OrderUpdated), o =>
        {
            lock (buyerUpdates)
            {
                buyerUpdates.Add(o);
            }

            if (o.Status == OrderStatus.Shipped)
            {
                shipped.TrySetResult(o);
            }
        });
        var watcher = await factory.ConnectAsync();
        var toast = new TaskCompletionSource<PurchaseToastDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.On<PurchaseToastDto>(nameof(ILiveShowClient.PurchaseToast), t => toast.TrySetResult(t));
        await watcher.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), room.Show.Id, null);

        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));

        var proof = await toast.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("Mei C.", proof.BuyerName);
        Assert.Equal("Jade Face Roller", proof.ProductName);
        var summary = await hostSales.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((690m, 1), (summary.Gmv, summary.Orders));

        var response = await room.Host.Http.PostAsJsonAsync(ApiRoutes.OrderStatus(order.Id), new ChangeOrderStatusRequest(OrderStatus.Shipped));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(order.Id, (await shipped.Task.WaitAsync(TimeSpan.FromSeconds(10))).Id);

        // Shipping twice, or by the buyer, is refused.
        Assert.Equal(HttpStatusCode.Conflict, (await room.Host.Http.PostAsJsonAsync(ApiRoutes.OrderStatus(order.Id), new ChangeOrderStatusRequest(OrderStatus.Shipped))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.Http.PostAsJsonAsync(ApiRoutes.OrderStatus(order.Id), new ChangeOrderStatusRequest(OrderStatus.Shipped))).StatusCode);
        await buyerHub.DisposeAsync();
        await watcher.DisposeAsync();
    }

    [Fact]
    public async Task AnonymousBrowser_CountsAsOneViewerAcrossReconnects_AndTheHostNotAtAll()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var browser = factory.NewBrowser(out var cookies);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/shows/{room.Show.Id}")).StatusCode);
        Assert.Contains(cookies.GetAllCookies(), c => c.Name == "ls_vid");

        // The same phone joins, drops, joins again (a reload or a reconnect).
        for (var i = 0; i < 3; i++)
        {
            await using var connection = await factory.ConnectAsync(cookies);
            await connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), room.Show.Id, null);
        }

        var viewers = 0;
        for (var wait = 0; wait < 40 && viewers == 0; wait++)
        {
            await Task.Delay(100);
            viewers = (await room.Host.Http.GetFromJsonAsync<SalesDashboardDto>(ApiRoutes.ShowSales(room.Show.Id)))!.Summary.UniqueViewers;
        }

        Assert.Equal(1, viewers);
    }

    [Fact]
    public async Task AnonymousViewerWhoContinuesAsAGuestAndBuys_CountsOnce_AndConversionIsTheirs()
    {
        await using var room = await LiveRoom.StartAsync(factory);

        // One phone: watches anonymously, continues as a guest in the same browser (same cookies), comes back to the show and buys.
        var phone = factory.NewBrowser(out var phoneCookies);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync($"/shows/{room.Show.Id}")).StatusCode);
        await using (var anonymous = await RoomWatcher.JoinAsync(factory, room.Show, phoneCookies))
        {
            Assert.Equal(HttpStatusCode.OK, (await phone.PostAsJsonAsync(ApiRoutes.Guest, new Shared.Accounts.GuestRequest("Phone Buyer"))).StatusCode);
        }

        await using var asGuest = await RoomWatcher.JoinAsync(factory, room.Show, phoneCookies);
        await phone.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));
        await ViewerRecordsStoredAsync(room, 2);

        var summary = (await room.Host.Http.GetFromJsonAsync<SalesDashboardDto>(ApiRoutes.ShowSales(room.Show.Id)))!.Summary;
        Assert.Equal((1, 1, 1m), (summary.Buyers, summary.UniqueViewers, summary.Conversion));

        // A second browser that only watches: two viewers, one of whom bought.
        var laptop = factory.NewBrowser(out var laptopCookies);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync($"/shows/{room.Show.Id}")).StatusCode);
        await using var watcher = await RoomWatcher.JoinAsync(factory, room.Show, laptopCookies);
        await ViewerRecordsStoredAsync(room, 3);

        summary = (await room.Host.Http.GetFromJsonAsync<SalesDashboardDto>(ApiRoutes.ShowSales(room.Show.Id)))!.Summary;
        Assert.Equal((1, 2, 0.5m), (summary.Buyers, summary.UniqueViewers, summary.Conversion));
    }

    [Fact]
    public async Task OneUserWhoWatchedOnTwoBrowsers_FirstAnonymouslyThenSignedIn_IsOneViewer()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        foreach (var _ in new[] { "phone", "laptop" })
        {
            var browser = factory.NewBrowser(out var cookies);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/shows/{room.Show.Id}")).StatusCode);
            await using (await RoomWatcher.JoinAsync(factory, room.Show, cookies))
            {
            }

            var signIn = await browser.PostAsJsonAsync(ApiRoutes.SignIn, new Shared.Accounts.SignInRequest(DemoSeeder.SecondViewerAccount.Email, DemoSeeder.DemoPassword, false));
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            await using (await RoomWatcher.JoinAsync(factory, room.Show, cookies))
            {
            }
        }

        await ViewerRecordsStoredAsync(room, 4);
        var summary = (await room.Host.Http.GetFromJsonAsync<SalesDashboardDto>(ApiRoutes.ShowSales(room.Show.Id)))!.Summary;
        Assert.Equal(1, summary.UniqueViewers);
    }

    /// <summary>Waits until the sales pulse has stored this many viewer records for the show besides the host's own.</summary>
    private async Task ViewerRecordsStoredAsync(LiveRoom room, int count)
    {
        var hostId = room.Host.User.Id;
        var stored = 0;
        for (var wait = 0; wait < 100 && stored < count; wait++)
        {
            await Task.Delay(50);
            stored = await factory.ReadAsync(db => db.ShowViewers.CountAsync(v => v.ShowId == room.Show.Id && v.UserId != hostId));
        }

        Assert.Equal(count, stored);
    }

    [Fact]
    public async Task PrivacySwitch_KeepsTheBuyerOutOfTheToasts()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var shy = await factory.GuestAsync("Shy Buyer");
        var profile = await shy.Http.PutAsJsonAsync(ApiRoutes.Profile, new UpdateProfileRequest(false, null));
        Assert.False((await profile.Content.ReadFromJsonAsync<ProfileDto>())!.ShowMyPurchases);
        var open = await factory.GuestAsync("Open Buyer");
        var watcher = await factory.ConnectAsync();
        var toasts = new List<PurchaseToastDto>();
        watcher.On<PurchaseToastDto>(nameof(ILiveShowClient.PurchaseToast), t =>
        {
            lock (toasts)
            {
                toasts.Add(t);
            }
        });
        await watcher.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), room.Show.Id, null);

        await shy.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));
        await Task.Delay(2500);
        await open.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));
        await Task.Delay(2500);

        lock (toasts)
        {
            var only = Assert.Single(toasts);
            Assert.Equal("Open B.", only.BuyerName);
        }

        await watcher.DisposeAsync();
    }

    [Fact]
    public async Task Profile_RefusesABadAddress_AndAnonymous()
    {
        var guest = await factory.GuestAsync("Profile Person");
        var bad = await guest.Http.PutAsJsonAsync(ApiRoutes.Profile, new UpdateProfileRequest(true, Shopping.Address with { Phone = "" }));
        Assert.Equal(ProblemCodes.AddressInvalid, (await Problem.ReadAsync(bad)).Code);
        Assert.Null((await guest.Http.GetFromJsonAsync<ProfileDto>(ApiRoutes.Profile))!.SavedAddress);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.NewBrowser().GetAsync(ApiRoutes.Profile)).StatusCode);
    }
}
