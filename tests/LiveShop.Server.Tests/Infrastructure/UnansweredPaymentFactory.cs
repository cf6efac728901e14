using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Payments;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>
/// The app with a clock the test moves and a gateway whose answers can be lost on the way back: what
/// happens to an order whose payment answer never came. Rounds of <see cref="PaymentReconciler"/> run
/// only when the test asks (the periodic one is an hour apart).
/// </summary>
public sealed class UnansweredPaymentFactory : FakeClockLiveShopFactory
{
    public LossyGateway Gateway { get; } = new();

    public PaymentReconciler Reconciler => Services.GetRequiredService<PaymentReconciler>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Payments:ReconcileAfterSeconds", "120");
        builder.UseSetting("Payments:ReconcileEverySeconds", "3600");
        base.ConfigureWebHost(builder);
    }

    protected override void ReplaceServices(IServiceCollection services)
    {
        services.RemoveAll<IPaymentGateway>();
        services.AddSingleton<IPaymentGateway>(Gateway);
    }
}

/// <summary>What goes wrong with the development gateway's next charge.</summary>
public enum LostAnswer
{
    /// <summary>Nothing: the answer comes back.</summary>
    None,

    /// <summary>The gateway charged (or declined) but the answer never came back.</summary>
    AfterCharging,

    /// <summary>The request never reached the gateway: nothing was charged.</summary>
    BeforeCharging,
}

/// <summary>The development gateway, whose answers the test can lose, and whose lookups it can make fail.</summary>
public sealed class LossyGateway : IPaymentGateway
{
    private readonly DevelopmentPaymentGateway _inner = new();

    public LostAnswer Next { get; set; }

    /// <summary>While true, asking what became of a charge fails (the gateway's lookup times out).</summary>
    public bool LookupsFail { get; set; }

    private TaskCompletionSource _release = Released();

    /// <summary>From now on, charges wait (the gateway is slow) until <see cref="Release"/>.</summary>
    public void Hold() => _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    public string DisplayName => _inner.DisplayName;

    public bool Accepts(string cardNumber) => _inner.Accepts(cardNumber);

    public async Task<PaymentResult> ChargeAsync(PaymentCharge charge, CancellationToken cancellationToken)
    {
        var lost = Next;
        Next = LostAnswer.None;
        await _release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        if (lost == LostAnswer.BeforeCharging)
        {
            throw new HttpRequestException("Connection refused (test).");
        }

        var result = await _inner.ChargeAsync(charge, cancellationToken);
        return lost == LostAnswer.AfterCharging ? throw new TaskCanceledException("The gateway's answer timed out (test).") : result;
    }

    public Task<PaymentResult?> LookupAsync(Guid orderId, CancellationToken cancellationToken) =>
        LookupsFail ? throw new TaskCanceledException("The gateway's lookup timed out (test).") : _inner.LookupAsync(orderId, cancellationToken);

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource();
        released.SetResult();
        return released;
    }
}
