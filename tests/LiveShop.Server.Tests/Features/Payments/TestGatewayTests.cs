using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Payments;

/// <summary>The app in Production, with the demo seeded by the test (Production never seeds it itself).</summary>
public class ProductionCheckoutFactory : LiveShopFactory
{
    protected override string Environment => "Production";

    public async Task SeedDemoAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
    }
}

/// <summary>Production where Payments:AllowTestGateway=true: a staging server for demos and these tests.</summary>
public sealed class TestGatewayAllowedFactory : ProductionCheckoutFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Payments:AllowTestGateway", "true");
    }
}

/// <summary>Production never takes, offers or names a test card unless Payments:AllowTestGateway says so.</summary>
public class TestGatewayOffInProductionTests(ProductionCheckoutFactory factory) : IClassFixture<ProductionCheckoutFactory>
{
    [Fact]
    public async Task TestCard_IsRefused_WithoutNamingAnyTestCard()
    {
        await factory.SeedDemoAsync();
        await using var room = await LiveRoom.StartAsync(factory, "Production shop");
        var buyer = await factory.GuestAsync("Real Buyer");

        var options = await buyer.Http.GetFromJsonAsync<CheckoutOptionsDto>(ApiRoutes.ShowCheckout(room.Show.Id));
        Assert.Equal((CardProcessor.None, false, true), (options!.Card, options.TestMode, options.CashOnDelivery));

        var response = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, LiveRoom.Lineup[0], 690m), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.PaymentMethodNotOffered, problem.Code);
        Assert.DoesNotContain("4242", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("0002", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("test", problem.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await buyer.Http.MyOrdersAsync());
    }
}

public class TestGatewayAllowedTests(TestGatewayAllowedFactory factory) : IClassFixture<TestGatewayAllowedFactory>
{
    [Fact]
    public async Task AllowTestGateway_TakesTheTestCard_InTestMode()
    {
        await factory.SeedDemoAsync();
        await using var room = await LiveRoom.StartAsync(factory, "Staging shop");
        var buyer = await factory.GuestAsync("Demo Buyer");

        var options = await buyer.Http.GetFromJsonAsync<CheckoutOptionsDto>(ApiRoutes.ShowCheckout(room.Show.Id));
        Assert.Equal((CardProcessor.TestGateway, true), (options!.Card, options.TestMode));
        Assert.StartsWith("Test mode — no money moves", options.Notice, StringComparison.Ordinal);

        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, LiveRoom.Lineup[0], 690m));
        Assert.Equal((OrderStatus.Paid, "4242"), (order.Status, order.CardLast4));
    }
}
