using LiveShop.Server.Hubs;
using LiveShop.Server.Realtime.Scaleout;
using LiveShop.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Realtime;

/// <summary>
/// Azure SignalR Service cannot run here (issue 16): what is tested is that its setting wires it — the hub's
/// connections go through the service's lifetime manager, still reported to the room engine, and the pages are told
/// to negotiate (the service hands out its own address) — and that without it nothing changes.
/// </summary>
public sealed class AzureSignalRTests : IClassFixture<AzureSignalRTests.WithAzure>
{
    private readonly WithAzure _azure;

    public AzureSignalRTests(WithAzure azure) => _azure = azure;

    [Fact]
    public async Task WithItsConnectionString_TheServiceCarriesTheHub_AndPagesNegotiate()
    {
        var manager = Assert.IsType<RoomTrackingHubLifetimeManager<LiveShowHub>>(_azure.Services.GetRequiredService<HubLifetimeManager<LiveShowHub>>());
        Assert.Equal("Microsoft.Azure.SignalR", manager.Inner.GetType().Namespace);
        Assert.True(_azure.Services.GetRequiredService<HubClientMode>().Negotiate);

        var page = await _azure.NewBrowser().GetStringAsync("/");
        Assert.Contains("data-hub=\"negotiate\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_PagesGoStraightToWebSockets_OnTheInProcessManager()
    {
        await using var plain = new LiveShopFactory();
        var manager = plain.Services.GetRequiredService<HubLifetimeManager<LiveShowHub>>();
        Assert.IsType<LiveShop.Server.Realtime.RoomTrackingLifetimeManager<LiveShowHub>>(manager);
        var page = await plain.NewBrowser().GetStringAsync("/");
        Assert.Contains("data-hub=\"websockets\"", page, StringComparison.Ordinal);
    }

    /// <summary>An instance configured for an Azure SignalR resource that is not there (a closed loopback port: no traffic leaves the machine).</summary>
    public sealed class WithAzure : LiveShopFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(ScaleoutExtensions.AzureSignalRSetting, "Endpoint=http://127.0.0.1;Port=1;AccessKey=" + Convert.ToBase64String(new byte[32]) + ";Version=1.0;");
        }
    }
}
