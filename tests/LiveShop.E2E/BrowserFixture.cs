using LiveShop.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LiveShop.E2E;

/// <summary>
/// One app (real Kestrel, fresh SQLite with the demo seeded) and one system Chromium for a test class.
/// Chromium comes from Debian (/usr/bin/chromium, installed by the test command); Playwright never downloads a browser.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public BrowserFixture()
        : this(new LiveShopFactory())
    {
    }

    /// <summary>A fixture on an app of the test's own (another configuration, e.g. a small camera cap).</summary>
    protected BrowserFixture(LiveShopFactory app) => App = app;

    /// <summary>A fresh browser context boots a Debug WebAssembly app in 5–7 s on two cores.</summary>
    public const float Patience = 60_000;

    private IPlaywright? _playwright;

    public LiveShopFactory App { get; }

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl => App.BaseAddress.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        _ = App.BaseAddress;

        // Expectations retry until they pass; 5 s (the default) is too short on a loaded 2-core CI machine.
        Assertions.SetDefaultExpectTimeout(15_000);
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
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            ],
        });
    }

    /// <summary>Errors each context's pages wrote to the console or threw (a user would see Blazor's error bar).</summary>
    private readonly Dictionary<IBrowserContext, List<string>> _errors = [];

    /// <summary>A phone-sized context (390 × 844, touch), like most viewers; <paramref name="locale"/> is the browser's language (Accept-Language).</summary>
    public Task<IBrowserContext> NewPhoneAsync(string locale = "en-US") => WatchAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseUrl,
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        Locale = locale,
        TimezoneId = "Asia/Taipei",
    });

    /// <summary>A desktop context, like a host's laptop; <paramref name="locale"/> is the browser's language (Accept-Language).</summary>
    public Task<IBrowserContext> NewDesktopAsync(string locale = "en-US") => WatchAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseUrl,
        ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        Locale = locale,
        TimezoneId = "Asia/Taipei",
    });

    /// <summary>Fails with every error the contexts' pages logged, so the cause is in the test output.</summary>
    public void AssertNoBrowserErrors(params IBrowserContext[] contexts)
    {
        lock (_errors)
        {
            var errors = contexts.SelectMany(c => _errors[c]).ToList();
            Assert.True(errors.Count == 0, "The browser reported errors:\n" + string.Join("\n", errors));
        }
    }

    private async Task<IBrowserContext> WatchAsync(BrowserNewContextOptions options)
    {
        var context = await Browser.NewContextAsync(options);
        var errors = new List<string>();
        lock (_errors)
        {
            _errors[context] = errors;
        }

        void Record(string error)
        {
            lock (_errors)
            {
                errors.Add(error);
            }
        }

        context.Page += (_, page) =>
        {
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    Record($"{page.Url}: {message.Text}");
                }
            };
            page.PageError += (_, error) => Record($"{page.Url}: {error}");
        };
        return context;
    }

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
