using System.Globalization;
using System.Net;
using System.Threading.Channels;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Email;
using LiveShop.Server.Features.Localization;
using LiveShop.Server.Resources;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Fulfilment;

/// <summary>
/// The mail a buyer gets when their order changes: the order number, a sentence saying where it is, the tracking
/// link when it has shipped, what was refunded, and a link to the order's page. Written in the culture in force
/// (the caller sets the recipient's, see <see cref="MailLanguage"/>): its words from <see cref="MailText"/>, its money
/// and dates in that culture; product names, the show's title and the shop's notes stay as written.
/// </summary>
public static class OrderMail
{
    /// <summary>The mail for this state of the order, or null when there is nothing to tell (still waiting for the card's answer).</summary>
    /// <param name="T">The mail texts, read in the current culture.</param>
    /// <param name="orderLink">The order's page, or null when this server does not know its public address.</param>
    public static EmailMessage? Compose(IStringLocalizer<MailText> T, string to, OrderDto order, string? orderLink)
    {
        var refundOnly = IsRefundOnly(order);
        var (headline, sentence) = refundOnly
            ? (T["money refunded"].Value, T["{0} of your order has been refunded to you.", Money(order.RefundedAmount, order.Currency)].Value)
            : Describe(T, order);
        if (headline is null)
        {
            return null;
        }

        var lines = new List<string> { T["Hi {0},", order.BuyerName], "", sentence };
        if (!refundOnly && order.Status == OrderStatus.Shipped && order.Shipment is { } shipment)
        {
            lines.Add("");
            lines.Add(T["Carrier: {0}", shipment.Carrier]);
            if (shipment.TrackingNumber.Length > 0)
            {
                lines.Add(T["Tracking number: {0}", shipment.TrackingNumber]);
            }

            if (shipment.TrackingUrl is { } url)
            {
                lines.Add(T["Follow the parcel: {0}", url]);
            }
        }

        if (order.RefundedAmount > 0 && !refundOnly)
        {
            lines.Add("");
            lines.Add(T["Refunded so far: {0} of {1}.", Money(order.RefundedAmount, order.Currency), Money(order.Total, order.Currency)]);
        }

        lines.Add("");
        var items = string.Join(", ", order.Lines.Select(l => $"{l.Quantity} × {l.Name}{(l.VariantLabel is { } v ? $" ({v})" : "")}"));
        lines.Add(T["Order #{0} from “{1}”: {2}.", order.Number, order.ShowTitle, items]);
        if (orderLink is not null)
        {
            lines.Add("");
            lines.Add(T["See your order: {0}", orderLink]);
        }

        lines.Add("");
        lines.Add("— LiveShop");
        var text = string.Join("\n", lines) + "\n";
        var html = string.Concat(lines.Where(l => l.Length > 0).Select(l => $"<p>{Linked(l)}</p>"));
        return new EmailMessage(to, T["Order #{0}: {1}", order.Number, headline], text, html);
    }

    /// <summary>A refund that did not change the status (part of an order): the last history step is older than the order's last change.</summary>
    private static bool IsRefundOnly(OrderDto order) =>
        order.RefundedAmount > 0 && order.History is { Count: > 0 } history && history[^1].At < order.UpdatedAt
        && order.Status is not (OrderStatus.Refunded or OrderStatus.Cancelled);

    private static (string? Headline, string Sentence) Describe(IStringLocalizer<MailText> T, OrderDto order)
    {
        var total = Money(order.Total, order.Currency);
        return order.Status switch
        {
            OrderStatus.PendingPayment => (null, ""),
            OrderStatus.Paid => (T["paid"], T["We have your payment of {0}. The shop is getting your order ready.", total]),
            OrderStatus.CashOnDelivery => (T["confirmed"], T["Your order is confirmed. You pay {0} to the courier on delivery.", total]),
            OrderStatus.AwaitingTransfer => (T["waiting for your transfer"], Transfer(T, order, total)),
            OrderStatus.PaymentDeclined => (T["payment declined"], T["Your card was declined, so the order was not placed. Nothing was charged."]),
            OrderStatus.Packed => (T["packed"], T["Your order is packed and waiting for the carrier."]),
            OrderStatus.Shipped => (T["shipped"], order.Shipment is { } s ? T["Your order is on its way with {0}.", s.Carrier] : T["Your order is on its way."]),
            OrderStatus.Delivered => (T["delivered"], T["Your order was delivered. Enjoy it!"]),
            OrderStatus.Cancelled => (T["cancelled"], Sentences(
                T["Your order was cancelled."],
                order.RefundedAmount > 0 ? T["{0} goes back to you.", Money(order.RefundedAmount, order.Currency)].Value : null,
                order.History is { Count: > 0 } h && h[^1].Note is { } note ? T["Reason: {0}", note].Value : null)),
            OrderStatus.Refunded => (T["refunded"], T["Your order was refunded: {0} goes back to you.", Money(order.RefundedAmount, order.Currency)]),
            OrderStatus.Returned => (T["returned"], T["The shop received your return."]),
        };
    }

    /// <summary>What to transfer, with the reference and the deadline when there are ones, then the shop's own instructions.</summary>
    private static string Transfer(IStringLocalizer<MailText> T, OrderDto order, string total)
    {
        var until = order.HoldExpiresAt is { } at ? at.UtcDateTime.ToString("g", CultureInfo.CurrentCulture) + " UTC" : null;
        LocalizedString sentence = (order.PaymentReference, until) switch
        {
            ({ } reference, { } by) => T["Your order is reserved. Please transfer {0} with the reference {1} by {2}.", total, reference, by],
            ({ } reference, null) => T["Your order is reserved. Please transfer {0} with the reference {1}.", total, reference],
            (null, { } by) => T["Your order is reserved. Please transfer {0} by {1}.", total, by],
            (null, null) => T["Your order is reserved. Please transfer {0}.", total],
        };
        return Sentences(sentence, order.PaymentInstructions);
    }

    /// <summary>Sentences one after another: a space between them, none in Chinese (its full stop ends the sentence).</summary>
    private static string Sentences(params string?[] sentences) =>
        string.Join(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" ? "" : " ", sentences.Where(x => !string.IsNullOrEmpty(x)));

    /// <summary>In the reader's culture: NT$1,290 · ¥1,290.00 · 1.290,00 €.</summary>
    private static string Money(decimal amount, string currency) => Currencies.Format(amount, currency);

    private static string Linked(string line)
    {
        var at = line.IndexOf("http", StringComparison.Ordinal);
        if (at < 0 || (!line.AsSpan(at).StartsWith("http://", StringComparison.Ordinal) && !line.AsSpan(at).StartsWith("https://", StringComparison.Ordinal)))
        {
            return WebUtility.HtmlEncode(line);
        }

        var url = line[at..];
        return WebUtility.HtmlEncode(line[..at]) + $"<a href=\"{WebUtility.HtmlEncode(url)}\">{WebUtility.HtmlEncode(url)}</a>";
    }
}

/// <summary>
/// Mails order changes to their buyers in the background, one after another, so an order (a flash-sale burst
/// included) never waits for a mail server. Guests and accounts without an address get none; a mail that fails is
/// logged and dropped (the order's page and its live updates stay the source of truth). When the queue is full
/// (1,000 waiting) the newest mail is dropped (logged once per thousand).
/// </summary>
public sealed class OrderMailQueue(
    IServiceScopeFactory scopes,
    EmailDelivery delivery,
    IOptions<EmailOptions> options,
    IHttpContextAccessor http,
    ILogger<OrderMailQueue> logger) : BackgroundService
{
    private readonly Channel<(OrderDto Order, string? Root, string? Language)> _queue = Channel.CreateBounded<(OrderDto, string?, string?)>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private long _dropped;

    /// <summary>Queues the mail for this change of the order (nothing when this server cannot send mail).</summary>
    public void Enqueue(OrderDto order)
    {
        if (!delivery.CanSend)
        {
            return;
        }

        if (!_queue.Writer.TryWrite((order, LinkRoot(), BuyersRequestLanguage(order))) && Interlocked.Increment(ref _dropped) % 1000 == 1)
        {
            // Once per thousand, so a burst that fills the queue does not flood the log as well.
            logger.LogWarning("The order mail queue is full: {Dropped} mails dropped so far (order #{Number} is one).", _dropped, order.Number);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (order, root, requestLanguage) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
                var buyer = await db.Users.Where(u => u.Id == order.BuyerId && !u.IsGuest && u.Email != null)
                    .Select(u => new { u.Email, u.Language }).SingleOrDefaultAsync(stoppingToken);
                if (buyer is null)
                {
                    continue;
                }

                // The buyer's profile language; else that of the buyer's own request that changed the order; else English.
                EmailMessage? mail;
                using (CultureScope.Use(buyer.Language ?? requestLanguage))
                {
                    mail = OrderMail.Compose(scope.ServiceProvider.GetRequiredService<IStringLocalizer<MailText>>(), buyer.Email!, order, root is null ? null : $"{root}orders/{order.Id}");
                }

                if (mail is null)
                {
                    continue;
                }

                await scope.ServiceProvider.GetRequiredService<IEmailSender>().SendAsync(mail, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Order #{Number}: the mail about {Status} was not sent: {Reason}", order.Number, order.Status, e.Message);
            }
        }
    }

    /// <summary>The current request's language when the buyer made it (placing, paying, cancelling); null for the shop's requests and background work.</summary>
    private string? BuyersRequestLanguage(OrderDto order) =>
        http.HttpContext?.User.FindUserId() == order.BuyerId ? MailLanguage.OfRequest(http) : null;

    /// <summary><c>Email:LinkBaseUrl</c>, else the address the current request came to, else none.</summary>
    private string? LinkRoot()
    {
        if (!string.IsNullOrEmpty(options.Value.LinkBaseUrl))
        {
            return options.Value.LinkBaseUrl.TrimEnd('/') + "/";
        }

        return http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}{request.PathBase}/" : null;
    }
}
