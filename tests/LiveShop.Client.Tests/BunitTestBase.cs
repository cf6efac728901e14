using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LiveShop.Client.Tests;

/// <summary>
/// Shared setup for component tests: loose JS interop and MudBlazor services. The context is
/// disposed asynchronously because MudBlazor's popover service only supports async disposal.
/// </summary>
public abstract class BunitTestBase : IAsyncLifetime
{
    protected BunitTestBase()
    {
        Ctx = new BunitContext();
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        Ctx.Services.AddMudServices();
    }

    protected BunitContext Ctx { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Ctx.DisposeAsync();
}
