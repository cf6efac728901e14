namespace LiveShop.Server.Features.Payments;

public static class PaymentsExtensions
{
    /// <summary>The payment gateway, recording its answers, and settling orders whose answer never came.</summary>
    public static WebApplicationBuilder AddLiveShopPayments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPaymentGateway, DevelopmentPaymentGateway>();
        builder.Services.AddOptions<PaymentOptions>().Bind(builder.Configuration.GetSection(PaymentOptions.Section))
            .Validate(o => o.ReconcileAfterSeconds is >= 10 and <= 86_400 && o.ReconcileEverySeconds is >= 1 and <= 3_600, "Payments: ReconcileAfterSeconds 10–86400, ReconcileEverySeconds 1–3600.")
            .ValidateOnStart();
        builder.Services.AddScoped<PaymentRecorder>();
        builder.Services.AddSingleton<ChargesInFlight>();
        builder.Services.AddSingleton<PaymentReconciler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PaymentReconciler>());
        builder.Services.AddOptions<PaymentOptions>()
            .Validate(o => o.HoldMinutes is >= 1 and <= 1_440 && o.ExpireEverySeconds is >= 1 and <= 3_600, "Payments: HoldMinutes 1–1440, ExpireEverySeconds 1–3600.")
            .ValidateOnStart();
        builder.Services.AddSingleton<TestGatewayPolicy>();
        builder.Services.AddSingleton<ReservationExpirer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReservationExpirer>());
        return builder;
    }
}
