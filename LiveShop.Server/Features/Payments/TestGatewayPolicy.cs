using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Payments;

/// <summary>
/// Whether the development gateway may take card payments here: in Development, or where
/// <c>Payments:AllowTestGateway=true</c>. Everywhere else a shop without Stripe takes no cards, and no
/// refusal mentions a test card. <see cref="IShopCardPayments"/> implementations and the checkout both ask it.
/// </summary>
public sealed class TestGatewayPolicy(IHostEnvironment environment, IOptions<PaymentOptions> options)
{
    public bool Allowed => environment.IsDevelopment() || options.Value.AllowTestGateway;
}
