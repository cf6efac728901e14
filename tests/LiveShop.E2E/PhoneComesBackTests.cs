using System.Diagnostics;
using System.Text.RegularExpressions;
using LiveShop.Server.Data;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveShop.E2E;

/// <summary>A phone whose network drops and comes back catches up at once (issue 15, "Phones that come back").</summary>
public sealed partial class PhoneComesBackTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly string ShowUrl = $"/shows/{DemoSeeder.DemoShowId}";
    private static readonly string ConsoleUrl = $"/host/shows/{DemoSeeder.DemoShowId}";
    private static readonly Guid Jade = DemoSeeder.ProductId(1);

    /// <summary>
    /// Long enough that the retry timetable alone (0, 0.5, 1, 2, 5 s, then 10 s, each ±20 %) would next try more
    /// than 6 s after the network is back: only the browser's <c>online</c> event brings the pin within the wait below.
    /// </summary>
    private static readonly TimeSpan Offline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PhoneOfflineWhileHostPins_BackOnline_ShowsThePinnedProductAtOnce()
    {
        await using var hostContext = await browser.NewDesktopAsync();
        await using var phoneContext = await browser.NewPhoneAsync();
        var host = await hostContext.NewPageAsync();
        var phone = await phoneContext.NewPageAsync();

        // Playwright's offline mode leaves open WebSockets alone (a real phone's socket dies with its network), so the
        // test holds the phone's hub socket and closes it itself when the network goes.
        IWebSocketRoute? socket = null;
        await phone.RouteWebSocketAsync(HubSocket(), ws =>
        {
            socket = ws;
            ws.ConnectToServer();
        });

        await host.SignInAsync(DemoSeeder.HostAccount.Email, ConsoleUrl);
        await host.WaitForLiveConnectionAsync();
        await host.TestId("go-live-button").ClickAsync();
        await Assertions.Expect(host.TestId("end-show-button")).ToBeVisibleAsync();
        await phone.SignInAsync(DemoSeeder.ViewerAccount.Email, ShowUrl);
        await phone.WaitForLiveConnectionAsync();
        Assert.NotNull(socket);

        // The phone loses its network.
        await phoneContext.SetOfflineAsync(true);
        await socket.CloseAsync(new WebSocketRouteCloseOptions { Code = 1001, Reason = "network gone" });
        var connection = phone.TestId("live-connection").First;
        await Assertions.Expect(connection).Not.ToHaveAttributeAsync("data-state", "connected");
        var wentOffline = Stopwatch.StartNew();

        // Meanwhile the host pins the jade roller.
        var row = host.Locator($"[data-testid='lineup-row'][data-product-id='{Jade}']");
        await row.Locator("[data-testid='pin-button']").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid='unpin-button']")).ToBeVisibleAsync();
        var card = phone.Locator($"[data-testid='pinned-cards'] [data-testid='product-card'][data-product-id='{Jade}']");
        Assert.Equal(0, await card.CountAsync());

        var rest = Offline - wentOffline.Elapsed;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }

        Assert.Equal(0, await card.CountAsync());

        // The network is back: the card shows without waiting out a retry delay.
        await phoneContext.SetOfflineAsync(false);
        var back = Stopwatch.StartNew();
        await Assertions.Expect(card).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 4_000 });
        var cardMs = back.ElapsedMilliseconds;
        await Assertions.Expect(connection).ToHaveAttributeAsync("data-state", "connected");
        output.WriteLine($"Pinned card on the phone {cardMs} ms after it came back online (offline {wentOffline.Elapsed.TotalSeconds:0.0} s).");

        // Offline fetches log "net::ERR_INTERNET_DISCONNECTED" on the phone: only the host's page must be clean.
        browser.AssertNoBrowserErrors(hostContext);
    }

    [GeneratedRegex("/hubs/live")]
    private static partial Regex HubSocket();
}
