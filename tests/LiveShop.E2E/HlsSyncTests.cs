using System.Net.Http.Json;
using System.Text.Json;
using LiveShop.Server.Data;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveShop.E2E;

/// <summary>
/// A live HLS stream with program dates (ffmpeg, served by the app at /streams/): the viewer's player
/// plays it and says how far behind live it is, and a product the host pins at server time T appears on
/// the viewer's video only once the video's playing date reaches T — not the moment the room hears of it.
/// </summary>
public sealed class HlsSyncTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task LiveHlsWithProgramDates_ViewerPlaysIt_PinAppearsOnlyOnceThePlayingDatePassesIt()
    {
        var name = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        await using var stream = await LiveHlsStream.StartAsync(Path.Combine(browser.App.StreamsFolder, name), output);

        // The host schedules a show on that stream and goes live.
        var host = await browser.App.SignInAsync(DemoSeeder.HostAccount.Email);
        var jadeRoller = DemoSeeder.ProductId(1);
        var created = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, new CreateShowRequest(
            "Live HLS in sync", "A live test pattern.", DateTimeOffset.UtcNow.AddHours(1), Currencies.Twd,
            [jadeRoller, DemoSeeder.ProductId(2)], $"/streams/{name}/index.m3u8"));
        created.EnsureSuccessStatusCode();
        var show = (await created.Content.ReadFromJsonAsync<ShowDetailDto>())!;
        await using var hostHub = await browser.App.ConnectAsync(host.Cookies);
        await hostHub.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), show.Id, (long?)null);
        await hostHub.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), show.Id);

        // The viewer's phone plays it: the video's clock advances and the player says how far behind live it is.
        await using var viewerContext = await browser.NewPhoneAsync();
        var viewer = await viewerContext.NewPageAsync();
        await viewer.GotoAsync($"/shows/{show.Id}");
        await viewer.WaitForLiveConnectionAsync();
        await viewer.WaitForFunctionAsync("() => document.querySelector('video')?.currentTime > 1", null, new PageWaitForFunctionOptions { Timeout = BrowserFixture.Patience });
        var before = await viewer.EvaluateAsync<double>("() => document.querySelector('video').currentTime");
        await viewer.WaitForFunctionAsync($"() => document.querySelector('video').currentTime > {before.ToString(System.Globalization.CultureInfo.InvariantCulture)} + 1", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        await Assertions.Expect(viewer.TestId("stream-delay")).ToContainTextAsync("s behind live", new LocatorAssertionsToContainTextOptions { Timeout = 20_000 });
        var delayText = await viewer.TestId("stream-delay").InnerTextAsync();
        var delay = double.Parse(delayText.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"The viewer reads “{delayText}”.");
        Assert.True(delay > 1, $"A live HLS stream with 1 s segments plays a few seconds behind real time, but the player says “{delayText}”.");
        Assert.True(delay < 20, $"The player should stay near the live edge, but says “{delayText}”.");
        Assert.Equal(0, await viewer.TestId("pinned-cards").CountAsync());

        // The host pins at server time T: the room has it at once, the viewer's video does not show it yet…
        var pinned = await hostHub.InvokeAsync<PinsChangedEvent>(nameof(ILiveShowHub.PinProduct), show.Id, jadeRoller);
        var pinnedAt = pinned.At.ToUnixTimeMilliseconds();
        var right = await viewer.EvaluateAsync<JsonElement>(
            "() => ({ playing: Number(document.querySelector(\"[data-testid='show-video']\").dataset.playingDate), cards: document.querySelectorAll(\"[data-testid='pinned-cards']\").length })");
        var playingThen = right.GetProperty("playing").GetDouble();
        output.WriteLine($"Right after the pin: playing date is {pinnedAt - playingThen} ms before T, cards: {right.GetProperty("cards").GetInt32()}.");
        Assert.True(playingThen < pinnedAt, "The video should still be showing a moment before the pin.");
        Assert.Equal(0, right.GetProperty("cards").GetInt32());

        // …until its playing date passes T: then the card floats over the video.
        var shown = await viewer.WaitForFunctionAsync(
            "() => document.querySelector(\"[data-testid='pinned-cards']\") ? Number(document.querySelector(\"[data-testid='show-video']\").dataset.playingDate) : 0",
            null, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 50 });
        var playingWhenShown = await shown.JsonValueAsync<double>();
        output.WriteLine($"The card appeared when the playing date was {playingWhenShown - pinnedAt} ms past T.");
        Assert.True(playingWhenShown >= pinnedAt, $"The card appeared {pinnedAt - playingWhenShown} ms before the video reached the pin.");
        await Assertions.Expect(viewer.TestId("pinned-cards")).ToContainTextAsync("Jade Face Roller");
        Assert.Equal(0, await viewer.TestId("player-reconnecting").CountAsync());

        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("viewer-phone-hls.png") });
        browser.AssertNoBrowserErrors(viewerContext);
    }

    [Fact]
    public async Task LiveHls_NetworkDrops_PlayerSaysReconnectingThenPlaysAgainWithoutReload()
    {
        var name = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        await using var stream = await LiveHlsStream.StartAsync(Path.Combine(browser.App.StreamsFolder, name), output);
        var host = await browser.App.SignInAsync(DemoSeeder.HostAccount.Email);
        var created = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, new CreateShowRequest(
            "Live HLS drops", "A live test pattern.", DateTimeOffset.UtcNow.AddHours(1), Currencies.Twd,
            [DemoSeeder.ProductId(1)], $"/streams/{name}/index.m3u8"));
        created.EnsureSuccessStatusCode();
        var show = (await created.Content.ReadFromJsonAsync<ShowDetailDto>())!;
        await using var hostHub = await browser.App.ConnectAsync(host.Cookies);
        await hostHub.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), show.Id, (long?)null);
        await hostHub.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), show.Id);

        await using var viewerContext = await browser.NewPhoneAsync();
        var viewer = await viewerContext.NewPageAsync();
        var navigations = 0;
        viewer.FrameNavigated += (_, frame) => navigations += frame == viewer.MainFrame ? 1 : 0;
        await viewer.GotoAsync($"/shows/{show.Id}");
        await viewer.WaitForLiveConnectionAsync();
        await viewer.WaitForFunctionAsync("() => document.querySelector('video')?.currentTime > 1", null, new PageWaitForFunctionOptions { Timeout = BrowserFixture.Patience });
        var navigationsBefore = navigations;

        // The network to the stream drops: the buffer runs dry and the player says so.
        // (The aborted requests are logged by the browser as errors, so this test does not assert a clean console.)
        await viewer.RouteAsync("**/streams/**", route => route.AbortAsync());
        await Assertions.Expect(viewer.TestId("player-reconnecting")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        Assert.Equal("Reconnecting…", (await viewer.TestId("player-reconnecting").InnerTextAsync()).Trim());

        // It comes back: the player recovers by itself, the video plays on, the page never reloaded.
        await viewer.UnrouteAsync("**/streams/**");
        await Assertions.Expect(viewer.TestId("player-reconnecting")).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 45_000 });
        var resumed = await viewer.EvaluateAsync<double>("() => document.querySelector('video').currentTime");
        await viewer.WaitForFunctionAsync($"() => document.querySelector('video').currentTime > {resumed.ToString(System.Globalization.CultureInfo.InvariantCulture)} + 1", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        await Assertions.Expect(viewer.TestId("stream-delay")).ToContainTextAsync("s behind live");
        Assert.Equal(navigationsBefore, navigations);
    }
}
