using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveShop.E2E;

/// <summary>
/// The documented production path, as an operator runs it: <c>dotnet publish LiveShop.Server -c Release</c> (trimmed
/// WebAssembly client), then <c>dotnet LiveShop.Server.dll</c> with <c>ASPNETCORE_ENVIRONMENT=Production</c>, in its
/// own process on a free loopback port, on an empty database in a temp data folder. Published once per test run.
/// The app mails through a real SMTP server in the test (<see cref="Smtp"/>), with its links on <see cref="BaseUrl"/>.
/// <para>
/// Publishing takes ~6 minutes on a busy 2-core machine. While developing a test, publish once by hand
/// (<c>dotnet publish LiveShop.Server -c Release -o /tmp/liveshop-pub</c>) and set
/// <c>LIVESHOP_PUBLISHED_DIR=/tmp/liveshop-pub</c>: the fixture then starts that output instead of publishing.
/// CI never sets it, so CI always tests a fresh publish of the code under test.
/// </para>
/// </summary>
public sealed class PublishedAppFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "liveshop-published", Guid.NewGuid().ToString("N"));
    private readonly List<string> _log = [];
    private Process? _process;
    private IPlaywright? _playwright;

    /// <summary>The published app's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>How long <c>dotnet publish</c> took (about 2–6 minutes on a busy 2-core machine).</summary>
    public TimeSpan PublishDuration { get; private set; }

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The SMTP server the published app sends its mail to (invitations, password resets).</summary>
    public TestSmtpServer Smtp { get; } = new();

    /// <summary>Whether this run started an existing publish output (<c>LIVESHOP_PUBLISHED_DIR</c>) rather than publishing.</summary>
    public bool ReusedPublish { get; private set; }

    /// <summary>Every line the server wrote to stdout and stderr so far (e.g. to find a line it logs at start).</summary>
    public IReadOnlyList<string> LogLines
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    public async Task InitializeAsync()
    {
        var data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(data);

        var output = Environment.GetEnvironmentVariable("LIVESHOP_PUBLISHED_DIR") is { Length: > 0 } reused && File.Exists(Path.Combine(reused, "LiveShop.Server.dll"))
            ? reused
            : Path.Combine(_folder, "app");
        ReusedPublish = output != Path.Combine(_folder, "app");
        if (!ReusedPublish)
        {
            var watch = Stopwatch.StartNew();
            await PublishAsync(output);
            PublishDuration = watch.Elapsed;
        }

        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(DotnetHost(), [Path.Combine(output, "LiveShop.Server.dll"), "--urls", BaseUrl])
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment.Remove("LIVESHOP_DEFAULT_ENVIRONMENT");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__DataDirectory"] = data;
        start.Environment["Email__Smtp__Host"] = "127.0.0.1";
        start.Environment["Email__Smtp__Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Email__Smtp__UseTls"] = "None";
        start.Environment["Email__From"] = "LiveShop <no-reply@liveshop.test>";
        start.Environment["Email__LinkBaseUrl"] = BaseUrl;
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilServingAsync();

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
            ],
        });
    }

    /// <summary>
    /// Publishes in place (Release: its own bin/Release and obj/Release, so the Debug build the other tests run stays
    /// untouched), without build servers, so no compiler process outlives the test or holds its output open.
    /// </summary>
    private static async Task PublishAsync(string output)
    {
        var project = Path.Combine(RepositoryRoot(), "LiveShop.Server", "LiveShop.Server.csproj");
        var publish = new ProcessStartInfo(DotnetHost(),
            [
                "publish", project, "-c", "Release", "-o", output, "--disable-build-servers",
                "-nologo", "-v", "quiet", "-clp:ErrorsOnly",
            ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // `dotnet test` runs this inside MSBuild's environment; a nested build must find its own SDK.
        foreach (var name in publish.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            publish.Environment.Remove(name);
        }

        using var process = Process.Start(publish) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The published server exited with {_process.ExitCode}:\n{string.Join("\n", LogLines)}");
            }

            try
            {
                // Kestrel listens only once the database is migrated: any answer means the app is up.
                using var response = await http.GetAsync(BaseUrl + "/api/account/me");
                return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The published server did not answer within 90 s:\n{string.Join("\n", LogLines)}");
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }
    }

    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LiveShop.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("LiveShop.slnx not found above " + AppContext.BaseDirectory);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        await Smtp.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>
/// Issue 11's journey, in real Chromium against the published app in Production on an empty database: the operator
/// sets LiveShop up with the token from the log, the owner invites a host by e-mail, adds a product with a photo,
/// the host schedules a show with it, goes live and pins it, a phone viewer buys it cash on delivery, and a password
/// is reset through the mail. One test, because each step needs the one before (the steps share one server and one
/// database, and xunit does not order tests).
/// </summary>
public sealed partial class PublishedProductionTests(PublishedAppFixture app, ITestOutputHelper output) : IClassFixture<PublishedAppFixture>
{
    /// <summary>The first WebAssembly start of a fresh context; Release is faster than Debug, but the machine is shared.</summary>
    private const float Patience = 60_000;

    private const string OwnerEmail = "owner@formosa-tea.example";
    private const string OwnerPassword = "Owner-passw0rd";
    private const string HostEmail = "host@formosa-tea.example";
    private const string HostPassword = "Host-passw0rd";
    private const string ViewerEmail = "xiao.wang@example.com";
    private const string ViewerPassword = "Viewer-passw0rd";
    private const string ViewerNewPassword = "Viewer-new-passw0rd";
    private const string Sku = "FT-CLAY-POT";
    private const string ProductName = "Yixing Clay Teapot";

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact]
    public async Task PublishedApp_EmptyProductionDatabase_SetupTeamCatalogLiveSaleAndPasswordReset()
    {
        output.WriteLine(app.ReusedPublish
            ? "Started an existing publish output (LIVESHOP_PUBLISHED_DIR)."
            : $"dotnet publish -c Release took {app.PublishDuration.TotalSeconds:F0} s");
        var contexts = new List<(string Name, IBrowserContext Context, List<string> Errors)>();
        try
        {
            await AssertPublishedAsync();
            var shopId = await SetUpAsync(contexts);
            await InviteHostAsync(contexts, shopId);
            var productId = await AddProductAsync(contexts, shopId);
            var showId = await ScheduleGoLiveAndPinAsync(contexts, productId);
            await ViewerBuysCashOnDeliveryAsync(contexts, showId, productId);
            await OwnerSeesTheStockFallAsync(contexts, shopId, productId);
            await ResetPasswordThroughTheMailAsync(contexts);
            await NoDemoAccountsAsync(contexts);

            var errors = contexts.SelectMany(c => c.Errors.Where(e => !Expected(c.Name, e)).Select(e => $"[{c.Name}] {e}")).ToList();
            Assert.True(errors.Count == 0, "The browser reported errors:\n" + string.Join("\n", errors));
        }
        catch
        {
            // What each browser showed when the journey failed: a picture and the page's address.
            foreach (var (name, context, _) in contexts)
            {
                foreach (var (page, n) in context.Pages.Select((p, i) => (p, i)))
                {
                    output.WriteLine($"[{name}] page {n}: {page.Url}");
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath($"failed-{name}-{n}.png"), FullPage = true });
                }
            }

            throw;
        }
        finally
        {
            foreach (var (_, context, _) in contexts)
            {
                await context.DisposeAsync();
            }

            output.WriteLine("Browser errors: " + string.Join("\n", contexts.SelectMany(c => c.Errors.Select(e => $"[{c.Name}] {e}"))));
            output.WriteLine("Mail received: " + string.Join("; ", app.Smtp.Received.Select(m => $"{m.To} \"{m.Subject}\"")));
            output.WriteLine("Server log:\n" + string.Join("\n", app.LogLines));
        }
    }

    /// <summary>Refusals the test provokes on purpose: a refused sign-in is a 400 the browser logs as a failed resource.</summary>
    private static bool Expected(string context, string error) =>
        context is "demo-sign-in" or "viewer-laptop" && error.Contains("status of 400", StringComparison.Ordinal);

    /// <summary>The published output boots in Production, without the demo, and serves its static assets with the right types.</summary>
    private async Task AssertPublishedAsync()
    {
        Assert.Contains(app.LogLines, l => l.Contains("Hosting environment: Production", StringComparison.Ordinal));
        Assert.Contains(app.LogLines, l => l.Contains("demo data False", StringComparison.Ordinal));

        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var home = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        var mudCss = MudBlazorCss().Match(html);
        Assert.True(mudCss.Success, "The home page links no MudBlazor stylesheet.");
        await AssertServedAsync(http, "/_framework/blazor.web.js", "text/javascript");
        await AssertServedAsync(http, "/_framework/dotnet.js", "text/javascript");
        await AssertServedAsync(http, "/" + mudCss.Value, "text/css");
    }

    /// <summary>
    /// Step 1. The operator opens the site: an empty install sends them to /setup, where the token from the server's
    /// log, the administrator and the first shop (TWD) open LiveShop on the shop's (empty) product list.
    /// </summary>
    private async Task<Guid> SetUpAsync(List<(string, IBrowserContext, List<string>)> contexts)
    {
        var line = app.LogLines.LastOrDefault(l => SetupToken().IsMatch(l));
        Assert.True(line is not null, "The server logged no setup token at start.");
        var token = SetupToken().Match(line).Groups[1].Value;

        var page = await NewPageAsync(contexts, "owner", Desktop);
        var frameworkFailures = new List<string>();
        var wasmLoaded = 0;
        page.Response += (_, response) =>
        {
            var path = new Uri(response.Url).AbsolutePath;
            if (!path.StartsWith("/_framework/", StringComparison.Ordinal) && !path.StartsWith("/_content/", StringComparison.Ordinal))
            {
                return;
            }

            if (response.Status is not (200 or 304))
            {
                lock (frameworkFailures)
                {
                    frameworkFailures.Add($"{response.Status} {path}");
                }
            }
            else if (path.EndsWith(".wasm", StringComparison.Ordinal) && response.Headers.TryGetValue("content-type", out var type) && type == "application/wasm")
            {
                Interlocked.Increment(ref wasmLoaded);
            }
        };

        // The home page of an install nobody has set up sends its first visitor to the setup page.
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/setup", new PageWaitForURLOptions { Timeout = Patience });
        await page.WaitForInteractiveAsync("setup-next");
        await Assertions.Expect(page.TestId("setup-step")).ToHaveTextAsync("Step 1 of 2");
        var styled = await page.EvaluateAsync<bool>(
            "() => [...document.styleSheets].some(s => (s.href || '').includes('/_content/MudBlazor/') && s.cssRules.length > 100)");
        Assert.True(styled, "MudBlazor's stylesheet did not apply.");
        Assert.Empty(frameworkFailures);
        Assert.True(wasmLoaded > 0, "No .wasm file was served as application/wasm (the trimmed client did not boot).");

        await page.Field("setup-token").FillAsync(token);
        await page.Field("setup-name").FillAsync("Lin Ya-ting");
        await page.Field("setup-email").FillAsync(OwnerEmail);
        await page.Field("setup-password").FillAsync(OwnerPassword);
        await page.TestId("setup-next").ClickAsync();

        await Assertions.Expect(page.TestId("setup-step")).ToHaveTextAsync("Step 2 of 2");
        await page.Field("shop-name").FillAsync("Formosa Tea House");
        await Assertions.Expect(page.Field("shop-slug")).ToHaveValueAsync("formosa-tea-house");
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Currency" })).ToContainTextAsync("TWD");
        await Assertions.Expect(page.Field("shop-contact-email")).ToHaveValueAsync(OwnerEmail);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("backoffice-setup.png") });
        await page.TestId("setup-finish").ClickAsync();

        await page.WaitForURLAsync("**/shops/*/products", new PageWaitForURLOptions { Timeout = Patience });
        await Assertions.Expect(page.TestId("backoffice-nav")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = Patience });
        await Assertions.Expect(page.TestId("shop-name")).ToHaveTextAsync("Formosa Tea House");
        await Assertions.Expect(page.TestId("products-empty")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = Patience });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("backoffice-products-empty.png") });
        Assert.Contains(app.LogLines, l => l.Contains("Setup done", StringComparison.Ordinal));
        Step("1. set up with the token from the log");
        return Guid.Parse(ShopInUrl().Match(page.Url).Groups[1].Value);
    }

    /// <summary>
    /// Step 2. The owner invites a host from the Team page; the mail reaches the SMTP server; its link, opened in
    /// another browser, lets the host create an account and join the shop.
    /// </summary>
    private async Task InviteHostAsync(List<(string, IBrowserContext, List<string>)> contexts, Guid shopId)
    {
        var owner = Page(contexts, "owner");
        await owner.TestId("bo-nav-team").ClickAsync();
        await owner.WaitForURLAsync($"**/shops/{shopId}/team");
        await Assertions.Expect(owner.TestId("invitations-empty")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = Patience });
        await Assertions.Expect(owner.TestId("member-row")).ToHaveCountAsync(1);

        await owner.TestId("invite-open").ClickAsync();
        var dialog = owner.TestId("invite-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator("[data-testid='invite-email'] input, input[data-testid='invite-email']").First.FillAsync(HostEmail);
        await dialog.Locator("[data-testid='invite-role-host']").ClickAsync();
        await owner.TestId("invite-send").ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        var row = owner.Locator($"[data-testid='invitation-row'][data-email='{HostEmail}']");
        await Assertions.Expect(row).ToContainTextAsync("Host");
        await Assertions.Expect(row).ToContainTextAsync("Lin Ya-ting");

        var mail = await app.Smtp.WaitForAsync(HostEmail, "invites you to Formosa Tea House");
        Assert.Contains("as a host", mail.TextBody, StringComparison.Ordinal);
        var (link, _) = TestSmtpServer.LinkIn(mail);
        Assert.StartsWith(app.BaseUrl + "/invitations/", link.ToString(), StringComparison.Ordinal);

        var host = await NewPageAsync(contexts, "host", Desktop);
        await host.GotoAsync(link.ToString());
        await Assertions.Expect(host.TestId("invitation-headline")).ToHaveTextAsync(
            "Lin Ya-ting invites you to join Formosa Tea House as a host", new LocatorAssertionsToHaveTextOptions { Timeout = Patience });
        await Assertions.Expect(host.TestId("invitation-email")).ToContainTextAsync(HostEmail);
        await host.Field("invitation-name").FillAsync("Mei Lin");
        await host.Field("invitation-password").FillAsync(HostPassword);
        await host.TestId("invitation-accept").ClickAsync();

        // A host starts on their shows; the account exists and is a member now.
        await host.WaitForURLAsync("**/host", new PageWaitForURLOptions { Timeout = Patience });
        await Assertions.Expect(host.TestId("user-chip")).ToContainTextAsync("Mei Lin", new LocatorAssertionsToContainTextOptions { Timeout = Patience });
        await Assertions.Expect(host.TestId("new-show")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = Patience });

        // The owner's team page, reloaded, lists the host as a member and no open invitation.
        await owner.ReloadAsync();
        var member = owner.Locator($"[data-testid='member-row'][data-email='{HostEmail}']");
        await Assertions.Expect(member).ToContainTextAsync("Mei Lin", new LocatorAssertionsToContainTextOptions { Timeout = Patience });
        await Assertions.Expect(owner.TestId("invitations-empty")).ToBeVisibleAsync();
        await owner.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("backoffice-team.png") });
        Step("2. host invited by mail and joined");
    }

    /// <summary>
    /// Step 3. The owner adds a plain product with its stock, then a photo on its edit form.
    /// Variants (sizes, colours) are not built yet: when they are, this step adds one and the viewer picks it in step 5.
    /// </summary>
    private async Task<Guid> AddProductAsync(List<(string, IBrowserContext, List<string>)> contexts, Guid shopId)
    {
        var owner = Page(contexts, "owner");
        await owner.TestId("bo-nav-products").ClickAsync();
        await owner.WaitForURLAsync($"**/shops/{shopId}/products");
        await owner.TestId("empty-add-product").ClickAsync();
        await owner.WaitForURLAsync($"**/shops/{shopId}/products/new");
        await owner.WaitForInteractiveAsync("product-save");

        await owner.Field("product-sku").FillAsync(Sku);
        await owner.Field("product-name-input").FillAsync(ProductName);
        await owner.Field("product-description").FillAsync("Hand-thrown purple clay, 200 ml. Brews oolong and pu'er.");
        await owner.Field("product-price-input").FillAsync("1280");

        // Two clays: an option with two values, the variants generated, each its own stock; red clay dearer.
        await owner.TestId("add-option").ClickAsync();
        await owner.Field("option-name").FillAsync("Clay");
        await owner.Field("option-values-input").FillAsync("Purple, Red");
        await owner.Field("option-values-input").PressAsync("Enter");
        await Assertions.Expect(owner.TestId("option-value")).ToHaveCountAsync(2);
        await owner.TestId("generate-variants").ClickAsync();
        var rows = owner.TestId("variant-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var purple = owner.Locator("[data-testid='variant-row'][data-label='Purple']");
        var red = owner.Locator("[data-testid='variant-row'][data-label='Red']");
        await Assertions.Expect(purple.FieldIn("variant-sku")).ToHaveValueAsync(new Regex($"^{Sku}-"));
        await purple.FieldIn("variant-stock").FillAsync("12");
        await red.FieldIn("variant-stock").FillAsync("8");
        await red.FieldIn("variant-price").FillAsync("1380");
        await Assertions.Expect(owner.TestId("variants-summary")).ToContainTextAsync("20 in stock");
        await owner.TestId("product-save").ClickAsync();

        // Saved: the form becomes the product's page, with its stock per variant and an empty photo panel.
        await owner.WaitForURLAsync(new Regex($"/shops/{shopId}/products/[0-9a-f-]{{36}}$"), new PageWaitForURLOptions { Timeout = Patience });
        var productId = Guid.Parse(owner.Url[^36..]);
        await Assertions.Expect(owner.TestId("stock-now")).ToHaveTextAsync("20");
        await Assertions.Expect(owner.Locator("[data-testid='variant-stock-row'][data-label='Red'] [data-testid='variant-stock-count']")).ToHaveTextAsync("8");
        await Assertions.Expect(owner.TestId("photos-empty")).ToBeVisibleAsync();

        await owner.TestId("photo-input").SetInputFilesAsync(new FilePayload
        {
            Name = "teapot.jpg",
            MimeType = "image/jpeg",
            Buffer = ProductPhoto.Teapot(),
        });
        var photo = owner.TestId("photo");
        await Assertions.Expect(owner.Locator("[data-testid='photo'], [data-testid='photos-error']").First)
            .ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        if (await owner.TestId("photos-error").CountAsync() > 0)
        {
            Assert.Fail("The photo upload was refused: " + await owner.TestId("photos-error").InnerTextAsync());
        }

        await Assertions.Expect(photo).ToHaveCountAsync(1);
        await Assertions.Expect(owner.TestId("photo-cover")).ToBeVisibleAsync();
        await Assertions.Expect(photo.Locator("img")).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await photo.Locator("img").EvaluateAsync<int>("img => img.naturalWidth") > 0, "The uploaded photo's thumbnail does not load.");
        await owner.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("backoffice-product-form.png"), FullPage = true });

        await owner.TestId("back-to-products").ClickAsync();
        var listed = owner.TestId("product-grid").Locator("tbody tr").Filter(new() { HasText = ProductName });
        await Assertions.Expect(listed).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = Patience });
        await Assertions.Expect(listed.TestIdIn("product-price")).ToHaveTextAsync("NT$1,280");
        await Assertions.Expect(listed.TestIdIn("product-stock")).ToHaveTextAsync("20");
        await Assertions.Expect(listed.TestIdIn("product-variants")).ToHaveTextAsync("2 variants");
        await Assertions.Expect(listed.Locator("img")).ToHaveJSPropertyAsync("complete", true);
        await owner.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("backoffice-products.png") });
        Step("3. product with two variants, a photo and stock");
        return productId;
    }

    /// <summary>Step 4. The host schedules a show with the product, goes live from the console and pins it.</summary>
    private async Task<Guid> ScheduleGoLiveAndPinAsync(List<(string, IBrowserContext, List<string>)> contexts, Guid productId)
    {
        var host = Page(contexts, "host");
        await host.TestId("new-show").ClickAsync();
        await host.WaitForURLAsync("**/host/shows/new");
        await host.WaitForInteractiveAsync("create-show-submit");
        await host.Field("show-title-input").FillAsync("Teapot evening");

        // The shop's only product, in the show's currency (TWD).
        var pick = host.Locator($"[data-testid='pick-product'][data-sku='{Sku}']");
        await Assertions.Expect(pick).ToContainTextAsync(ProductName, new LocatorAssertionsToContainTextOptions { Timeout = Patience });
        await Assertions.Expect(pick).ToContainTextAsync("20 in stock");
        await pick.Locator("input").CheckAsync();
        await host.TestId("create-show-submit").ClickAsync();

        await host.WaitForURLAsync(new Regex("/host/shows/[0-9a-f-]{36}$"), new PageWaitForURLOptions { Timeout = Patience });
        var showId = Guid.Parse(host.Url.Split('/')[^1]);
        await Assertions.Expect(host.TestId("console-title")).ToHaveTextAsync("Teapot evening", new LocatorAssertionsToHaveTextOptions { Timeout = Patience });
        await host.WaitForLiveConnectionAsync();
        await host.TestId("go-live-button").ClickAsync();
        await Assertions.Expect(host.TestId("end-show-button")).ToBeVisibleAsync();
        var row = host.Locator($"[data-testid='lineup-row'][data-product-id='{productId}']");
        await Assertions.Expect(row).ToContainTextAsync(ProductName);
        await row.Locator("[data-testid='pin-button']").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid='unpin-button']")).ToBeVisibleAsync();
        Step("4. show scheduled, live, product pinned");
        return showId;
    }

    /// <summary>
    /// Step 5. A viewer on a phone finds the live show on the home page, taps Buy on the pinned card, creates an
    /// account on the way (and comes back to the open cart), gives an address and orders cash on delivery.
    /// </summary>
    private async Task ViewerBuysCashOnDeliveryAsync(List<(string, IBrowserContext, List<string>)> contexts, Guid showId, Guid productId)
    {
        var viewer = await NewPageAsync(contexts, "viewer", Phone);
        await viewer.GotoAsync("/");
        var card = viewer.TestId("live-now").Locator($"[data-testid='show-card'][data-show-id='{showId}']");
        await Assertions.Expect(card).ToContainTextAsync("Teapot evening", new LocatorAssertionsToContainTextOptions { Timeout = Patience });
        await card.ClickAsync();
        await viewer.WaitForURLAsync($"**/shows/{showId}", new PageWaitForURLOptions { Timeout = Patience });
        await viewer.WaitForLiveConnectionAsync();

        var pinned = viewer.Locator($"[data-testid='pinned-cards'] [data-testid='product-card'][data-product-id='{productId}']");
        await Assertions.Expect(pinned).ToContainTextAsync(ProductName);

        // Before a clay is chosen the card says "from" the lower price and Buy waits; red clay shows its own price.
        await Assertions.Expect(pinned).ToContainTextAsync("NT$1,280");
        await Assertions.Expect(viewer.TestId($"buy-{productId}")).ToBeDisabledAsync();
        await pinned.Locator("[data-testid='variant-chip'][data-value='Red']").ClickAsync();
        await Assertions.Expect(pinned.Locator("[data-testid='variant-chip'][data-value='Red']")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(pinned.TestIdIn("card-price")).ToContainTextAsync("NT$1,380");
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("viewer-phone-variant.png") });
        await viewer.TestId($"buy-{productId}").ClickAsync();
        await Assertions.Expect(viewer.TestId("cart-sign-in-prompt")).ToBeVisibleAsync();
        await viewer.TestId("cart-sign-in").ClickAsync();

        // No account yet: "Create an account" on the sign-in page, then straight back to the show with the cart open.
        await viewer.WaitForURLAsync("**/account/sign-in**", new PageWaitForURLOptions { Timeout = Patience });
        await viewer.GetByText("Create an account").ClickAsync();
        await viewer.WaitForURLAsync("**/account/register**");
        await viewer.WaitForInteractiveAsync("register-submit");
        await viewer.Field("display-name").FillAsync("Xiao Wang");
        await viewer.Field("email").FillAsync(ViewerEmail);
        await viewer.Field("password").FillAsync(ViewerPassword);
        await viewer.TestId("register-submit").ClickAsync();

        await viewer.WaitForURLAsync($"**/shows/{showId}?checkout=1**", new PageWaitForURLOptions { Timeout = Patience });
        var sheet = viewer.TestId("cart-sheet");
        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "cart", new LocatorAssertionsToHaveAttributeOptions { Timeout = Patience });
        var line = viewer.TestId($"cart-line-{productId}");
        await Assertions.Expect(line.TestIdIn("cart-line-name")).ToHaveTextAsync(ProductName);
        await Assertions.Expect(line.TestIdIn("cart-line-variant")).ToContainTextAsync("Red");
        await Assertions.Expect(line.TestIdIn("cart-qty")).ToHaveTextAsync("1");
        await Assertions.Expect(viewer.TestId("cart-total")).ToHaveTextAsync("NT$1,380");
        await viewer.TestId("checkout-next").ClickAsync();

        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "delivery");
        await viewer.Field("address-name").FillAsync("Xiao Wang");
        await viewer.Field("address-line1").FillAsync("No. 7, Lane 3, Yongkang St.");
        await viewer.Field("address-city").FillAsync("Taipei");
        await viewer.Field("address-postal-code").FillAsync("106");
        await viewer.Field("address-country").FillAsync("Taiwan");
        await viewer.Field("address-phone").FillAsync("+886 912 345 678");
        await viewer.TestId("checkout-next").ClickAsync();

        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "payment");
        await viewer.TestId("pay-cod").ClickAsync();
        await viewer.TestId("place-order").ClickAsync();
        var placed = viewer.TestId("order-placed");
        await Assertions.Expect(placed).ToContainTextAsync(new Regex(@"Order #[2-9A-Z]{8} placed"), new LocatorAssertionsToContainTextOptions { Timeout = 20_000 });
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("viewer-phone-cod-order.png") });
        var number = OrderNumber().Match(await placed.InnerTextAsync()).Groups[1].Value;

        // My orders lists it, to be paid on delivery.
        await viewer.TestId("order-placed-link").ClickAsync();
        await Assertions.Expect(viewer.TestId($"order-{number}")).ToContainTextAsync(ProductName, new LocatorAssertionsToContainTextOptions { Timeout = Patience });
        await Assertions.Expect(viewer.TestId($"order-{number}")).ToContainTextAsync("Red");
        Step($"5. phone viewer ordered #{number} cash on delivery");
    }

    /// <summary>The sale took one unit: the owner's product list says so.</summary>
    private async Task OwnerSeesTheStockFallAsync(List<(string, IBrowserContext, List<string>)> contexts, Guid shopId, Guid productId)
    {
        var owner = Page(contexts, "owner");
        await owner.GotoAsync($"/shops/{shopId}/products");
        var listed = owner.TestId("product-grid").Locator("tbody tr").Filter(new() { HasText = ProductName });
        await Assertions.Expect(listed.TestIdIn("product-stock")).ToHaveTextAsync("19", new LocatorAssertionsToHaveTextOptions { Timeout = Patience });

        // The unit came out of the red clay's stock; the purple's is untouched.
        await owner.GotoAsync($"/shops/{shopId}/products/{productId}");
        await Assertions.Expect(owner.Locator("[data-testid='variant-stock-row'][data-label='Red'] [data-testid='variant-stock-count']")).ToHaveTextAsync("7", new LocatorAssertionsToHaveTextOptions { Timeout = Patience });
        await Assertions.Expect(owner.Locator("[data-testid='variant-stock-row'][data-label='Purple'] [data-testid='variant-stock-count']")).ToHaveTextAsync("12");
    }

    /// <summary>
    /// Step 6. The viewer, on a laptop, forgot the password: "Forgot password?" mails a link; the link sets a new
    /// password; the new one signs in and the old one no longer does.
    /// </summary>
    private async Task ResetPasswordThroughTheMailAsync(List<(string, IBrowserContext, List<string>)> contexts)
    {
        var page = await NewPageAsync(contexts, "viewer-laptop", Desktop);
        await page.GotoAsync("/account/sign-in");
        await page.WaitForInteractiveAsync("sign-in-submit");
        await page.TestId("forgot-password").ClickAsync();
        await page.WaitForURLAsync("**/account/forgot-password");
        await page.WaitForInteractiveAsync("forgot-submit");
        await page.Field("email").FillAsync(ViewerEmail);
        await page.TestId("forgot-submit").ClickAsync();
        await Assertions.Expect(page.TestId("forgot-sent")).ToBeVisibleAsync();

        var mail = await app.Smtp.WaitForAsync(ViewerEmail, "Reset your LiveShop password");
        var (link, query) = TestSmtpServer.LinkIn(mail);
        Assert.StartsWith(app.BaseUrl + "/account/reset-password?", link.ToString(), StringComparison.Ordinal);
        Assert.True(query.ContainsKey("code"), "The reset link carries no code.");

        await page.GotoAsync(link.ToString());
        await page.WaitForInteractiveAsync("reset-submit");
        await page.Field("new-password").FillAsync(ViewerNewPassword);
        await page.Field("repeat-password").FillAsync(ViewerNewPassword);
        await page.TestId("reset-submit").ClickAsync();
        await Assertions.Expect(page.TestId("reset-done")).ToBeVisibleAsync();

        await page.TestId("reset-sign-in").ClickAsync();
        await page.WaitForInteractiveAsync("sign-in-submit");
        await page.Field("email").FillAsync(ViewerEmail);
        await page.Field("password").FillAsync(ViewerPassword);
        await page.TestId("sign-in-submit").ClickAsync();
        await Assertions.Expect(page.TestId("form-error")).ToContainTextAsync("That email and password do not match an account.");
        await page.Field("password").FillAsync(ViewerNewPassword);
        await page.TestId("sign-in-submit").ClickAsync();
        await Assertions.Expect(page.TestId("user-chip")).ToContainTextAsync("Xiao Wang", new LocatorAssertionsToContainTextOptions { Timeout = Patience });
        Step("6. password reset through the mail, signed in with the new one");
    }

    /// <summary>No demo accounts in Production: the README's published demo password opens nothing.</summary>
    private async Task NoDemoAccountsAsync(List<(string, IBrowserContext, List<string>)> contexts)
    {
        var page = await NewPageAsync(contexts, "demo-sign-in", Desktop);
        await page.GotoAsync("/account/sign-in");
        await page.WaitForInteractiveAsync("sign-in-submit");
        await page.Field("email").FillAsync(DemoSeeder.HostAccount.Email);
        await page.Field("password").FillAsync(DemoSeeder.DemoPassword);
        await page.TestId("sign-in-submit").ClickAsync();
        await Assertions.Expect(page.TestId("form-error")).ToContainTextAsync("That email and password do not match an account.");
        await Assertions.Expect(page.TestId("nav-sign-in")).ToBeVisibleAsync();
    }

    private void Step(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F0} s  {what}");

    private static async Task AssertServedAsync(HttpClient http, string path, string contentType)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}.");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0, $"{path} is empty.");
    }

    /// <summary>A desktop (1280 × 800, the size of the docs' back-office pictures), like an owner's or a host's laptop.</summary>
    private static BrowserNewContextOptions Desktop => new()
    {
        ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        Locale = "en-US",
        TimezoneId = "Asia/Taipei",
    };

    /// <summary>A phone (390 × 844, touch), like most viewers.</summary>
    private static BrowserNewContextOptions Phone => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        Locale = "en-US",
        TimezoneId = "Asia/Taipei",
    };

    private static IPage Page(List<(string Name, IBrowserContext Context, List<string> Errors)> contexts, string name) =>
        contexts.Single(c => c.Name == name).Context.Pages[0];

    /// <summary>A page in a new browser context (its own cookies), recording what its pages log as errors.</summary>
    private async Task<IPage> NewPageAsync(List<(string Name, IBrowserContext Context, List<string> Errors)> contexts, string name, BrowserNewContextOptions options)
    {
        options.BaseURL = app.BaseUrl;
        var context = await app.Browser.NewContextAsync(options);
        var errors = new List<string>();
        context.Page += (_, page) =>
        {
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    lock (errors)
                    {
                        errors.Add($"{page.Url}: {message.Text}");
                    }
                }
            };
            page.PageError += (_, error) =>
            {
                lock (errors)
                {
                    errors.Add($"{page.Url}: {error}");
                }
            };
        };
        contexts.Add((name, context, errors));
        return await context.NewPageAsync();
    }

    [GeneratedRegex("_content/MudBlazor/[^\"]+\\.css")]
    private static partial Regex MudBlazorCss();

    [GeneratedRegex("setup token: ([0-9a-f]+)")]
    private static partial Regex SetupToken();

    [GeneratedRegex("/shops/([0-9a-f-]{36})/")]
    private static partial Regex ShopInUrl();

    [GeneratedRegex("#([2-9A-Z]{8})")]
    private static partial Regex OrderNumber();
}
