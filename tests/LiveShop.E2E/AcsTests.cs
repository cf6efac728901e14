using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Shows;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveShop.E2E;

/// <summary>
/// An ACS show in a real Chromium, against the app wired to <see cref="FakeAcs"/>: the anonymous
/// viewer's page gets a Consumer session from the server and hands its token to the bundled
/// @azure/communication-calling, which runs and judges that token (a fake: "Invalid token").
/// </summary>
public sealed class AcsTests(AcsBrowserFixture browser, ITestOutputHelper output) : IClassFixture<AcsBrowserFixture>
{
    [Fact]
    public async Task AnonymousViewer_OpensALiveAcsShow_ThePlayerReceivesItsSession_AndTheCallingSdkRunsWithIt()
    {
        var app = browser.App;
        var host = await app.RegisterAsync(asHost: true, "ACS E2E Host");
        var created = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("ACS E2E show") with { VideoUrl = null, VideoKind = VideoSourceKind.Acs });
        created.EnsureSuccessStatusCode();
        var show = (await created.Content.ReadFromJsonAsync<ShowDetailDto>())!;
        (await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null)).EnsureSuccessStatusCode();

        await using var context = await browser.NewPhoneAsync();
        var viewer = await context.NewPageAsync();
        await viewer.GotoAsync($"/shows/{show.Id}");
        await viewer.WaitForLiveConnectionAsync();

        var player = viewer.Locator("[data-testid='acs-player'][data-acs-user-id^='8:acs:']");
        await player.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = AcsBrowserFixture.Patience });
        var userId = (await player.GetAttributeAsync("data-acs-user-id"))!;
        Assert.Equal("Consumer", await player.GetAttributeAsync("data-acs-role"));
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((await player.GetAttributeAsync("data-acs-token-expires"))!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(app.Acs.Tokens[userId].Last().ExpiresOn.ToUnixTimeMilliseconds(), expires.ToUnixTimeMilliseconds());
        Assert.Contains(app.Acs.Rooms, room => room.Value.TryGetValue(userId, out var role) && role == "Consumer");
        Assert.All(app.Acs.Calls, c => Assert.Null(c.Failure));

        // The bundled SDK got the token: it cannot join Azure with a fake one, and the player says why.
        var failed = viewer.Locator("[data-testid='acs-player'][data-acs-state='error']");
        await failed.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        var message = await viewer.TestId("acs-player-message").InnerTextAsync();
        output.WriteLine($"ACS player with a fake token: {message}");
        Assert.Contains("The video could not start:", message, StringComparison.Ordinal);
        // The SDK's own verdict on the token it was handed ("Invalid token": a fake is not a JWT).
        Assert.Contains("token", message, StringComparison.OrdinalIgnoreCase);
        Assert.True(await viewer.TestId("acs-retry-button").IsVisibleAsync());
        Assert.DoesNotContain(app.Acs.Tokens[userId].Last().Token, await viewer.ContentAsync(), StringComparison.Ordinal);
    }
}

/// <summary>Like <see cref="BrowserFixture"/>, with the app's ACS pointed at a local <see cref="FakeAcs"/>.</summary>
public sealed class AcsBrowserFixture : IAsyncLifetime
{
    public const float Patience = BrowserFixture.Patience;

    private IPlaywright? _playwright;

    public AcsLiveShopFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _ = App.BaseAddress;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("LIVESHOP_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--autoplay-policy=no-user-gesture-required",
            ],
        });
    }

    public Task<IBrowserContext> NewPhoneAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        // "localhost", not 127.0.0.1: the calling SDK only runs in a secure context (https, file: or localhost).
        BaseURL = App.BaseAddress.ToString().TrimEnd('/').Replace("127.0.0.1", "localhost", StringComparison.Ordinal),
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        Locale = "en-US",
    });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
