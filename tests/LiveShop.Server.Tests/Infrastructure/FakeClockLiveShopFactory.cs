using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>The app with a clock the test moves: flash-sale windows and rate limits without waiting.</summary>
public class FakeClockLiveShopFactory : LiveShopFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            ReplaceServices(services);
        });
    }

    /// <summary>What a derived factory replaces besides the clock (e.g. the payment gateway).</summary>
    protected virtual void ReplaceServices(IServiceCollection services)
    {
    }
}
