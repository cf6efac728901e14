using Microsoft.AspNetCore.Hosting;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>
/// A test server whose creators' commission is confirmed at delivery (<c>Creators:ConfirmAfterDays</c> 0), so a
/// statement can be paid without waiting out a return period (the period itself is checked in <c>CreatorLedgerTests</c>).
/// </summary>
public sealed class ConfirmAtDeliveryFactory : LiveShopFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Creators:ConfirmAfterDays", "0");
    }
}
