using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Payments;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>A card processor that works like Stripe's Payment Element: a session for the browser, answers the test sets.</summary>
public sealed class FakeBrowserCardPayments : ICardPayments
{
    /// <summary>Whether <see cref="StartAsync"/> fails (the processor is down).</summary>
    public bool FailToStart { get; set; }

    /// <summary>What a lookup finds for an order (default: not final, the buyer may still pay).</summary>
    public Func<Order, PaymentLookup> Lookup { get; set; } = _ => PaymentLookup.NotFinal;

    /// <summary>Orders paid at the processor: voiding them fails (they were paid meanwhile).</summary>
    public HashSet<Guid> Paid { get; } = [];

    public List<Guid> Voided { get; } = [];

    public CardProcessor Processor => CardProcessor.Stripe;

    public bool TestMode => false;

    public Task<PaymentStart> StartAsync(Order order, PaymentDetailsDto details, CancellationToken cancellationToken)
    {
        if (FailToStart)
        {
            throw new HttpRequestException("The processor is down.");
        }

        var intent = $"pi_{order.Id:N}";
        return Task.FromResult(new PaymentStart(null, new PaymentSessionDto(CardProcessor.Stripe, intent + "_secret_test", "pk_test_fake", false), intent));
    }

    public Task<PaymentLookup> LookupAsync(Order order, CancellationToken cancellationToken) => Task.FromResult(Lookup(order));

    public Task<bool> VoidAsync(Order order, CancellationToken cancellationToken)
    {
        lock (Voided)
        {
            Voided.Add(order.Id);
        }

        return Task.FromResult(!Paid.Contains(order.Id));
    }

    public Task<RefundResult> RefundAsync(Order order, decimal amount, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(new RefundResult(true, "re_" + idempotencyKey, null));
}

/// <summary>
/// The app with a clock the test moves and the card processor the test chooses for every shop (<see cref="Cards"/>:
/// the fake browser processor, or null for none). Rounds of <see cref="ReservationExpirer"/> run when the test asks.
/// </summary>
public sealed class HeldStockFactory : FakeClockLiveShopFactory
{
    public FakeBrowserCardPayments Browser { get; } = new();

    public ICardPayments? Cards { get; set; }

    public ReservationExpirer Expirer => Services.GetRequiredService<ReservationExpirer>();

    public HeldStockFactory() => Cards = Browser;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Payments:ExpireEverySeconds", "3600");
        builder.UseSetting("Payments:ReconcileEverySeconds", "3600");
        base.ConfigureWebHost(builder);
    }

    protected override void ReplaceServices(IServiceCollection services)
    {
        services.RemoveAll<IShopCardPayments>();
        services.AddSingleton<IShopCardPayments>(new Chosen(this));
    }

    private sealed class Chosen(HeldStockFactory factory) : IShopCardPayments
    {
        public Task<ICardPayments?> ForShopAsync(Guid shopId, CancellationToken cancellationToken) => Task.FromResult(factory.Cards);
    }
}
