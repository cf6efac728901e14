using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Payments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>
/// The app with a clock the test moves (<see cref="FakeClockLiveShopFactory"/>) and a payment gateway the test can hold: what happens in the room
/// between an order taking its units and the card's answer.
/// </summary>
public sealed class HeldPaymentFactory : FakeClockLiveShopFactory
{
    public HeldGateway Gateway { get; } = new();

    protected override void ReplaceServices(IServiceCollection services)
    {
        services.RemoveAll<IPaymentGateway>();
        services.AddSingleton<IPaymentGateway>(Gateway);
    }
}

/// <summary>The development gateway, whose answers wait while the test holds them.</summary>
public sealed class HeldGateway : IPaymentGateway
{
    private readonly DevelopmentPaymentGateway _inner = new();
    private TaskCompletionSource _release = Completed();

    public string DisplayName => _inner.DisplayName;

    public bool Accepts(string cardNumber) => _inner.Accepts(cardNumber);

    /// <summary>From now on, charges wait until <see cref="Release"/>.</summary>
    public void Hold() => _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    public async Task<PaymentResult> ChargeAsync(PaymentCharge charge, CancellationToken cancellationToken)
    {
        await _release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return await _inner.ChargeAsync(charge, cancellationToken);
    }

    public Task<PaymentResult?> LookupAsync(Guid orderId, CancellationToken cancellationToken) => _inner.LookupAsync(orderId, cancellationToken);

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
