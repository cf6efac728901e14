namespace LiveShop.Server.Features.Payments;

public static class PaymentsExtensions
{
    /// <summary>The payment gateway, each shop's card processor (Stripe), recording answers, and settling orders whose answer never came.</summary>
    public static WebApplicationBuilder AddLiveShopPayments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPaymentGateway, DevelopmentPaymentGateway>();
        builder.Services.AddOptions<PaymentOptions>().Bind(builder.Configuration.GetSection(PaymentOptions.Section))
            .Validate(o => o.ReconcileAfterSeconds is >= 10 and <= 86_400 && o.ReconcileEverySeconds is >= 1 and <= 3_600, "Payments: ReconcileAfterSeconds 10–86400, ReconcileEverySeconds 1–3600.")
            .ValidateOnStart();
        builder.Services.AddScoped<PaymentRecorder>();
        builder.Services.AddOptions<StripeOptions>().Bind(builder.Configuration.GetSection(StripeOptions.Section))
            .Validate(o => Uri.TryCreate(o.ApiBase, UriKind.Absolute, out _), "Payments:Stripe:ApiBase must be an absolute URL.")
            .ValidateOnStart();
        builder.Services.AddSingleton<StripeSecrets>();
        builder.Services.AddSingleton<StripeClients>();
        builder.Services.AddScoped<IShopCardPayments, ShopCardPayments>();
        builder.Services.AddScoped<PaymentSettings>();
        builder.Services.AddScoped<StripeWebhook>();
        builder.Services.AddScoped<StripeEventHandler>();
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

    /// <summary>A shop's payment settings and its Stripe webhook.</summary>
    public static IEndpointRouteBuilder MapPaymentsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapShopPaymentsEndpoints();
        app.MapStripeWebhookEndpoints();
        return app;
    }
}
