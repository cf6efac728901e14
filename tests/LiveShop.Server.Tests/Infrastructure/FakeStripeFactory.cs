using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Payments;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>
/// The app with a clock the test moves, talking to a <see cref="FakeStripe"/> instead of Stripe, with the demo shop
/// connected to its own fake Stripe account. Rounds of <see cref="PaymentReconciler"/> run only when the test asks.
/// </summary>
public sealed class FakeStripeFactory : FakeClockLiveShopFactory
{
    public const string PublishableKey = "pk_test_demoShop51";
    public const string SecretKey = "sk_test_demoShop51secret";
    public const string WebhookSecret = "whsec_demoShop51signing";

    private readonly SemaphoreSlim _connect = new(1, 1);
    private bool _connected;

    public FakeStripeFactory()
    {
        Stripe.Now = () => Clock.GetUtcNow();
        Stripe.AddAccount(SecretKey, WebhookSecret);
    }

    public FakeStripe Stripe { get; } = new();

    public PaymentReconciler Reconciler => Services.GetRequiredService<PaymentReconciler>();

    /// <summary>Where Stripe sends the demo shop's events.</summary>
    public Uri DemoWebhook => new(BaseAddress, ApiRoutes.StripeWebhook("formosa"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Payments:Stripe:ApiBase", Stripe.ApiBase);
        builder.UseSetting("Payments:ReconcileAfterSeconds", "120");
        builder.UseSetting("Payments:ReconcileEverySeconds", "3600");
        base.ConfigureWebHost(builder);
    }

    /// <summary>The demo shop's owner enters its Stripe keys in the payment settings (once per app).</summary>
    public async Task ConnectDemoShopAsync()
    {
        await _connect.WaitAsync();
        try
        {
            if (_connected)
            {
                return;
            }

            var owner = await SignInAsync(DemoSeeder.OwnerAccount.Email);
            var response = await owner.Http.PutAsJsonAsync(ApiRoutes.ShopPayments(DemoSeeder.DemoShopId),
                new SaveShopPaymentSettingsRequest(PublishableKey, SecretKey, WebhookSecret, true, false, null, 3));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            _connected = true;
        }
        finally
        {
            _connect.Release();
        }
    }

    /// <summary>
    /// An order the buyer is paying with Stripe: it holds its stock (placed through the API), is
    /// <see cref="OrderStatus.PendingPayment"/>, and has a PaymentIntent at the fake Stripe made by the shop's
    /// <see cref="StripeCardPayments"/>. (Placing a Stripe order through the checkout is part 2's; this stands in for it.)
    /// </summary>
    public async Task<(OrderDto Order, string IntentId)> PendingStripeOrderAsync(SignedIn buyer, Guid showId, Guid productId, decimal price, int quantity = 1)
    {
        await ConnectDemoShopAsync();
        var placed = await buyer.Http.BuyAsync(Shopping.Request(showId, productId, price, quantity, new PaymentDetailsDto(PaymentMethod.CashOnDelivery, null)));
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        await db.Orders.Where(o => o.Id == placed.Id).ExecuteUpdateAsync(o => o
            .SetProperty(x => x.Status, OrderStatus.PendingPayment)
            .SetProperty(x => x.PaymentMethod, PaymentMethod.Card));
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == placed.Id);
        var processor = await scope.ServiceProvider.GetRequiredService<IShopCardPayments>().ForShopAsync(order.ShopId, CancellationToken.None);
        var start = await Assert.IsType<StripeCardPayments>(processor).StartAsync(order, new PaymentDetailsDto(PaymentMethod.Card, null), CancellationToken.None);
        await db.Orders.Where(o => o.Id == placed.Id).ExecuteUpdateAsync(o => o.SetProperty(x => x.PaymentReference, start.Reference));
        return (placed with { Status = OrderStatus.PendingPayment }, start.Reference!);
    }

    /// <summary>The order as stored, with its history.</summary>
    public Task<Order> OrderAsync(Guid id) => this.ReadAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == id));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}
