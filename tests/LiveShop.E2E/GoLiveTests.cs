using System.Diagnostics;
using LiveShop.Server.Data;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveShop.E2E;

/// <summary>The walking slice: a host takes the demo show live and every open viewer page follows without a reload.</summary>
public sealed class GoLiveTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly string ShowUrl = $"/shows/{DemoSeeder.DemoShowId}";
    private static readonly string ConsoleUrl = $"/host/shows/{DemoSeeder.DemoShowId}";

    [Fact]
    public async Task HostGoesLive_OpenViewerPageTurnsLiveWithoutReload_ClipPlays_ThenEnds()
    {
        await using var viewerContext = await browser.NewPhoneAsync();
        await using var hostContext = await browser.NewDesktopAsync();
        var viewer = await viewerContext.NewPageAsync();
        var host = await hostContext.NewPageAsync();
        var viewerNavigations = 0;
        viewer.FrameNavigated += (_, frame) => viewerNavigations += frame == viewer.MainFrame ? 1 : 0;

        // The viewer is waiting on the show page before it starts.
        await viewer.GotoAsync(ShowUrl);
        await viewer.WaitForLiveConnectionAsync();
        var badge = viewer.TestId("status-badge").First;
        Assert.Equal("Scheduled", await badge.GetAttributeAsync("data-status"));
        Assert.Contains("Starts", await badge.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await viewer.Locator("video").CountAsync());
        await Assertions.Expect(viewer.TestId("lineup-peek")).ToHaveTextAsync("6 products in this show");
        var navigationsBefore = viewerNavigations;

        // The host signs in, opens the console and presses Go live.
        await host.SignInAsync(DemoSeeder.HostAccount.Email, ConsoleUrl);
        await host.WaitForLiveConnectionAsync();
        await Assertions.Expect(host.TestId("console-title")).ToHaveTextAsync("Friday Night Tea & Beauty");
        var pressed = Stopwatch.StartNew();
        await host.TestId("go-live-button").ClickAsync();

        // The viewer's badge flips to LIVE, with no reload.
        await Assertions.Expect(viewer.Locator("[data-testid='status-badge'][data-status='Live']").First)
            .ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 5_000 });
        output.WriteLine($"Viewer saw LIVE {pressed.ElapsedMilliseconds} ms after the host's click.");
        Assert.Equal("LIVE", (await viewer.TestId("status-badge").First.InnerTextAsync()).Trim());
        Assert.Equal(navigationsBefore, viewerNavigations);

        // The demo clip plays: its clock advances.
        var video = viewer.TestId("show-video");
        await video.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        await viewer.WaitForFunctionAsync("() => document.querySelector('video')?.currentTime > 0.3", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        var first = await viewer.EvaluateAsync<double>("() => document.querySelector('video').currentTime");
        await viewer.WaitForTimeoutAsync(1_000);
        var second = await viewer.EvaluateAsync<double>("() => document.querySelector('video').currentTime");
        Assert.True(second > first, $"The clip should be playing: currentTime {first} then {second}.");
        Assert.True(await viewer.EvaluateAsync<bool>("() => document.querySelector('video').videoWidth > 0"));

        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("viewer-phone.png") });
        await host.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("host-console.png") });

        // The host ends the show after confirming; the viewer sees Ended.
        await host.TestId("end-show-button").ClickAsync();
        await host.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "End show" }).ClickAsync();
        await Assertions.Expect(viewer.Locator("[data-testid='status-badge'][data-status='Ended']").First)
            .ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 5_000 });
        await Assertions.Expect(viewer.TestId("player-message")).ToContainTextAsync("This show has ended");
        await Assertions.Expect(host.TestId("show-ended-note")).ToBeVisibleAsync();
        Assert.Equal(navigationsBefore, viewerNavigations);
        browser.AssertNoBrowserErrors(viewerContext, hostContext);
    }
}
