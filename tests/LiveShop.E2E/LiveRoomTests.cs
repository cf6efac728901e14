using System.Diagnostics;
using System.Text.RegularExpressions;
using LiveShop.Server.Data;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveShop.E2E;

/// <summary>The live room in two browsers: a host's console on a laptop, a viewer on a phone.</summary>
public sealed partial class LiveRoomTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly string ShowUrl = $"/shows/{DemoSeeder.DemoShowId}";
    private static readonly string ConsoleUrl = $"/host/shows/{DemoSeeder.DemoShowId}";
    private static readonly Guid Jade = DemoSeeder.ProductId(1);

    [Fact]
    public async Task HostPinsAndStartsFlashSale_ViewerPhoneSeesCardAndCountdown_ChatBothWays()
    {
        await using var hostContext = await browser.NewDesktopAsync();
        await using var viewerContext = await browser.NewPhoneAsync();
        var host = await hostContext.NewPageAsync();
        var viewer = await viewerContext.NewPageAsync();

        await host.SignInAsync(DemoSeeder.HostAccount.Email, ConsoleUrl);
        await host.WaitForLiveConnectionAsync();
        await viewer.SignInAsync(DemoSeeder.ViewerAccount.Email, ShowUrl);
        await viewer.WaitForLiveConnectionAsync();
        var viewerNavigations = 0;
        viewer.FrameNavigated += (_, frame) => viewerNavigations += frame == viewer.MainFrame ? 1 : 0;

        // Host: go live, pin the jade roller (third in the lineup), start a flash price on it.
        await host.TestId("go-live-button").ClickAsync();
        await Assertions.Expect(host.TestId("end-show-button")).ToBeVisibleAsync();
        var row = host.Locator($"[data-testid='lineup-row'][data-product-id='{Jade}']");
        await row.Locator("[data-testid='pin-button']").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid='unpin-button']")).ToBeVisibleAsync();

        // The pinned card appears on the viewer's phone, over the video.
        var card = viewer.Locator($"[data-testid='pinned-cards'] [data-testid='product-card'][data-product-id='{Jade}']");
        await Assertions.Expect(card).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 5_000 });
        await Assertions.Expect(card.Locator("[data-testid='card-price']")).ToHaveTextAsync("NT$690");
        await Assertions.Expect(viewer.Locator("[data-testid='lineup-item']").First).ToContainTextAsync("Jade Face Roller");

        await row.Locator("[data-testid='flash-button']").ClickAsync();
        var dialog = host.Locator(".mud-dialog");
        await dialog.Locator("[data-testid='flash-price-input'] input, input[data-testid='flash-price-input']").First.FillAsync("590");
        await dialog.Locator("[data-testid='flash-units-input'] input, input[data-testid='flash-units-input']").First.FillAsync("12");
        var started = Stopwatch.StartNew();
        await dialog.Locator("[data-testid='flash-start-submit']").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid='running-sale']")).ToBeVisibleAsync();

        // The viewer's card turns into a flash card: struck list price, flash price, countdown, units left.
        await Assertions.Expect(card).ToHaveAttributeAsync("data-state", "flash", new LocatorAssertionsToHaveAttributeOptions { Timeout = 5_000 });
        output.WriteLine($"Flash card on the phone {started.ElapsedMilliseconds} ms after the host's click.");
        await Assertions.Expect(card.Locator("[data-testid='flash-price']")).ToHaveTextAsync("NT$590");
        await Assertions.Expect(card.Locator("[data-testid='list-price']")).ToHaveTextAsync("NT$690");
        await Assertions.Expect(card.Locator("[data-testid='units-left']")).ToHaveTextAsync("12 left");
        var countdown = card.Locator("[data-testid='countdown']");
        var first = Seconds(await countdown.InnerTextAsync());
        Assert.InRange(first, 100, 120);
        await viewer.WaitForTimeoutAsync(2_100);
        var later = Seconds(await countdown.InnerTextAsync());
        Assert.InRange(first - later, 1, 4);

        // The viewer chats; the host sees it; the host answers; the viewer sees the answer.
        await viewer.Locator("[data-testid='chat-input']:visible").FillAsync("Does the jade roller come with a pouch?");
        await viewer.Locator("[data-testid='chat-send']:visible").ClickAsync();
        await Assertions.Expect(viewer.Locator("[data-testid='chat-line'][data-own='true']:visible").Last).ToContainTextAsync("Does the jade roller come with a pouch?");
        await Assertions.Expect(host.Locator("[data-testid='chat-text']", new PageLocatorOptions { HasTextString = "Does the jade roller come with a pouch?" }))
            .ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 5_000 });
        await host.Locator("[data-testid='chat-input']:visible").FillAsync("Yes, a silk pouch!");
        await host.Locator("[data-testid='chat-send']:visible").ClickAsync();
        await Assertions.Expect(viewer.Locator("[data-testid='chat-line']:visible", new PageLocatorOptions { HasTextString = "Yes, a silk pouch!" }))
            .ToContainTextAsync("Host", new LocatorAssertionsToContainTextOptions { Timeout = 5_000 });

        // Hearts: the viewer taps, and the count reaches the host.
        await viewer.TestId("heart-button").ClickAsync();
        await viewer.TestId("heart-button").ClickAsync();
        await Assertions.Expect(host.TestId("stat-reactions")).ToHaveTextAsync("2", new LocatorAssertionsToHaveTextOptions { Timeout = 5_000 });
        await Assertions.Expect(host.TestId("stat-viewers")).ToHaveTextAsync("2");

        Assert.Equal(0, viewerNavigations);
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("viewer-phone-flash.png") });
        await host.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("host-console-live.png") });
        browser.AssertNoBrowserErrors(hostContext, viewerContext);
    }

    private static int Seconds(string countdown)
    {
        var match = CountdownPattern().Match(countdown);
        Assert.True(match.Success, $"Not a countdown: “{countdown}”.");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 60 + int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(\d+):(\d{2})$")]
    private static partial Regex CountdownPattern();
}
