using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace LiveShop.Client.Tests;

/// <summary>
/// Shared setup for component tests: loose JS interop, MudBlazor services, a fake clock and an
/// interactive WebAssembly renderer (as in the app). The context is disposed asynchronously because
/// MudBlazor's popover service only supports async disposal.
/// </summary>
public abstract class BunitTestBase : IAsyncLifetime
{
    static BunitTestBase()
    {
        // WaitFor* gives up after 1 s by default. On a busy 2-core CI machine the renderer's dispatcher can
        // wait longer than that for a thread (tests run in parallel): give it room. A passing wait returns at once.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>Where the fake clock starts (the device's "now" in every test).</summary>
    protected static readonly DateTimeOffset DeviceNow = new(2025, 3, 14, 11, 30, 0, TimeSpan.Zero);

    protected BunitTestBase()
        : this(null)
    {
    }

    /// <param name="services">Registers what the components under test need (before the context resolves anything).</param>
    protected BunitTestBase(Action<IServiceCollection>? services)
    {
        Clock = new FakeTimeProvider(DeviceNow);
        Ctx = new BunitContext();
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        Ctx.Services.AddMudServices();
        Ctx.Services.AddLiveShopLocalization();
        Ctx.Services.AddSingleton<TimeProvider>(Clock);
        services?.Invoke(Ctx.Services);
        Ctx.SetRendererInfo(new RendererInfo("WebAssembly", isInteractive: true));
    }

    protected BunitContext Ctx { get; }

    /// <summary>The device clock components see through <see cref="TimeProvider"/>.</summary>
    protected FakeTimeProvider Clock { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Ctx.DisposeAsync();
}
