using System.Globalization;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Payments;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Orders;

/// <summary>What one shop takes at checkout, and where a card payment goes (null: no cards here).</summary>
public sealed record CheckoutOffer(
    Guid ShopId,
    string ShopName,
    ICardPayments? Card,
    string? StripePublishableKey,
    bool CashOnDelivery,
    bool BankTransfer,
    string? BankTransferInstructions,
    int BankTransferDays,
    int GiftAcceptDays = Limits.GiftAcceptDefaultDays)
{
    public bool TestMode => Card?.TestMode == true;

    /// <summary>The methods the shop takes, in the order the checkout offers them.</summary>
    public IReadOnlyList<PaymentMethod> Methods =>
        [.. new[] { (Card is not null, PaymentMethod.Card), (CashOnDelivery, PaymentMethod.CashOnDelivery), (BankTransfer, PaymentMethod.BankTransfer) }
            .Where(m => m.Item1).Select(m => m.Item2)];
}

/// <summary>
/// The payment methods a show's checkout offers: the shop's settings (<see cref="ShopPaymentSettings"/>; a shop
/// without settings takes cash on delivery only, plus cards when a processor takes them), and its card processor
/// (<see cref="IShopCardPayments"/>, which offers the development gateway only where <see cref="TestGatewayPolicy"/>
/// allows it), so outside Development and tests no buyer is ever offered, or told about, a test card.
/// </summary>
public sealed class CheckoutMethods(LiveShopDbContext db, IShopCardPayments shopCards, IPaymentGateway gateway, IOptions<PaymentOptions> options)
{
    public async Task<CheckoutOffer> ForShopAsync(Guid shopId, CancellationToken cancellationToken)
    {
        var name = await db.Shops.Where(s => s.Id == shopId).Select(s => s.Name).SingleAsync(cancellationToken);
        var settings = await db.ShopPaymentSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ShopId == shopId, cancellationToken);
        var card = await CardAsync(shopId, cancellationToken);
        var instructions = settings?.BankTransferInstructions?.Trim();
        return new CheckoutOffer(
            shopId,
            name,
            card,
            card?.Processor == CardProcessor.Stripe ? settings?.StripePublishableKey : null,
            settings?.CashOnDelivery ?? true,
            settings is { BankTransfer: true } && !string.IsNullOrEmpty(instructions),
            instructions,
            settings?.BankTransferDays ?? ShopPaymentSettings.DefaultBankTransferDays,
            settings?.GiftAcceptDays ?? Limits.GiftAcceptDefaultDays);
    }

    /// <summary>The shop's card processor, if it takes cards here (the resolver offers the test gateway only where <see cref="TestGatewayPolicy"/> allows it).</summary>
    public Task<ICardPayments?> CardAsync(Guid shopId, CancellationToken cancellationToken) => shopCards.ForShopAsync(shopId, cancellationToken);

    /// <summary>
    /// The offer of each shop that sells the given products in the show: the show's shop, or in a creator's show each
    /// brand whose products they are (a product not in the lineup counts for nothing here; placing the order refuses it).
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, CheckoutOffer>> ForLinesAsync(Guid showId, IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        var showShopId = await db.Shows.Where(s => s.Id == showId).Select(s => (Guid?)s.ShopId).SingleOrDefaultAsync(cancellationToken)
            ?? throw DomainException.ShowNotFound();
        var shopIds = await db.ShowProducts.Where(l => l.ShowId == showId && productIds.Contains(l.ProductId)).Select(l => l.Product!.ShopId).Distinct().ToListAsync(cancellationToken);
        var offers = new Dictionary<Guid, CheckoutOffer>();
        foreach (var shopId in shopIds.Count == 0 ? [showShopId] : shopIds)
        {
            offers[shopId] = await ForShopAsync(shopId, cancellationToken);
        }

        return offers;
    }

    /// <summary>
    /// What the show's checkout offers: the shop's offer, or in a creator's show with several brands what every brand
    /// takes (a card only when all take cards through the same kind of processor; each order's payment session then
    /// carries its brand's Stripe key).
    /// </summary>
    public async Task<CheckoutOffer> ForShowAsync(Guid showId, CancellationToken cancellationToken)
    {
        var lineup = await db.ShowProducts.Where(l => l.ShowId == showId).Select(l => l.ProductId).ToListAsync(cancellationToken);
        var offers = (await ForLinesAsync(showId, lineup, cancellationToken)).Values.ToList();
        if (offers.Count == 1)
        {
            return offers[0];
        }

        var sameCards = offers.All(o => o.Card is not null) && offers.Select(o => o.Card!.Processor).Distinct().Count() == 1;
        var keys = offers.Select(o => o.StripePublishableKey).Distinct().ToList();
        return new CheckoutOffer(
            offers[0].ShopId,
            string.Join(", ", offers.Select(o => o.ShopName)),
            sameCards ? offers[0].Card : null,
            sameCards && keys.Count == 1 ? keys[0] : null,
            offers.All(o => o.CashOnDelivery),
            offers.All(o => o.BankTransfer),
            null,
            offers.Min(o => o.BankTransferDays));
    }

    /// <summary>What the show's checkout offers the buyer (<c>GET /api/shows/{id}/checkout</c>).</summary>
    public async Task<CheckoutOptionsDto> OptionsAsync(Guid showId, CancellationToken cancellationToken)
    {
        var offer = await ForShowAsync(showId, cancellationToken);
        return new CheckoutOptionsDto(
            offer.Card?.Processor ?? CardProcessor.None,
            offer.StripePublishableKey,
            offer.CashOnDelivery,
            offer.BankTransfer,
            offer.TestMode,
            options.Value.HoldMinutes,
            Notice(offer));
    }

    /// <summary>A sentence for the buyer when the checkout is not the usual card-first one.</summary>
    private static string? Notice(CheckoutOffer offer) => offer switch
    {
        { Card: null, CashOnDelivery: false, BankTransfer: false } => $"{offer.ShopName} takes no payments online yet: you cannot order here for now.",
        { Card: null } => $"This shop does not take cards online yet: {PayWith(offer)}.",
        { TestMode: true } => $"Test mode — no money moves: pay with test card {TestCards.Succeeds} (approved) or {TestCards.Declined} (declined).",
        _ => null,
    };

    /// <summary>"pay cash on delivery or by bank transfer" — the methods the shop takes, as a buyer reads them.</summary>
    private static Phrase PayWith(CheckoutOffer offer)
    {
        var ways = offer.Methods.Select(m => m switch
        {
            PaymentMethod.Card => new Phrase("by card"),
            PaymentMethod.CashOnDelivery => new Phrase("cash on delivery"),
            PaymentMethod.BankTransfer => new Phrase("by bank transfer"),
            _ => Phrase.Of(m),
        }).Cast<object?>().ToArray();
        return ways.Length switch
        {
            0 => new Phrase("no payment method is available"),
            1 => new Phrase("pay {0}", ways),
            2 => new Phrase("pay {0} or {1}", ways),
            _ => new Phrase("pay {0} or {1} or {2}", ways[..3]),
        };
    }

    /// <summary>
    /// Refuses (400, nothing changed) a method the shop does not take, with the methods it does take; a card number
    /// for Stripe (card details go from the browser to Stripe, never to LiveShop); a missing or unknown test card for
    /// the development gateway (only then are the test cards named).
    /// </summary>
    public void RequireTakes(CheckoutOffer offer, PaymentDetailsDto payment)
    {
        var hasNumber = !string.IsNullOrWhiteSpace(payment.CardNumber);
        var taken = offer.Methods.Contains(payment.Method);
        if (!taken)
        {
            var methods = new Dictionary<string, object?> { ["methods"] = offer.Methods.Select(m => m.ToString()).ToArray() };
            throw payment.Method switch
            {
                PaymentMethod.Card => new DomainException(RefusalKind.Invalid, ProblemCodes.PaymentMethodNotOffered, "{0} does not take cards here: {1}.", methods, offer.ShopName, PayWith(offer)),
                PaymentMethod.CashOnDelivery => new DomainException(RefusalKind.Invalid, ProblemCodes.PaymentMethodNotOffered, "{0} does not take cash on delivery: {1}.", methods, offer.ShopName, PayWith(offer)),
                PaymentMethod.BankTransfer => new DomainException(RefusalKind.Invalid, ProblemCodes.PaymentMethodNotOffered, "{0} does not take bank transfers: {1}.", methods, offer.ShopName, PayWith(offer)),
                _ => new DomainException(RefusalKind.Invalid, ProblemCodes.PaymentMethodNotOffered, "{0} does not take that payment method: {1}.", methods, offer.ShopName, PayWith(offer)),
            };
        }

        switch (payment.Method)
        {
            case PaymentMethod.Card when offer.Card!.Processor == CardProcessor.Stripe && hasNumber:
                throw DomainException.Invalid(ProblemCodes.PaymentInvalid, "Card details go to Stripe, never to LiveShop: send no card number and pay in the secure card form.");
            case PaymentMethod.Card when offer.Card!.Processor == CardProcessor.TestGateway && (!hasNumber || !gateway.Accepts(payment.CardNumber!)):
                throw DomainException.Invalid(ProblemCodes.PaymentInvalid,
                    "Test mode — no money moves: pay with test card {0} (approved) or {1} (declined), or another way this shop takes.", TestCards.Succeeds, TestCards.Declined);
            case PaymentMethod.CashOnDelivery when hasNumber:
                throw DomainException.Invalid(ProblemCodes.PaymentInvalid, "Cash on delivery takes no card number.");
            case PaymentMethod.BankTransfer when hasNumber:
                throw DomainException.Invalid(ProblemCodes.PaymentInvalid, "A bank transfer takes no card number.");
        }
    }

    /// <summary>What a buyer paying by transfer reads: the shop's instructions and the reference to quote.</summary>
    public static string TransferInstructions(CheckoutOffer offer, Order order) => string.Create(CultureInfo.InvariantCulture,
        $"{offer.BankTransferInstructions}\nReference: {order.PaymentReference}. Pay {Currencies.Format(order.Total, order.Currency)} by {order.HoldExpiresAt?.UtcDateTime:yyyy-MM-dd HH:mm} UTC, or the order is cancelled.");

    /// <summary>The payment reference a transfer quotes: "LS-" and the order's number.</summary>
    public static string TransferReference(Order order) => "LS-" + order.Number;
}
