using Microsoft.AspNetCore.Hosting;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>
/// A test server with the rate limits raised (as every other) but flash-sale caps by browser, shipping
/// address and card on, as shipped (<see cref="LiveShopFactory.RaisedLimits"/> turns them off, since all
/// test buyers share one address and card).
/// </summary>
public sealed class IdentityCapsFactory : LiveShopFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identities:CapFlashSalesByIdentity", "true");
    }
}
