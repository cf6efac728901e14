using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Orders;

namespace LiveShop.Server.Features.Orders;

/// <summary>What <see cref="PlaceOrder"/> checks before anything is held (the key, the request, the address), how it tells two attempts apart, and the payment refusals.</summary>
public sealed partial class PlaceOrder
{
    internal static DomainException PaymentPending(Order order) =>
        DomainException.Conflict(ProblemCodes.PaymentPending,
            "The payment for order #{0} is still being confirmed. You will not be charged twice: it appears in My orders as soon as it is settled.",
            new Dictionary<string, object?> { ["orderId"] = order.Id, ["orderNumber"] = order.Number }, order.Number);

    private static DomainException Declined(Order order, string? because = null) =>
        new(RefusalKind.PaymentRequired, ProblemCodes.PaymentDeclined,
            because ?? "Your card was declined. Nothing was charged and the items went back on sale. Try another card or another way to pay.",
            new Dictionary<string, object?> { ["orderId"] = order.Id, ["orderNumber"] = order.Number });

    internal static string ValidateKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > Limits.IdempotencyKeyMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.IdempotencyKeyMissing,
                "Send an {0} header (1–{1} characters, new for each order) so a retry never orders twice.", ApiRoutes.IdempotencyKeyHeader, Limits.IdempotencyKeyMaxLength);
        }

        return key.Trim();
    }

    private static void Validate(PlaceOrderRequest? request)
    {
        if (request?.Lines is null || (request.ShippingAddress is null && request.Gift is null) || request.Payment is null)
        {
            throw DomainException.Invalid(ProblemCodes.ValidationFailed, "Say which show, which products, where to ship and how to pay.");
        }

        if (request.Lines.Any(l => l is null))
        {
            throw DomainException.Invalid(ProblemCodes.ValidationFailed, "Each line of the order needs a product, a quantity and the price shown.");
        }

        if (request.Lines.Count == 0)
        {
            throw DomainException.Invalid(ProblemCodes.OrderEmpty, "The cart is empty: add a product first.");
        }

        if (request.Lines.Count > Limits.OrderMaxLines)
        {
            throw DomainException.Invalid(ProblemCodes.OrderTooManyLines, "One order holds at most {0} different products.", Limits.OrderMaxLines);
        }

        // Two variants of one product are two lines; the same variant twice is one line with more units.
        if (request.Lines.Select(l => (l.ProductId, l.VariantId)).Distinct().Count() != request.Lines.Count)
        {
            throw DomainException.Invalid(ProblemCodes.ValidationFailed, "A product appears twice in the order: change its quantity instead.");
        }

        foreach (var line in request.Lines)
        {
            if (line.Quantity < 1 || line.Quantity > Limits.OrderMaxQuantity)
            {
                throw DomainException.Invalid(ProblemCodes.QuantityInvalid, "The quantity must be from 1 to {0}.", Limits.OrderMaxQuantity);
            }

            if (line.ExpectedUnitPrice < 0 || decimal.Round(line.ExpectedUnitPrice, 2) != line.ExpectedUnitPrice)
            {
                throw DomainException.Invalid(ProblemCodes.ValidationFailed, "The expected unit price must be the price shown (at least 0, at most two decimals).");
            }
        }

        if (request.Gift is { } gift)
        {
            ValidateGift(gift, request);
        }
        else
        {
            ValidateAddress(request.ShippingAddress!);
        }

        if (!Enum.IsDefined(request.Payment.Method))
        {
            throw DomainException.Invalid(ProblemCodes.PaymentInvalid, "Pay by card, cash on delivery or bank transfer.");
        }

        // Whether the shop takes the method (and the card number) is checked next, with the shop's settings: CheckoutMethods.RequireTakes.
    }

    /// <summary>
    /// A gift: no address (the recipient gives theirs), a message of at most <see cref="Limits.GiftMessageMaxLength"/>
    /// characters without control characters but line breaks, and paid by the buyer (never cash at the recipient's door).
    /// </summary>
    private static void ValidateGift(GiftRequest gift, PlaceOrderRequest request)
    {
        if (request.ShippingAddress is not null)
        {
            throw DomainException.Invalid(ProblemCodes.GiftInvalid, "A gift goes to the address its recipient gives: send no shipping address with it.");
        }

        var message = gift.Message?.Trim() ?? "";
        // No control or invisible format characters (bidi overrides could make the friend read another text), but the
        // joiner emoji are made of.
        if (message.Length > Limits.GiftMessageMaxLength
            || message.Any(c => (char.IsControl(c) && c != '\n' && c != '\r') || (char.GetUnicodeCategory(c) == UnicodeCategory.Format && c != '\u200D')))
        {
            throw DomainException.Invalid(ProblemCodes.GiftInvalid, "A gift's message is at most {0} characters of text.", Limits.GiftMessageMaxLength);
        }

        if (request.Payment.Method == PaymentMethod.CashOnDelivery)
        {
            throw DomainException.Invalid(ProblemCodes.GiftInvalid, "A gift is paid by its buyer: choose a card or a bank transfer, not cash on delivery.");
        }
    }

    /// <summary>The gift's message as stored: trimmed, null when empty.</summary>
    private static string? GiftMessage(GiftRequest gift) => string.IsNullOrWhiteSpace(gift.Message) ? null : gift.Message.Trim().ReplaceLineEndings("\n");

    /// <summary>Every field but the second address line is required; none longer than the limit.</summary>
    internal static void ValidateAddress(ShippingAddressDto address)
    {
        var required = new (Phrase Name, string? Value)[]
        {
            ("full name", address.FullName), ("address", address.Line1), ("city", address.City),
            ("postal code", address.PostalCode), ("country", address.Country), ("phone", address.Phone),
        };
        foreach (var (name, value) in required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw DomainException.Invalid(ProblemCodes.AddressInvalid, "The shipping address needs a {0}.", name);
            }
        }

        if (required.Select(f => f.Value).Append(address.Line2).Any(v => v?.Trim().Length > Limits.AddressFieldMaxLength))
        {
            throw DomainException.Invalid(ProblemCodes.AddressInvalid, "Each address field is at most {0} characters.", Limits.AddressFieldMaxLength);
        }
    }

    /// <summary>
    /// What makes two requests "the same order": show, lines (in any order), address (or the gift's message) and payment method
    /// with the card's last four digits — never the whole card number, which a hash would not protect.
    /// </summary>
    private static string Hash(PlaceOrderRequest request)
    {
        var a = request.ShippingAddress ?? ShippingAddress.None.ToDto();
        var card = TestCards.Normalize(request.Payment.CardNumber);
        var text = new StringBuilder()
            .Append(request.ShowId).Append('|')
            .AppendJoin(';', request.Lines.OrderBy(l => l.ProductId).ThenBy(l => l.VariantId).Select(LineText))
            .Append('|').AppendJoin('\u001f', a.FullName, a.Line1, a.Line2, a.City, a.PostalCode, a.Country, a.Phone)
            .Append('|').Append(request.Payment.Method).Append(':').Append(card.Length >= 4 ? card[^4..] : card)
            .Append(request.Gift is { } gift ? "|gift:" + GiftMessage(gift) : "")
            .ToString();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>A line in the hash: "product:quantity:price", the variant after the product when there is one (so lines without one hash as before).</summary>
    private static string LineText(PlaceOrderLine l) => (l.VariantId is { } variantId
        ? string.Create(CultureInfo.InvariantCulture, $"{l.ProductId}/{variantId}:{l.Quantity}:{l.ExpectedUnitPrice:0.00}")
        : string.Create(CultureInfo.InvariantCulture, $"{l.ProductId}:{l.Quantity}:{l.ExpectedUnitPrice:0.00}"))
        + (l.ClaimId is { } claimId ? $"#{claimId:N}" : "");
}
