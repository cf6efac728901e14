using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using LiveShop.Server.Data;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveShop.E2E;

/// <summary>
/// The documented production path, as an operator runs it: <c>dotnet publish LiveShop.Server -c Release</c> (trimmed
/// WebAssembly client), then <c>dotnet LiveShop.Server.dll</c> with <c>ASPNETCORE_ENVIRONMENT=Production</c>, in its
/// own process on a free loopback port, on an empty database in a temp data folder. Published once per test run.
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
        var output = Path.Combine(_folder, "app");
        var data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(data);

        var watch = Stopwatch.StartNew();
        await PublishAsync(output);
        PublishDuration = watch.Elapsed;

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

public sealed partial class PublishedProductionTests(PublishedAppFixture app, ITestOutputHelper output) : IClassFixture<PublishedAppFixture>
{
    [Fact]
    public async Task PublishedApp_Production_BootsStyledRegistersAndHasNoDemoAccounts()
    {
        output.WriteLine($"dotnet publish -c Release took {app.PublishDuration.TotalSeconds:F0} s");
        try
        {
            await RunAsync();
        }
        finally
        {
            output.WriteLine("Server log:\n" + string.Join("\n", app.LogLines));
        }
    }

    private async Task RunAsync()
    {
        Assert.Contains(app.LogLines, l => l.Contains("Hosting environment: Production", StringComparison.Ordinal));
        Assert.Contains(app.LogLines, l => l.Contains("demo data False", StringComparison.Ordinal));

        // Static assets straight from the published wwwroot, with the types a browser needs.
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var home = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        var mudCss = MudBlazorCss().Match(html);
        Assert.True(mudCss.Success, "The home page links no MudBlazor stylesheet.");
        await AssertServedAsync(http, "/_framework/blazor.web.js", "text/javascript");
        await AssertServedAsync(http, "/_framework/dotnet.js", "text/javascript");
        await AssertServedAsync(http, "/" + mudCss.Value, "text/css");

        // 1. The home page: the trimmed WebAssembly client boots, reads the (empty) show list and is styled.
        var (context, errors) = await NewContextAsync();
        await using (context)
        {
            var frameworkFailures = new List<string>();
            var wasmLoaded = 0;
            var page = await context.NewPageAsync();
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

            await page.GotoAsync("/");
            await page.WaitForAppReadyAsync();
            await Assertions.Expect(page.TestId("live-now-empty")).ToBeVisibleAsync();
            await Assertions.Expect(page.TestId("upcoming")).ToContainTextAsync("Nothing scheduled yet.");
            await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            var styled = await page.EvaluateAsync<bool>(
                "() => [...document.styleSheets].some(s => (s.href || '').includes('/_content/MudBlazor/') && s.cssRules.length > 100)");
            Assert.True(styled, "MudBlazor's stylesheet did not apply.");
            Assert.Empty(frameworkFailures);
            Assert.True(wasmLoaded > 0, "No .wasm file was served as application/wasm.");

            // 2. A new account through the register page: RegisterRequest and CurrentUserDto cross the trimmed client.
            await page.GotoAsync("/account/register");
            await page.WaitForInteractiveAsync("register-submit");
            await page.Field("display-name").FillAsync("Ana Production");
            await page.Field("email").FillAsync($"ana-{Guid.NewGuid():N}@example.com");
            await page.Field("password").FillAsync("Prod-passw0rd");
            await page.TestId("register-submit").ClickAsync();
            await Assertions.Expect(page.TestId("user-chip")).ToContainTextAsync("Ana Production", new() { Timeout = Patience });
            await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        }

        Assert.True(errors.Count == 0, "The browser reported errors:\n" + string.Join("\n", errors));

        // 3. No demo accounts in Production: the README's published demo password opens nothing.
        var (signIn, signInErrors) = await NewContextAsync();
        await using (signIn)
        {
            var page = await signIn.NewPageAsync();
            await page.GotoAsync("/account/sign-in");
            await page.WaitForInteractiveAsync("sign-in-submit");
            await page.Field("email").FillAsync(DemoSeeder.HostAccount.Email);
            await page.Field("password").FillAsync(DemoSeeder.DemoPassword);
            await page.TestId("sign-in-submit").ClickAsync();
            await Assertions.Expect(page.TestId("form-error")).ToContainTextAsync("That email and password do not match an account.");
            await Assertions.Expect(page.TestId("nav-sign-in")).ToBeVisibleAsync();
        }

        // The refused sign-in is a 400 the browser logs as a failed resource; anything else is an error.
        Assert.True(signInErrors.All(e => e.Contains("status of 400", StringComparison.Ordinal)),
            "The browser reported errors:\n" + string.Join("\n", signInErrors));
    }

    /// <summary>The first WebAssembly start of a fresh context; Release is faster than Debug, but the machine is shared.</summary>
    private const float Patience = 60_000;

    private static async Task AssertServedAsync(HttpClient http, string path, string contentType)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}.");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0, $"{path} is empty.");
    }

    private async Task<(IBrowserContext Context, List<string> Errors)> NewContextAsync()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
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
        return (context, errors);
    }

    [GeneratedRegex("_content/MudBlazor/[^\"]+\\.css")]
    private static partial Regex MudBlazorCss();
}
