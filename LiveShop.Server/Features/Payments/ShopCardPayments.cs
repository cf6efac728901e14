using LiveShop.Server.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;

namespace LiveShop.Server.Features.Payments;

/// <summary>
/// Which card processor a shop has: its own Stripe account when it connected one; else the development gateway
/// (test cards, no money moves) where <see cref="TestGatewayPolicy"/> allows it; else none.
/// </summary>
public sealed class ShopCardPayments(
    LiveShopDbContext db,
    StripeSecrets secrets,
    StripeClients clients,
    IPaymentGateway gateway,
    TestGatewayPolicy testGateway) : IShopCardPayments
{
    public async Task<ICardPayments?> ForShopAsync(Guid shopId, CancellationToken cancellationToken)
    {
        var settings = await db.ShopPaymentSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ShopId == shopId, cancellationToken);
        if (settings is { StripeConnected: true })
        {
            return new StripeCardPayments(clients.For(secrets.Unprotect(settings.StripeSecretKeyProtected!)), settings.StripePublishableKey!, shopId);
        }

        return testGateway.Allowed ? new TestGatewayCardPayments(gateway) : null;
    }
}

/// <summary>The shops' Stripe secrets (secret keys, webhook signing secrets), protected at rest with ASP.NET Core Data Protection.</summary>
public sealed class StripeSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector(StripeOptions.ProtectionPurpose);

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}

/// <summary>Stripe clients for the shops' keys, sharing one HTTP connection pool, aimed at <see cref="StripeOptions.ApiBase"/>.</summary>
public sealed class StripeClients(IOptions<StripeOptions> options) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public IStripeClient For(string secretKey) =>
        new StripeClient(secretKey, httpClient: new SystemNetHttpClient(_http), apiBase: options.Value.ApiBase);

    public void Dispose() => _http.Dispose();
}
